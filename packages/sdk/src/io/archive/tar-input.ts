// Feeds a tar Parser from a byte stream with one `pipeline`: format check, gunzip (node:zlib, which verifies the
// gzip trailer), and an end-of-archive check, so every failure ends with an error that says where it happened.
import { once } from 'node:events';
import { Readable, Transform, type Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Parser, ReadEntry } from 'tar';
import {
  ArchiveTraversalError,
  CorruptArchiveError,
  TruncatedArchiveError,
  WrongArchiveFormatError,
  type ArchivePosition,
} from './archive-errors.js';
import { describeFormat, sniffFormat, SNIFF_BYTES } from './archive-format.js';

const EXPECTED = 'a tar or tar.gz archive';

/** Where the parse is: archive bytes read, the last entry started and whether it ended, end blocks seen. */
export class TarProgress {
  bytes = 0;
  entry: string | undefined;
  insideEntry = false;
  sawEndOfArchive = false;

  position(): ArchivePosition {
    return {
      bytes: this.bytes,
      ...(this.entry === undefined ? {} : { entry: this.entry }),
      insideEntry: this.insideEntry,
    };
  }
}

export interface FeedTarOptions {
  readonly archive: string;
  /** `end` for a Parser, `close` for an Unpack (fires once every file is written). */
  readonly doneEvent: 'end' | 'close';
  /** Pass-through stages between the source and the archive bytes, e.g. a `HashingStream`. */
  readonly through?: readonly Duplex[];
}

/**
 * Streams `source` into `parser`. Errors: `WrongArchiveFormatError` (a zip, HTML page, …),
 * `TruncatedArchiveError` (gzip without its trailer, an entry cut short, no end-of-archive blocks),
 * `CorruptArchiveError` (damaged data); source errors (network, disk) pass through unchanged.
 */
export async function feedTarParser(
  source: Readable,
  parser: Parser,
  options: FeedTarOptions,
): Promise<void> {
  const { archive } = options;
  const progress = new TarProgress();
  parser.on('entry', (entry: ReadEntry) => {
    progress.entry = entry.path;
    progress.insideEntry = true;
    entry.once('end', () => (progress.insideEntry = false));
  });
  parser.on('eof', () => (progress.sawEndOfArchive = true));
  const parsed = new Promise<void>((resolve, reject) => {
    parser.once(options.doneEvent, () => resolve());
    parser.on('error', reject);
  });
  parsed.catch(() => undefined);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      progress.bytes += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    const stages = [
      source,
      ...(options.through ?? []),
      counter,
      (chunks: AsyncIterable<Buffer>) => tarBytes(chunks, archive),
      writeInto(parser, parsed),
    ];
    // Node accepts generator functions in the array form too; its types only list streams.
    await pipeline(stages as unknown as ReadonlyArray<NodeJS.ReadWriteStream>);
  } catch (error) {
    throw asArchiveError(archive, error, progress);
  }
  if (!progress.sawEndOfArchive) {
    throw new TruncatedArchiveError(
      archive,
      progress.position(),
      'the tar stream ends without its end-of-archive blocks (two zero blocks)',
    );
  }
}

/** The tar bytes of a tar or tar.gz stream; anything else is a `WrongArchiveFormatError`. */
async function* tarBytes(chunks: AsyncIterable<Buffer>, archive: string): AsyncGenerator<Buffer> {
  const outer = await peek(chunks);
  const format = sniffFormat(outer.head);
  if (format === 'tar') return yield* outer.all();
  if (format !== 'gzip')
    throw new WrongArchiveFormatError(archive, describeFormat(format, outer.head), EXPECTED);
  const inflated = gunzip(outer.all());
  const inner = await peek(inflated);
  const innerFormat = sniffFormat(inner.head);
  if (innerFormat !== 'tar') {
    const found =
      innerFormat === 'empty'
        ? 'an empty gzip file'
        : `gzip-compressed ${describeFormat(innerFormat, inner.head).replace(/^an? /, '')}`;
    throw new WrongArchiveFormatError(archive, found, EXPECTED);
  }
  yield* inner.all();
}

/** Inflates with node:zlib, which fails with `unexpected end of file` when the gzip trailer is missing. */
async function* gunzip(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const inflate = createGunzip();
  const feeding = pipeline(Readable.from(chunks), inflate);
  feeding.catch(() => undefined);
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) yield chunk;
    await feeding;
  } finally {
    inflate.destroy();
  }
}

/** Reads at least `SNIFF_BYTES` (or everything, if less), keeping them for `all()`. */
async function peek(
  chunks: AsyncIterable<Buffer>,
): Promise<{ head: Buffer; all(): AsyncGenerator<Buffer, void> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const held: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    held.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(held);
  return {
    head,
    async *all() {
      if (head.length > 0) yield head;
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    },
  };
}

/** The last pipeline stage: writes into a tar Parser with backpressure, then waits for it to finish. */
function writeInto(parser: Parser, parsed: Promise<void>): (chunks: AsyncIterable<Buffer>) => Promise<void> {
  return async (chunks) => {
    for await (const chunk of chunks) {
      if (!parser.write(chunk)) await Promise.race([once(parser as never, 'drain'), parsed]);
    }
    parser.end();
    await parsed;
  };
}

/** Names where a tar/zlib failure happened; traversal, format and source errors pass through. */
function asArchiveError(archive: string, error: unknown, progress: TarProgress): Error {
  if (!(error instanceof Error)) return new CorruptArchiveError(archive, String(error));
  if (error instanceof ArchiveTraversalError || error instanceof WrongArchiveFormatError) return error;
  if (error instanceof CorruptArchiveError) return error;
  const tarCode = (error as { tarCode?: unknown }).tarCode;
  const code = (error as { code?: unknown }).code;
  const message = error.message.replace(/^TAR_\w+: /, '');
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message)) {
    return new TruncatedArchiveError(
      archive,
      progress.position(),
      'the gzip stream ends without its trailer',
      {
        cause: error,
      },
    );
  }
  const truncated = /^Truncated input \(needed (\d+) more bytes/.exec(message);
  if (truncated) {
    const entry = (error as { entry?: { path?: string } }).entry?.path ?? progress.entry;
    return new TruncatedArchiveError(
      archive,
      { bytes: progress.bytes, ...(entry === undefined ? {} : { entry }), insideEntry: true },
      `the entry needs ${truncated[1]} more bytes`,
      { cause: error },
    );
  }
  if (
    (typeof tarCode === 'string' && tarCode.startsWith('TAR_')) ||
    (typeof code === 'string' && code.startsWith('Z_'))
  ) {
    const where = progress.entry
      ? ` (at byte ${progress.bytes}, entry ${progress.entry})`
      : ` (at byte ${progress.bytes})`;
    return new CorruptArchiveError(archive, `${message}${where}`, { cause: error });
  }
  return error;
}
