import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ArchiveEntryNotFoundError, ArchiveTraversalError, CorruptArchiveError } from './archive-errors.js';
import { makeDir } from '../../util/make-dir.js';
import { unsafePathReason } from './archive-paths.js';
import { explainZipOpenFailure } from './zip-damage.js';
import { checkInflated, inflateEntryToFile, type ZipEntryData } from './zip-entry-inflate.js';

export interface ExtractedZipEntry {
  readonly entry: string;
  readonly path: string;
  readonly bytes: number;
}

export interface ExtractZipOptions {
  /** Name used in messages; defaults to the zip's file name. */
  readonly archiveName?: string;
  readonly onEntry?: (extracted: ExtractedZipEntry) => void;
}

/**
 * Extracts chosen entries (`{ 'ml-25m/ratings.csv': '/data/ratings.csv' }`) straight to files: streaming
 * inflate, CRC-32 and size checked, each file written through a temp name and renamed. Missing entries are
 * reported (with what the zip does contain) before anything is written.
 */
export async function extractZipEntries(
  zipPath: string,
  targets: Readonly<Record<string, string>>,
  options: ExtractZipOptions = {},
): Promise<ExtractedZipEntry[]> {
  const archive = options.archiveName ?? basename(zipPath);
  return withZip(zipPath, archive, async (zip, entries) => {
    const byName = new Map(entries.map((entry) => [entry.fileName, entry]));
    const missing = Object.keys(targets).filter(
      (name) => !byName.get(name) || isDirectory(byName.get(name) as Entry),
    );
    if (missing.length > 0)
      throw new ArchiveEntryNotFoundError(
        archive,
        missing,
        entries.map((entry) => entry.fileName),
      );
    const done: ExtractedZipEntry[] = [];
    for (const [name, dest] of Object.entries(targets)) {
      const extracted = await writeEntry(zipPath, zip, byName.get(name) as Entry, resolve(dest), archive);
      options.onEntry?.(extracted);
      done.push(extracted);
    }
    return done;
  });
}

export interface ExtractZipToDirectoryOptions extends ExtractZipOptions {
  /** Extract only entries whose names pass. */
  readonly filter?: (name: string) => boolean;
}

/**
 * Extracts a whole zip (or the entries `filter` accepts) into `targetDir` through a hidden sibling folder
 * renamed at the end, like `extractTarToDirectory`. Zip-slip names fail with `ArchiveTraversalError`.
 */
export async function extractZipToDirectory(
  zipPath: string,
  targetDir: string,
  options: ExtractZipToDirectoryOptions = {},
): Promise<ExtractedZipEntry[]> {
  const archive = options.archiveName ?? basename(zipPath);
  const target = resolve(targetDir);
  await makeDir(dirname(target));
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}.partial-`));
  try {
    const done = await withZip(zipPath, archive, async (zip, entries) => {
      const out: ExtractedZipEntry[] = [];
      for (const entry of entries) {
        if (options.filter && !options.filter(entry.fileName)) continue;
        const dest = join(staging, entry.fileName);
        if (isDirectory(entry)) await makeDir(dest);
        else out.push(await writeEntry(zipPath, zip, entry, dest, archive));
      }
      return out;
    });
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
    return done.map((entry) => ({ ...entry, path: join(target, entry.entry) }));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Lists entry names (directories end in `/`). */
export async function listZipEntries(zipPath: string): Promise<string[]> {
  return withZip(zipPath, basename(zipPath), async (_zip, entries) => entries.map((entry) => entry.fileName));
}

async function withZip<T>(
  zipPath: string,
  archive: string,
  use: (zip: ZipFile, entries: Entry[]) => Promise<T>,
): Promise<T> {
  let zip: ZipFile;
  try {
    zip = await openZip(zipPath, archive);
  } catch (error) {
    throw (await explainZipOpenFailure(zipPath, archive, error as Error).catch(() => undefined)) ?? error;
  }
  try {
    const entries = await readCentralDirectory(zip, archive);
    return await use(zip, entries);
  } finally {
    zip.close();
  }
}

function openZip(zipPath: string, archive: string): Promise<ZipFile> {
  return new Promise((resolvePromise, reject) => {
    yauzl.open(
      zipPath,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (error, zip) => {
        if (error) reject(asZipError(archive, error));
        else resolvePromise(zip);
      },
    );
  });
}

/** Reads every central-directory record before any data, so name checks and missing entries fail early. */
function readCentralDirectory(zip: ZipFile, archive: string): Promise<Entry[]> {
  return new Promise((resolvePromise, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      const reason = unsafePathReason(entry.fileName);
      if (reason) return reject(new ArchiveTraversalError(archive, entry.fileName, reason));
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolvePromise(entries));
    zip.on('error', (error: Error) => reject(asZipError(archive, error)));
    zip.readEntry();
  });
}

async function writeEntry(
  zipPath: string,
  zip: ZipFile,
  entry: Entry,
  dest: string,
  archive: string,
): Promise<ExtractedZipEntry> {
  await makeDir(dirname(dest));
  const temp = `${dest}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const start = await entryDataStart(zip, entry, archive);
    const data: ZipEntryData = {
      name: entry.fileName,
      start,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
      method: entry.compressionMethod as 0 | 8,
      crc32: entry.crc32,
    };
    if (!(await inflateEntryToFile(zipPath, data, temp, archive)))
      await streamEntryToFile(zipPath, data, temp, archive);
    await rename(temp, dest);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { entry: entry.fileName, path: dest, bytes: entry.uncompressedSize };
}

/** yauzl 3 API missing from @types/yauzl 2.x. */
interface LocalHeaderReader {
  readLocalFileHeader(
    entry: Entry,
    options: { minimal: true },
    callback: (error: Error | null, header: { fileDataStart: number }) => void,
  ): void;
}

/** Checks the entry is one we can read and returns where its data starts (yauzl validates the local header). */
async function entryDataStart(zip: ZipFile, entry: Entry, archive: string): Promise<number> {
  if (entry.isEncrypted()) throw new CorruptArchiveError(archive, `entry ${entry.fileName} is encrypted`);
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw new CorruptArchiveError(
      archive,
      `entry ${entry.fileName} uses compression method ${entry.compressionMethod}; only store and deflate are supported`,
    );
  }
  return new Promise<number>((resolvePromise, reject) => {
    (zip as unknown as LocalHeaderReader).readLocalFileHeader(entry, { minimal: true }, (error, header) => {
      if (error) reject(asZipError(archive, error, entry.fileName));
      else resolvePromise(header.fileDataStart);
    });
  });
}

/**
 * The portable path (a Node whose zlib streams offer no native handle): the raw bytes in 1 MiB reads,
 * node:zlib's stream inflate, CRC-32 and size checked.
 */
async function streamEntryToFile(
  zipPath: string,
  entry: ZipEntryData,
  dest: string,
  archive: string,
): Promise<void> {
  let crc = 0;
  let bytes = 0;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      crc = crc32(chunk, crc);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  const { start, compressedSize: size } = entry;
  const raw =
    size === 0
      ? Readable.from([])
      : createReadStream(zipPath, { start, end: start + size - 1, highWaterMark: 1 << 20 });
  const stages = entry.method === 8 ? [raw, createInflateRaw()] : [raw];
  await pipeline([...stages, check, createWriteStream(dest)]).catch((error: unknown) => {
    throw isFileSystemError(error) ? error : asZipError(archive, error, entry.name);
  });
  checkInflated(entry, bytes, crc, archive);
}

function asZipError(archive: string, error: unknown, entry?: string): Error {
  if (isFileSystemError(error)) return error as Error;
  const message = error instanceof Error ? error.message : String(error);
  const traversal = /^(invalid relative path|absolute path|invalid characters in fileName): (.*)$/.exec(
    message,
  );
  if (traversal?.[2] !== undefined)
    return new ArchiveTraversalError(archive, traversal[2], traversal[1] ?? 'unsafe name');
  const where = entry ? `entry ${entry}: ` : '';
  return new CorruptArchiveError(archive, `${where}${message}`, { cause: error });
}

function isFileSystemError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    typeof code === 'string' &&
    /^E[A-Z]+$/.test(code) &&
    (error as { syscall?: unknown }).syscall !== undefined
  );
}

function isDirectory(entry: Entry): boolean {
  return entry.fileName.endsWith('/');
}
