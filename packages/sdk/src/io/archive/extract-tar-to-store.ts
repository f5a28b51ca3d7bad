import { Readable, type Duplex } from 'node:stream';
import { Parser, type ReadEntry } from 'tar';
import { ArchiveTraversalError, CorruptArchiveError } from './archive-errors.js';
import { unsafeEntryReason } from './archive-paths.js';
import { archiveNameOf, openTarSource, type TarSource } from './extract-tar.js';
import { feedTarParser } from './tar-input.js';
import type { ObjectStore } from '../store/object-store.js';
import { UploadGate } from '../store/upload-gate.js';
import { asError } from '../../util/as-error.js';

/** The part of `ObjectStore` tar-to-store extraction needs. */
export type EntrySink = Pick<ObjectStore, 'putStream' | 'putBytes'>;

export interface ExtractTarToStoreOptions {
  readonly bucket: string;
  /**
   * Object key for an archive path, or undefined to skip the entry. Only regular files are offered. Throwing
   * stops the extraction with that error (e.g. a path that breaks the expected layout).
   */
  readonly mapEntry: (path: string) => string | undefined;
  /** Uploads in flight. Default 8. */
  readonly concurrency?: number;
  /** Entries up to this size are read into memory so the tar stream moves on while they upload. Default 8 MiB. */
  readonly smallEntryBytes?: number;
  /** Memory budget for buffered entries. Default 64 MiB. */
  readonly bufferBytes?: number;
  /**
   * Written last, only when every entry uploaded: a JSON summary. Readers that need a complete set
   * check for this key; without it a failed run may leave some objects behind.
   */
  readonly markerKey?: string;
  readonly archiveName?: string;
  readonly onEntry?: (key: string, bytes: number) => void;
  /** Pass-through stages between the source and the archive bytes, e.g. a `HashingStream`. */
  readonly through?: readonly Duplex[];
}

export interface ExtractTarToStoreResult {
  readonly objects: number;
  readonly bytes: number;
  readonly skipped: number;
  readonly keys: readonly string[];
}

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

/**
 * Streams a tar/tar.gz into an object store without staging it on disk. Small entries are buffered
 * (bounded by `bufferBytes`) and uploaded concurrently; large ones stream straight through `putStream`.
 * Unsafe paths or links fail the extraction with `ArchiveTraversalError`; links are otherwise skipped. The
 * marker is written only after the end-of-archive blocks and the gzip trailer were read; a cut archive fails
 * with `TruncatedArchiveError`, another format with `WrongArchiveFormatError`.
 */
export async function extractTarToStore(
  source: TarSource,
  store: EntrySink,
  options: ExtractTarToStoreOptions,
): Promise<ExtractTarToStoreResult> {
  const archive = archiveNameOf(source, options);
  const smallEntryBytes = options.smallEntryBytes ?? 8 * 1024 * 1024;
  const gate = new UploadGate(options.concurrency ?? 8, options.bufferBytes ?? 64 * 1024 * 1024);
  const keys: string[] = [];
  const uploads: Promise<void>[] = [];
  let bytes = 0;
  let skipped = 0;
  let failure: Error | undefined;
  const parser = new Parser({ strict: true });
  const open = new Set<ReadEntry>();
  const fail = (error: Error): void => {
    failure ??= error;
    parser.abort(error);
    // entries cut off by the abort never end on their own
    for (const entry of open) entry.destroy();
  };

  const upload = async (entry: ReadEntry, key: string): Promise<void> => {
    const size = entry.size;
    const small = size <= smallEntryBytes;
    await gate.acquire(small ? size : 0);
    try {
      if (small) await store.putBytes(options.bucket, key, await collect(entry, archive));
      else
        await store.putStream(
          options.bucket,
          key,
          Readable.from(checkedChunks(entry, archive), { objectMode: false }),
        );
      keys.push(key);
      bytes += size;
      options.onEntry?.(key, size);
    } finally {
      gate.release(small ? size : 0);
    }
  };

  parser.on('entry', (entry: ReadEntry) => {
    const reason = unsafeEntryReason(entry);
    if (reason) return fail(new ArchiveTraversalError(archive, entry.path, reason));
    let key: string | undefined;
    try {
      key = FILE_TYPES.has(entry.type) && !failure ? options.mapEntry(entry.path) : undefined;
    } catch (error) {
      entry.resume();
      return fail(asError(error));
    }
    if (key === undefined) {
      if (FILE_TYPES.has(entry.type)) skipped += 1;
      entry.resume();
      return;
    }
    entry.pause();
    open.add(entry);
    entry.on('end', () => open.delete(entry));
    uploads.push(upload(entry, key).catch((error: unknown) => fail(asError(error))));
  });

  try {
    await feedTarParser(openTarSource(source), parser, {
      archive,
      doneEvent: 'end',
      ...(options.through ? { through: options.through } : {}),
    });
  } catch (error) {
    failure ??= asError(error);
    for (const entry of open) entry.destroy();
  }
  await Promise.allSettled(uploads);
  if (failure) throw failure;
  if (options.markerKey) {
    const summary = { archive, objects: keys.length, bytes, completedAt: new Date().toISOString() };
    await store.putBytes(options.bucket, options.markerKey, `${JSON.stringify(summary)}\n`, {
      contentType: 'application/json',
    });
  }
  return { objects: keys.length, bytes, skipped, keys };
}

async function collect(entry: ReadEntry, archive: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of checkedChunks(entry, archive)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The entry's bytes; throws instead of ending quietly when the entry was cut short (abort, truncation). */
async function* checkedChunks(entry: ReadEntry, archive: string): AsyncGenerator<Buffer> {
  let received = 0;
  for await (const chunk of entry as AsyncIterable<Buffer>) {
    received += chunk.length;
    yield chunk;
  }
  if (received !== entry.size) {
    throw new CorruptArchiveError(
      archive,
      `entry ${entry.path} ended after ${received} of ${entry.size} bytes`,
    );
  }
}
