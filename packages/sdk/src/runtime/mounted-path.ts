import { LOCAL_MOUNTS_ENV, mapMountedPath, parseLocalMounts } from '../util/local-mounts.js';

/**
 * Where a path under a Kubernetes volume mount (`kubernetes.mountPvc`, `emptyDirMount`, …) is on this machine.
 * On a cluster the path is returned unchanged; under the local runner it is the local folder that stands in
 * for the volume, e.g. `mountedPath('/data/file.txt')` → `<run folder>/.volumes/pvc/<name>/file.txt`.
 */
export function mountedPath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return mapMountedPath(path, parseLocalMounts(env[LOCAL_MOUNTS_ENV]));
}
