import { createReadStream } from 'node:fs';
import { readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { parseChecksum, parseMd5Sidecar, type ChecksumAlgorithm, type ExpectedChecksum } from './checksum.js';
import {
  ChecksumFormatError,
  ChecksumMismatchError,
  ContentLengthMismatchError,
  DownloadNotFoundError,
  ResumeRejectedError,
  RetriesExhaustedError,
  TruncatedDownloadError,
} from './download-errors.js';
import { DigestWriter } from './digest-writer.js';
import { createProgressReporter, type ProgressReporter } from '../progress/progress-reporter.js';
import { redactUrl } from '../../secrets/index.js';
import { makeDir } from '../../util/make-dir.js';
import { parseDownloadUrl } from './fetch-settings.js';
import { describeRetry, openResumableStream, type ResumableStreamOptions } from './resumable-stream.js';

export interface DownloadOptions extends Omit<ResumableStreamOptions, 'startAt' | 'ifRange'> {
  /** Expected digest, `sha256:<hex>` or `md5:<hex>`. */
  readonly checksum?: string;
  /**
   * Verify against the MD5 sidecar at `<url>.md5` (GNU or BSD format). `true`: a missing sidecar (404) logs a
   * warning and the download continues unverified; `'required'`: a missing sidecar is an error.
   */
  readonly checksumSidecar?: boolean | 'required';
  /** Sidecar location when it is not `<url>.md5`. */
  readonly sidecarUrl?: string;
  /**
   * Digests to compute and return in `result.digests` besides the verified ones (e.g. `['sha256']` to
   * record the file's SHA-256). Default none: only what is checked is hashed.
   */
  readonly digests?: readonly ChecksumAlgorithm[];
  /**
   * `fsync` the `.part` before the rename, so `dest` survives a power loss or kernel crash, not just a
   * crash of this process. Default true. `false` saves the flush (≈ 0.2 s for 245 MB) where the file is
   * made again or verified before use after such a crash (a pipeline task's output, `reuseExisting`).
   */
  readonly durable?: boolean;
  /** Continue an existing `<dest>.part` whose validator is known. Default true. */
  readonly resume?: boolean;
  /** Progress output; default: a bar on a TTY, plain lines otherwise. `false` for none. */
  readonly progress?: ProgressReporter | false;
  /** Warnings, retries and restarts; default a line on stderr. */
  readonly log?: (line: string) => void;
  /** Full restarts allowed when the server cannot continue a partial download. Default 2. */
  readonly maxRestarts?: number;
  /**
   * Keep an existing `dest` when it matches every expected checksum (parameter or sidecar), so re-runs do
   * not download again. Without any expected checksum the file is downloaded again. Default false.
   */
  readonly reuseExisting?: boolean;
}

export interface DownloadResult {
  readonly path: string;
  readonly bytes: number;
  /** Hex digests over the whole file: one per verified checksum's algorithm and per `options.digests`. */
  readonly digests: Partial<Record<ChecksumAlgorithm, string>>;
  /** The checksums that were verified (parameter and/or sidecar). */
  readonly verified: readonly ExpectedChecksum[];
  /** Bytes reused from an earlier `.part` (0 for a fresh download). */
  readonly resumedFrom: number;
  /** HTTP requests made for the file itself (0 when an existing file was reused). */
  readonly requests: number;
  /** True when `dest` already held the verified file and nothing was downloaded. */
  readonly reused: boolean;
}

interface PartState {
  readonly bytes: number;
  readonly validator: string;
}

/** Temp file beside `dest` that a later run may resume; its validator lives in `<dest>.part.json`. */
export const partPathFor = (dest: string): string => `${dest}.part`;
const metaPathFor = (dest: string): string => `${dest}.part.json`;

/**
 * Downloads `url` (http, https, file) to `dest` through `<dest>.part` and an atomic rename, so `dest` only
 * ever holds a complete, verified file. A checksum mismatch or a final HTTP error deletes the part file;
 * network failures keep it so the next call resumes with `Range`/`If-Range`.
 */
export async function downloadFile(
  url: string | URL,
  dest: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const href = parseDownloadUrl(url, options.urlName).href;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  options = { ...options, onRetry: options.onRetry ?? ((event) => log(describeRetry(event))) };
  const expected: ExpectedChecksum[] = [];
  if (options.checksum) expected.push(parseChecksum(options.checksum));
  if (options.checksumSidecar) {
    const sidecar = await fetchSidecar(href, options, log);
    if (sidecar) expected.push(sidecar);
  }
  if (options.reuseExisting && expected.length > 0) {
    const existing = await verifyExisting(dest, expected, options);
    if (existing) return existing;
  }
  await makeDir(dirname(dest));
  const maxRestarts = options.maxRestarts ?? 2;
  for (let restarts = 0; ; restarts += 1) {
    const held = options.resume === false ? undefined : await readPartState(dest);
    try {
      return await transfer(href, dest, held, expected, options);
    } catch (error) {
      if (error instanceof ResumeRejectedError && restarts < maxRestarts) {
        log(`${error.message}; restarting from byte 0`);
        await removePart(dest);
        continue;
      }
      if (!keepsPart(error)) await removePart(dest);
      throw error;
    }
  }
}

async function transfer(
  href: string,
  dest: string,
  held: PartState | undefined,
  expected: readonly ExpectedChecksum[],
  options: DownloadOptions,
): Promise<DownloadResult> {
  const part = partPathFor(dest);
  const stream = await openResumableStream(href, {
    ...options,
    startAt: held?.bytes,
    ifRange: held?.validator,
  });
  const algorithms = algorithmsFor(expected, options);
  const resumedFrom = stream.startAt;
  if (resumedFrom > 0) await truncate(part, resumedFrom);
  await writePartState(dest, stream.validator, stream.totalBytes);
  const writer = await DigestWriter.open(part, {
    algorithms,
    expectedBytes: stream.totalBytes,
    startAt: resumedFrom,
    sync: options.durable ?? true,
  });
  let digests: Partial<Record<ChecksumAlgorithm, string>>;
  const progress =
    options.progress === false
      ? undefined
      : (options.progress ?? createProgressReporter({ label: basename(dest), log: options.log }));
  let bytes = resumedFrom;
  try {
    if (resumedFrom > 0) await digestFile(writer, part);
    progress?.start(stream.totalBytes, resumedFrom);
    for await (const chunk of stream.body as AsyncIterable<Buffer>) {
      await writer.write(chunk);
      bytes += chunk.length;
      progress?.update(bytes);
    }
    digests = await writer.finish();
  } catch (error) {
    stream.body.destroy();
    await writer.close();
    throw error;
  }
  if (stream.totalBytes !== undefined && bytes !== stream.totalBytes) {
    throw new ContentLengthMismatchError(stream.displayUrl, stream.totalBytes, bytes);
  }
  for (const want of expected) {
    const actual = digests[want.algorithm] ?? '';
    if (actual !== want.hex)
      throw new ChecksumMismatchError(stream.displayUrl, want.algorithm, want.hex, actual);
  }
  await rename(part, dest);
  await rm(metaPathFor(dest), { force: true });
  progress?.finish();
  return {
    path: dest,
    bytes,
    digests,
    verified: expected,
    resumedFrom,
    requests: stream.requests(),
    reused: false,
  };
}

/** What to hash: the algorithms of the checksums to verify and the extra `digests` asked for. */
function algorithmsFor(
  expected: readonly ExpectedChecksum[],
  options: DownloadOptions,
): Set<ChecksumAlgorithm> {
  return new Set([...expected.map((e) => e.algorithm), ...(options.digests ?? [])]);
}

async function verifyExisting(
  dest: string,
  expected: readonly ExpectedChecksum[],
  options: DownloadOptions,
): Promise<DownloadResult | undefined> {
  const size = await stat(dest).then(
    (info) => (info.isFile() ? info.size : undefined),
    () => undefined,
  );
  if (size === undefined) return undefined;
  const writer = await DigestWriter.open(undefined, {
    algorithms: algorithmsFor(expected, options),
    expectedBytes: size,
  });
  let digests: Partial<Record<ChecksumAlgorithm, string>>;
  let bytes: number;
  try {
    bytes = await digestFile(writer, dest);
    digests = await writer.finish();
  } catch {
    await writer.close();
    return undefined;
  }
  if (!expected.every((want) => digests[want.algorithm] === want.hex)) return undefined;
  return { path: dest, bytes, digests, verified: expected, resumedFrom: 0, requests: 0, reused: true };
}

/** Feeds a file already on disk to `writer`'s digests (nothing is written); returns its size. */
async function digestFile(writer: DigestWriter, path: string): Promise<number> {
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    await writer.digestOnly(chunk);
    bytes += chunk.length;
  }
  return bytes;
}

/** Network-type failures leave the part file for a later resume; everything else removes it. */
function keepsPart(error: unknown): boolean {
  return error instanceof TruncatedDownloadError || error instanceof RetriesExhaustedError;
}

async function removePart(dest: string): Promise<void> {
  await rm(partPathFor(dest), { force: true });
  await rm(metaPathFor(dest), { force: true });
}

async function readPartState(dest: string): Promise<PartState | undefined> {
  try {
    const meta = JSON.parse(await readFile(metaPathFor(dest), 'utf8')) as { validator?: unknown };
    const info = await stat(partPathFor(dest));
    if (typeof meta.validator !== 'string' || info.size === 0) return undefined;
    return { bytes: info.size, validator: meta.validator };
  } catch {
    return undefined;
  }
}

async function writePartState(
  dest: string,
  validator: string | undefined,
  totalBytes: number | undefined,
): Promise<void> {
  if (!validator) return rm(metaPathFor(dest), { force: true });
  await writeFile(metaPathFor(dest), `${JSON.stringify({ validator, totalBytes })}\n`);
}

const SIDECAR_LIMIT = 64 * 1024;

async function fetchSidecar(
  href: string,
  options: DownloadOptions,
  log: (line: string) => void,
): Promise<ExpectedChecksum | undefined> {
  const sidecarUrl = options.sidecarUrl ?? withPathSuffix(href, '.md5');
  const display = redactUrl(sidecarUrl);
  let text = '';
  try {
    const stream = await openResumableStream(sidecarUrl, { ...options, expectBinary: false });
    for await (const chunk of stream.body as AsyncIterable<Buffer>) {
      text += chunk.toString('utf8');
      if (text.length > SIDECAR_LIMIT)
        throw new ChecksumFormatError(`MD5 sidecar ${display} is larger than 64 KiB`);
    }
  } catch (error) {
    if (!(error instanceof DownloadNotFoundError)) throw error;
    if (options.checksumSidecar === 'required') {
      throw new ChecksumFormatError(
        `Required MD5 sidecar ${display} does not exist; pass checksumSidecar: true to continue without it`,
      );
    }
    log(`warning: no MD5 sidecar at ${display}; continuing without checksum verification`);
    return undefined;
  }
  return parseMd5Sidecar(text, basename(new URL(href).pathname), display);
}

function withPathSuffix(href: string, suffix: string): string {
  const url = new URL(href);
  url.pathname += suffix;
  return url.href;
}
