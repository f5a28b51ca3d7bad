import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ChecksumFormatError } from './download-errors.js';

export const CHECKSUM_ALGORITHMS = ['sha256', 'md5'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export interface ExpectedChecksum {
  readonly algorithm: ChecksumAlgorithm;
  /** Lower-case hex digest. */
  readonly hex: string;
  /** Where the expectation came from, for messages: `parameter` or the sidecar URL. */
  readonly source: string;
}

const HEX_LENGTH: Readonly<Record<ChecksumAlgorithm, number>> = { sha256: 64, md5: 32 };

/** Parses `sha256:<hex>` or `md5:<hex>`. */
export function parseChecksum(text: string, source = 'parameter'): ExpectedChecksum {
  const match = /^(sha256|md5):([0-9a-fA-F]+)$/.exec(text.trim());
  const algorithm = match?.[1] as ChecksumAlgorithm | undefined;
  const hex = match?.[2]?.toLowerCase();
  if (!algorithm || !hex || hex.length !== HEX_LENGTH[algorithm]) {
    throw new ChecksumFormatError(
      `Checksum ${JSON.stringify(text)} is not understood; expected sha256:<64 hex> or md5:<32 hex>`,
    );
  }
  return { algorithm, hex, source };
}

const GNU_LINE = /^([0-9a-fA-F]{32})\s+\*?(.+)$/;
const BSD_LINE = /^MD5\s*\((.+)\)\s*=\s*([0-9a-fA-F]{32})$/;
const BARE_LINE = /^([0-9a-fA-F]{32})$/;

/**
 * Reads an MD5 sidecar in GNU (`<hex>  name`, `<hex> *name`) or BSD (`MD5 (name) = <hex>`) form, or a bare
 * digest. With several lines the one naming `fileName` wins; a single line is used whatever name it gives,
 * because mirrors often rename files without regenerating the sidecar.
 */
export function parseMd5Sidecar(text: string, fileName: string, source: string): ExpectedChecksum {
  const entries = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map(parseSidecarLine);
  const valid = entries.filter((entry): entry is SidecarEntry => entry !== undefined);
  const chosen = valid.length === 1 ? valid[0] : valid.find((entry) => entry.name === fileName);
  if (!chosen) {
    throw new ChecksumFormatError(
      `MD5 sidecar ${source} has no digest for ${fileName}; expected "<hex>  ${fileName}" or "MD5 (${fileName}) = <hex>"`,
    );
  }
  return { algorithm: 'md5', hex: chosen.hex.toLowerCase(), source };
}

interface SidecarEntry {
  readonly hex: string;
  readonly name: string | undefined;
}

function parseSidecarLine(line: string): SidecarEntry | undefined {
  const bsd = BSD_LINE.exec(line);
  if (bsd?.[1] && bsd[2]) return { hex: bsd[2], name: bsd[1].trim() };
  const gnu = GNU_LINE.exec(line);
  if (gnu?.[1] && gnu[2]) return { hex: gnu[1], name: gnu[2].trim() };
  const bare = BARE_LINE.exec(line);
  if (bare?.[1]) return { hex: bare[1], name: undefined };
  return undefined;
}

/** A pass-through stream that hashes what flows through it with one or more algorithms. */
export class HashingStream extends Transform {
  private readonly hashes: Map<ChecksumAlgorithm, Hash>;

  constructor(algorithms: Iterable<ChecksumAlgorithm>) {
    super();
    this.hashes = new Map([...new Set(algorithms)].map((algorithm) => [algorithm, createHash(algorithm)]));
  }

  /** Feeds bytes that are already on disk (a resumed `.part`) without passing them downstream. */
  prime(chunk: Uint8Array): void {
    for (const hash of this.hashes.values()) hash.update(chunk);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.prime(chunk);
    callback(null, chunk);
  }

  /** Hex digests; call once after the stream finished. */
  digests(): Partial<Record<ChecksumAlgorithm, string>> {
    const out: Partial<Record<ChecksumAlgorithm, string>> = {};
    for (const [algorithm, hash] of this.hashes) out[algorithm] = hash.digest('hex');
    return out;
  }
}
