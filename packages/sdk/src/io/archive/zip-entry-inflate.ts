// One zip entry's data → a file at inflate speed: the compressed bytes are read in 4 MiB blocks, inflated
// synchronously into a ring of four 1 MiB output buffers that stay in the CPU cache, and each full buffer
// is CRC-32'd while warm and handed to an asynchronous write (on the libuv pool), so checking and writing
// overlap the inflate of the next buffer. No per-chunk allocation, no copy between inflate and write.
// Needs `ZlibInto` (node:zlib's native handle); `extract-zip.ts` streams through the public API otherwise.
import { openSync, closeSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { ZlibInto } from '../../util/zlib-into.js';
import { CorruptArchiveError } from './archive-errors.js';

/** Where an entry's data is and what it must inflate to (from the central directory and local header). */
export interface ZipEntryData {
  readonly name: string;
  /** Offset of the entry's compressed data in the zip. */
  readonly start: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** 0 = stored, 8 = deflate. */
  readonly method: 0 | 8;
  readonly crc32: number;
}

const IN_BLOCK = 4 << 20;
const OUT_BLOCK = 1 << 20;
const RING = 4;

const hex = (value: number): string => (value >>> 0).toString(16).padStart(8, '0');

/** The output side: a ring of buffers, each checked and written while the next one fills. */
class CheckedWriter {
  readonly buffers = Array.from({ length: RING }, () => Buffer.allocUnsafe(OUT_BLOCK));
  private readonly writes: Array<Promise<unknown>> = Array.from({ length: RING }, () => Promise.resolve());
  private current = 0;
  fill = 0;
  crc = 0;
  bytes = 0;

  constructor(
    private readonly file: Awaited<ReturnType<typeof open>>,
    private readonly entry: ZipEntryData,
    private readonly archive: string,
  ) {}

  get buffer(): Buffer {
    return this.buffers[this.current]!;
  }

  /** Checks and writes the current buffer's `fill` bytes, then waits until the next buffer is free. */
  async flush(): Promise<void> {
    if (this.fill === 0) return;
    const data = this.buffer.subarray(0, this.fill);
    this.crc = crc32(data, this.crc);
    this.writes[this.current] = this.file.write(data, 0, data.length, this.bytes);
    this.bytes += data.length;
    this.fill = 0;
    if (this.bytes > this.entry.uncompressedSize) throw this.sizeError();
    this.current = (this.current + 1) % RING;
    await this.writes[this.current];
  }

  async finish(): Promise<void> {
    await this.flush();
    await Promise.all(this.writes);
    checkInflated(this.entry, this.bytes, this.crc, this.archive);
  }

  async settle(): Promise<void> {
    await Promise.allSettled(this.writes);
  }

  private sizeError(): CorruptArchiveError {
    const { name, uncompressedSize } = this.entry;
    return new CorruptArchiveError(
      this.archive,
      `entry ${name} inflates to more than the ${uncompressedSize} bytes its directory entry records`,
    );
  }
}

/** An entry's data must inflate to the size and CRC-32 its directory entry records. */
export function checkInflated(entry: ZipEntryData, bytes: number, crc: number, archive: string): void {
  if (bytes !== entry.uncompressedSize)
    throw new CorruptArchiveError(
      archive,
      `entry ${entry.name} inflated to ${bytes} bytes, expected ${entry.uncompressedSize}`,
    );
  if (crc >>> 0 !== entry.crc32 >>> 0)
    throw new CorruptArchiveError(
      archive,
      `entry ${entry.name} fails its CRC-32 check (expected ${hex(entry.crc32)}, got ${hex(crc)})`,
    );
}

/**
 * Writes the entry's data to `dest` (created or truncated), checking its size and CRC-32. Returns false,
 * writing nothing, when this Node offers no `ZlibInto` for a deflated entry.
 */
export async function inflateEntryToFile(
  zipPath: string,
  entry: ZipEntryData,
  dest: string,
  archive: string,
): Promise<boolean> {
  const inflater = entry.method === 8 ? ZlibInto.create('inflateRaw') : undefined;
  if (entry.method === 8 && !inflater) return false;
  const source = openSync(zipPath, 'r');
  const file = await open(dest, 'w');
  const out = new CheckedWriter(file, entry, archive);
  try {
    const input = Buffer.allocUnsafe(Math.max(1, Math.min(IN_BLOCK, entry.compressedSize)));
    let offset = 0;
    while (offset < entry.compressedSize) {
      const want = Math.min(input.length, entry.compressedSize - offset);
      const got = readBlock(source, input, want, entry.start + offset, entry, archive);
      offset += got;
      const last = offset >= entry.compressedSize;
      if (inflater) {
        if (await inflateBlock(inflater, input, got, last, out)) break;
      } else await copyBlock(input, got, out);
    }
    if (inflater && entry.compressedSize === 0)
      throw new CorruptArchiveError(archive, `entry ${entry.name} has no deflate data`);
    await out.finish();
    return true;
  } catch (error) {
    await out.settle();
    throw asCorrupt(error, entry, archive);
  } finally {
    inflater?.close();
    closeSync(source);
    await file.close();
  }
}

function readBlock(
  fd: number,
  into: Buffer,
  want: number,
  position: number,
  entry: ZipEntryData,
  archive: string,
): number {
  let got = 0;
  while (got < want) {
    const n = readSync(fd, into, got, want - got, position + got);
    if (n === 0) throw new CorruptArchiveError(archive, `entry ${entry.name}: the zip ends inside its data`);
    got += n;
  }
  return got;
}

/** Inflates `input[0, length)` into the ring; true once the deflate stream has ended. */
async function inflateBlock(
  inflater: ZlibInto,
  input: Buffer,
  length: number,
  last: boolean,
  out: CheckedWriter,
): Promise<boolean> {
  let at = 0;
  for (;;) {
    const room = OUT_BLOCK - out.fill;
    const step = inflater.write(input, at, length, out.buffer, out.fill, OUT_BLOCK, last);
    at += step.read;
    out.fill += step.written;
    if (out.fill === OUT_BLOCK) await out.flush();
    // With the last input, output room left over means the stream is complete (zlib reports a stream
    // that is not as "unexpected end of file"); data after a stream's end is not inflated.
    if (step.ended || (last && step.written < room)) return true;
    if (at >= length && step.written < room) return false;
  }
}

async function copyBlock(input: Buffer, length: number, out: CheckedWriter): Promise<void> {
  for (let at = 0; at < length; ) {
    const n = Math.min(length - at, OUT_BLOCK - out.fill);
    input.copy(out.buffer, out.fill, at, at + n);
    out.fill += n;
    at += n;
    if (out.fill === OUT_BLOCK) await out.flush();
  }
}

function asCorrupt(error: unknown, entry: ZipEntryData, archive: string): unknown {
  if (error instanceof CorruptArchiveError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  const syscall = (error as { syscall?: unknown } | undefined)?.syscall;
  if (typeof code === 'string' && syscall !== undefined) return error; // the file system's own error
  const message = error instanceof Error ? error.message : String(error);
  return new CorruptArchiveError(archive, `entry ${entry.name}: ${message}`, { cause: error });
}
