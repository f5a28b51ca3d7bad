import { createReadStream } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Duplex, Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { Unpack, type ReadEntry } from 'tar';
import { ArchiveTraversalError } from './archive-errors.js';
import { unsafeEntryReason } from './archive-paths.js';
import { feedTarParser } from './tar-input.js';

/** A `.tar`/`.tar.gz` file path, or a byte stream of one (e.g. an `openResumableStream` body). */
export type TarSource = string | Readable;

export interface ExtractTarOptions {
  /** Name used in messages; defaults to the file name or `tar stream`. */
  readonly archiveName?: string;
  /** Extract only entries for which this returns true (archive paths, `/`-separated). */
  readonly filter?: (path: string) => boolean;
  /** Pass-through stages between the source and the archive bytes, e.g. a `HashingStream`. */
  readonly through?: readonly Duplex[];
}

export interface ExtractTarResult {
  readonly dir: string;
  readonly files: number;
  readonly bytes: number;
}

/**
 * Streams a tar or tar.gz into `targetDir`. Extraction happens in a hidden sibling folder that is renamed
 * onto `targetDir` only after the end-of-archive blocks (and the gzip trailer) were read, so a crash, a cut or
 * a corrupt archive never leaves a complete-looking tree; an existing `targetDir` is replaced. Entries with
 * `..`, absolute paths or links pointing outside fail the whole extraction with `ArchiveTraversalError`; a file
 * of another format fails with `WrongArchiveFormatError`, a short one with `TruncatedArchiveError`.
 */
export async function extractTarToDirectory(
  source: TarSource,
  targetDir: string,
  options: ExtractTarOptions = {},
): Promise<ExtractTarResult> {
  const target = resolve(targetDir);
  const archive = archiveNameOf(source, options);
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}.partial-`));
  let files = 0;
  let bytes = 0;
  let refused: ArchiveTraversalError | undefined;
  const unpack = new Unpack({
    cwd: staging,
    strict: true,
    preserveOwner: false,
    filter: (path, entry) => {
      const readEntry = entry as ReadEntry;
      const reason = unsafeEntryReason({ path, type: readEntry.type, linkpath: readEntry.linkpath });
      if (reason) {
        refused ??= new ArchiveTraversalError(archive, path, reason);
        unpack.abort(refused);
        return false;
      }
      if (options.filter && !options.filter(path)) return false;
      if (readEntry.type === 'File' || readEntry.type === 'OldFile' || readEntry.type === 'ContiguousFile') {
        files += 1;
        bytes += readEntry.size;
      }
      return true;
    },
  });
  try {
    await feedTarParser(openTarSource(source), unpack, {
      archive,
      doneEvent: 'close',
      ...(options.through ? { through: options.through } : {}),
    });
  } catch (error) {
    // Ending (rather than aborting) lets tar close the file it was writing, so `settle` sees no pending write.
    if (!refused) unpack.end();
    await settle(unpack);
    await rm(staging, { recursive: true, force: true });
    throw refused ?? error;
  }
  await publishDirectory(staging, target);
  return { dir: target, files, bytes };
}

export function openTarSource(source: TarSource): Readable {
  return typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : source;
}

export function archiveNameOf(source: TarSource, options: { readonly archiveName?: string }): string {
  return options.archiveName ?? (typeof source === 'string' ? basename(source) : 'tar stream');
}

/**
 * After an abort, file and folder writes that started earlier still finish (and would recreate folders
 * under a removed staging dir). tar exposes no event for that, so wait on its pending-operation count.
 */
async function settle(unpack: Unpack): Promise<void> {
  const key = Object.getOwnPropertySymbols(unpack).find((symbol) => symbol.description === 'pending');
  const pending = (): number => (key ? Number((unpack as unknown as Record<symbol, unknown>)[key]) || 0 : 0);
  for (let waited = 0; pending() > 0 && waited < 5_000; waited += 10) await delay(10);
  await delay(0);
}

/** Renames `staging` onto `target`, moving an older tree aside first and deleting it afterwards. */
async function publishDirectory(staging: string, target: string): Promise<void> {
  const old = `${staging}.old`;
  const hadOld = await rename(target, old).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  await rename(staging, target);
  if (hadOld) await rm(old, { recursive: true, force: true });
}
