// Partial downloads (`<file>.part` + `<file>.part.json`, see io/fetch) survive a failed attempt so the next attempt
// of the task, or a resumed run, continues them with a Range request instead of starting over.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

const PARTIAL = /\.part(\.json)?$/;
const ATTEMPT_DIR = /^\.attempt-\d+$/;

async function partialsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && PARTIAL.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/**
 * Empties the folders of earlier attempts of a task (`<taskDir>/.attempt-*`) and creates `attemptDir`, moving
 * the partial downloads found there to the same place inside it (the newest copy of each wins).
 * Returns the relative paths carried over.
 */
export async function startAttemptDir(taskDir: string, attemptDir: string): Promise<string[]> {
  const earlier = (await readdir(taskDir).catch(() => [] as string[])).filter((name) =>
    ATTEMPT_DIR.test(name),
  );
  const newest = new Map<string, { path: string; mtimeMs: number }>();
  for (const name of earlier) {
    for (const path of await partialsUnder(join(taskDir, name))) {
      const rel = relative(join(taskDir, name), path);
      const { mtimeMs } = await stat(path);
      if ((newest.get(rel)?.mtimeMs ?? -1) < mtimeMs) newest.set(rel, { path, mtimeMs });
    }
  }
  const holding = join(taskDir, '.partials');
  await rm(holding, { recursive: true, force: true });
  for (const [rel, { path }] of newest) {
    await mkdir(dirname(join(holding, rel)), { recursive: true });
    await rename(path, join(holding, rel));
  }
  await Promise.all(earlier.map((name) => rm(join(taskDir, name), { recursive: true, force: true })));
  await rm(attemptDir, { recursive: true, force: true });
  await mkdir(attemptDir, { recursive: true });
  for (const rel of newest.keys()) {
    await mkdir(dirname(join(attemptDir, rel)), { recursive: true });
    await rename(join(holding, rel), join(attemptDir, rel));
  }
  await rm(holding, { recursive: true, force: true });
  return [...newest.keys()];
}

/** After a failed attempt: removes its half-written outputs, keeping only partial downloads to continue. */
export async function keepOnlyPartials(attemptDir: string): Promise<void> {
  const keep = new Set(await partialsUnder(attemptDir));
  if (keep.size === 0) return rm(attemptDir, { recursive: true, force: true });
  const entries = await readdir(attemptDir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isDirectory() && !keep.has(path)) await rm(path, { force: true });
  }
}
