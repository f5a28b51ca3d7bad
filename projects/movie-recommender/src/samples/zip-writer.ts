// A streaming zip writer for large generated sample archives: each entry is deflated as it is produced
// and its local header is patched with the CRC-32 and sizes afterwards, so no data descriptors are
// needed and memory stays at one chunk (the test helper `makeZip` holds every entry in memory).
import type { FileHandle } from 'node:fs/promises';
import { open, rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw } from 'node:zlib';

export type EntryContent = Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

export interface StreamedZipEntry {
  /** Entry name; a name ending in `/` is a directory entry and has no content. */
  readonly name: string;
  readonly content?: () => EntryContent;
}

interface Written {
  readonly name: Buffer;
  readonly offset: number;
  readonly crc: number;
  readonly compressed: number;
  readonly size: number;
  readonly directory: boolean;
}

// 2019-11-21 12:00:00 in MS-DOS form (the real archive's date).
const DOS_TIME = (12 << 11) | (0 << 5) | 0;
const DOS_DATE = ((2019 - 1980) << 9) | (11 << 5) | 21;
const ZIP32_LIMIT = 0xffffffff;

/** Writes the entries, in order, to `path` through a temp name; returns the archive's size. */
export async function writeStreamedZip(
  path: string,
  entries: readonly StreamedZipEntry[],
  options: { readonly level?: number } = {},
): Promise<number> {
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    let position = 0;
    const written: Written[] = [];
    for (const entry of entries) {
      const result = await writeEntry(handle, position, entry, options.level ?? 6);
      written.push(result);
      position = result.offset + 30 + result.name.length + result.compressed;
    }
    const directory = Buffer.concat(written.map(centralRecord));
    const end = endRecord(written.length, directory.length, position);
    await handle.write(Buffer.concat([directory, end]), 0, directory.length + end.length, position);
    await handle.close();
    await rename(temp, path);
    return position + directory.length + end.length;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}

async function writeEntry(
  handle: FileHandle,
  offset: number,
  entry: StreamedZipEntry,
  level: number,
): Promise<Written> {
  const name = Buffer.from(entry.name, 'utf8');
  const directory = entry.name.endsWith('/');
  await handle.write(localHeader(name, directory), 0, 30 + name.length, offset);
  let crc = 0;
  let size = 0;
  let compressed = 0;
  if (!directory && entry.content) {
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    let at = offset + 30 + name.length;
    await pipeline(Readable.from(entry.content()), tap, createDeflateRaw({ level }), async (out) => {
      for await (const chunk of out as AsyncIterable<Buffer>) {
        await handle.write(chunk, 0, chunk.length, at);
        at += chunk.length;
        compressed += chunk.length;
      }
    });
  }
  if (size > ZIP32_LIMIT || offset > ZIP32_LIMIT) throw new Error(`${entry.name}: zip64 is not supported`);
  const sizes = Buffer.alloc(12);
  sizes.writeUInt32LE(crc >>> 0, 0);
  sizes.writeUInt32LE(compressed, 4);
  sizes.writeUInt32LE(size, 8);
  await handle.write(sizes, 0, 12, offset + 14);
  return { name, offset, crc: crc >>> 0, compressed, size, directory };
}

function localHeader(name: Buffer, directory: boolean): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(directory ? 10 : 20, 4);
  header.writeUInt16LE(0, 6);
  header.writeUInt16LE(directory ? 0 : 8, 8);
  header.writeUInt16LE(DOS_TIME, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  // 14..25: CRC-32 and sizes, patched once the data is written.
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, name]);
}

function centralRecord(entry: Written): Buffer {
  const record = Buffer.alloc(46);
  record.writeUInt32LE(0x02014b50, 0);
  record.writeUInt16LE((3 << 8) | 20, 4);
  record.writeUInt16LE(entry.directory ? 10 : 20, 6);
  record.writeUInt16LE(0, 8);
  record.writeUInt16LE(entry.directory ? 0 : 8, 10);
  record.writeUInt16LE(DOS_TIME, 12);
  record.writeUInt16LE(DOS_DATE, 14);
  record.writeUInt32LE(entry.crc, 16);
  record.writeUInt32LE(entry.compressed, 20);
  record.writeUInt32LE(entry.size, 24);
  record.writeUInt16LE(entry.name.length, 28);
  // 30..41: extra and comment lengths, disk number, internal attributes: all zero.
  const mode = entry.directory ? 0o40755 : 0o100644;
  record.writeUInt32LE(((mode << 16) | (entry.directory ? 0x10 : 0)) >>> 0, 38);
  record.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([record, entry.name]);
}

function endRecord(count: number, size: number, offset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(offset, 16);
  return record;
}
