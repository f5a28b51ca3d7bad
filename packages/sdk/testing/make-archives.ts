import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Header, Pax } from 'tar';
import { ZipFile } from 'yazl';

/** One member of a generated archive. Paths are written verbatim, so tests can build hostile archives. */
export type ArchiveEntrySpec =
  | {
      readonly path: string;
      readonly type?: 'file';
      readonly content: Uint8Array | string;
      readonly mode?: number;
    }
  | { readonly path: string; readonly type: 'dir' }
  | { readonly path: string; readonly type: 'symlink' | 'hardlink'; readonly target: string };

const BLOCK = 512;
const MTIME = new Date('2024-01-02T03:04:05Z');

/** Builds a standard (ustar + pax for long names) gzipped tar from the entries, in the given order. */
export async function makeTarGz(path: string, entries: readonly ArchiveEntrySpec[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await pipeline(Readable.from(tarBlocks(entries)), createGzip(), createWriteStream(path));
}

/** The same archive as `makeTarGz`, uncompressed, in memory. */
export function makeTarBytes(entries: readonly ArchiveEntrySpec[]): Buffer {
  return Buffer.concat([...tarBlocks(entries)]);
}

function* tarBlocks(entries: readonly ArchiveEntrySpec[]): Generator<Buffer> {
  for (const entry of entries) {
    const body =
      entry.type === undefined || entry.type === 'file' ? toBuffer(entry.content) : Buffer.alloc(0);
    const fields = {
      path: entry.path,
      mode: entry.type === 'dir' ? 0o755 : 'mode' in entry && entry.mode !== undefined ? entry.mode : 0o644,
      size: body.length,
      mtime: MTIME,
      type: headerType(entry),
      ...('target' in entry ? { linkpath: entry.target } : {}),
    };
    if (Buffer.byteLength(entry.path) > 99 || ('target' in entry && Buffer.byteLength(entry.target) > 99)) {
      yield new Pax({ ...fields, atime: undefined, ctime: undefined }).encode();
    }
    const header = new Header(fields);
    header.encode();
    yield header.block as Buffer;
    if (body.length > 0) {
      yield body;
      const pad = (BLOCK - (body.length % BLOCK)) % BLOCK;
      if (pad > 0) yield Buffer.alloc(pad);
    }
  }
  yield Buffer.alloc(BLOCK * 2);
}

function headerType(entry: ArchiveEntrySpec): 'File' | 'Directory' | 'SymbolicLink' | 'Link' {
  if (entry.type === 'dir') return 'Directory';
  if (entry.type === 'symlink') return 'SymbolicLink';
  if (entry.type === 'hardlink') return 'Link';
  return 'File';
}

export interface ZipEntrySpec {
  readonly path: string;
  /** Omit for a directory entry (path ending in `/`). */
  readonly content?: Uint8Array | string;
  /** Store instead of deflate. */
  readonly store?: boolean;
}

/**
 * Writes a standard zip with yazl. Paths yazl refuses (`..`, absolute) are written through a same-length
 * placeholder that is patched afterwards, so zip-slip archives can be built for tests.
 */
export async function makeZip(path: string, entries: readonly ZipEntrySpec[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const zip = new ZipFile();
  const patches: Array<[string, string]> = [];
  for (const [index, entry] of entries.entries()) {
    const name = safeName(entry.path, index, patches);
    if (entry.content === undefined) zip.addEmptyDirectory(name, { mtime: MTIME });
    else zip.addBuffer(toBuffer(entry.content), name, { mtime: MTIME, compress: !entry.store });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
  if (patches.length > 0) {
    const bytes = await readFile(path);
    for (const [placeholder, real] of patches) replaceAll(bytes, Buffer.from(placeholder), Buffer.from(real));
    await writeFile(path, bytes);
  }
}

function safeName(path: string, index: number, patches: Array<[string, string]>): string {
  const hostile = path.startsWith('/') || path.split('/').includes('..') || path.includes('\\');
  if (!hostile) return path;
  const length = Buffer.byteLength(path);
  const placeholder = `z${index}`.padEnd(length, 'q');
  if (Buffer.byteLength(placeholder) !== length)
    throw new Error(`zip test path ${path} is too short to patch`);
  patches.push([placeholder, path]);
  return placeholder;
}

function replaceAll(haystack: Buffer, needle: Buffer, replacement: Buffer): void {
  let at = haystack.indexOf(needle);
  while (at >= 0) {
    replacement.copy(haystack, at);
    at = haystack.indexOf(needle, at + needle.length);
  }
}

function toBuffer(content: Uint8Array | string): Buffer {
  return typeof content === 'string'
    ? Buffer.from(content)
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}
