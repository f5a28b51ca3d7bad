// Value checks and the object-detection upload path for the storage benchmark: every uploaded object is
// read back and compared byte for byte (by SHA-256) with its source, and an upload whose bytes differ is
// reported as FAIL instead of a time.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { extractTarToStore, runPool, sha256File, type ObjectStore } from '@capstone/sdk/io';

export interface SourceFile {
  /** Key relative to the upload's prefix. */
  readonly key: string;
  readonly path: string;
}

/** Problems found reading back `prefix/<key>` for every source file; empty when every byte matches. */
export async function readBackProblems(
  store: ObjectStore,
  bucket: string,
  prefix: string,
  files: readonly SourceFile[],
): Promise<string[]> {
  const problems: string[] = [];
  await runPool(files, 16, async (file) => {
    const key = `${prefix}/${file.key}`;
    const stored = await store.getBytes(bucket, key).catch((error: unknown) => error as Error);
    if (stored instanceof Error) return void problems.push(`${key}: ${stored.message}`);
    const want = await sha256File(file.path);
    const got = createHash('sha256').update(stored).digest('hex');
    if (got !== want) problems.push(`${key}: ${stored.length} bytes read back differ from ${file.path}`);
  });
  return problems.sort();
}

/** `PASS (n objects read back equal their sources)` or `FAIL: <first problems>`. */
export function verdict(problems: readonly string[], objects: number): string {
  if (problems.length === 0) return `PASS (${objects} objects read back equal their sources)`;
  return `FAIL: ${problems.length} object(s) differ: ${problems.slice(0, 3).join('; ')}`;
}

/** The tree as one uncompressed tar (GNU tar), as the object-detection pipeline receives MIDV-500. */
export function tarTree(tree: string, work: string): string {
  const archive = join(work, 'tree.tar');
  execFileSync('tar', ['-cf', archive, '-C', tree, '.']);
  return archive;
}

/**
 * The object-detection ingest's upload: entries streamed from the archive into the store, `concurrency` in
 * flight (ingest-dataset uses 16), each key `<prefix>/<archive path>`.
 */
export async function uploadFromTar(
  store: ObjectStore,
  bucket: string,
  prefix: string,
  archive: string,
  concurrency: number,
): Promise<number> {
  const result = await extractTarToStore(archive, store, {
    bucket,
    concurrency,
    mapEntry: (path) => `${prefix}/${path.replace(/^\.\//, '')}`,
  });
  return result.objects;
}
