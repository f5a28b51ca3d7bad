// The local runner's stand-in for Kubernetes volume mounts: which local folder backs which mount path.
// The runner writes it into a task's env; `mountedPath` in @capstone/sdk/runtime reads it.

/** JSON object `{ "<mountPath>": "<local folder>" }`; absent on a cluster, where the mounts are real. */
export const LOCAL_MOUNTS_ENV = 'CAPSTONE_MOUNTS';

/** The mount table of `CAPSTONE_MOUNTS`; a malformed value is an error naming the variable. */
export function parseLocalMounts(text: string | undefined): Record<string, string> {
  if (text === undefined || text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${LOCAL_MOUNTS_ENV} must be a JSON object of mount path → local folder, got ${text}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${LOCAL_MOUNTS_ENV} must be a JSON object of mount path → local folder, got ${text}`);
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** Maps a container path under a mount to its local folder (the longest matching mount wins). */
export function mapMountedPath(path: string, mounts: Readonly<Record<string, string>>): string {
  const trim = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);
  const target = trim(path);
  let best: [string, string] | undefined;
  for (const [mountPath, local] of Object.entries(mounts)) {
    const mount = trim(mountPath);
    const inside = target === mount || target.startsWith(mount === '/' ? '/' : `${mount}/`);
    if (inside && (!best || mount.length > best[0].length)) best = [mount, local];
  }
  if (!best) return path;
  return best[1] + target.slice(best[0] === '/' ? 0 : best[0].length);
}
