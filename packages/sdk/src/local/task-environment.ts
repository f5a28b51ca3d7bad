// The environment of a task process: like a container, it does not inherit the whole parent env.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ContainerSpec, CompiledSecretEnv } from './pipeline-model.js';

/** Variables a local process needs to work at all (finding programs, temp dirs, locale, proxies). */
const PASSED_NAMES = new Set([
  'PATH',
  'HOME',
  'USER',
  'LANG',
  'LC_ALL',
  'TZ',
  'TMPDIR',
  'TEMP',
  'TMP',
  'SYSTEMROOT',
  'NODE_EXTRA_CA_CERTS',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
]);
/** Object-store and project configuration is passed through as a cluster would configure it. */
const PASSED_PREFIXES = ['S3_', 'AWS_', 'CAPSTONE_'];

export const OBJECT_STORE_DIR_VAR = 'CAPSTONE_OBJECT_STORE_DIR';

/**
 * glibc's malloc asks the kernel for transparent huge pages for the large blocks it maps (a data task's typed
 * arrays): one fault per 2 MiB instead of 512. Where a fresh page is dear (the 2-core CI VM: ≈ 11 µs per
 * 4 KiB page, so touching 400 MB took 1.1–1.6 s; with this 0.6–0.8 s) that is most of a task's system time.
 * The component image sets the same (`docker/component.Dockerfile`); tasks get it on Linux unless the
 * caller's environment has a `GLIBC_TUNABLES` of its own, which is passed unchanged.
 */
export const MALLOC_TUNABLES = 'glibc.malloc.hugetlb=1';
/** The local run's id and the runner's pid, set for every task (io/publish reads them into leases and manifests). */
export const RUN_ID_VAR = 'CAPSTONE_RUN_ID';
export const RUNNER_PID_VAR = 'CAPSTONE_RUNNER_PID';

/**
 * The env every task of a run shares. Without `S3_ENDPOINT`/`AWS_ENDPOINT_URL` the tasks use the embedded
 * filesystem object store at `objectStoreDir`.
 */
export function baseTaskEnv(parent: NodeJS.ProcessEnv, objectStoreDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    if (PASSED_NAMES.has(name) || PASSED_PREFIXES.some((prefix) => name.startsWith(prefix)))
      env[name] = value;
  }
  const tunables = parent['GLIBC_TUNABLES'] ?? (process.platform === 'linux' ? MALLOC_TUNABLES : undefined);
  if (tunables !== undefined) env['GLIBC_TUNABLES'] = tunables;
  if (!parent['S3_ENDPOINT'] && !parent['AWS_ENDPOINT_URL'] && !parent[OBJECT_STORE_DIR_VAR]) {
    env[OBJECT_STORE_DIR_VAR] = objectStoreDir;
  }
  return env;
}

export interface TaskEnv {
  readonly env: Record<string, string>;
  /** Secret env vars the parent env did not provide (names only, never values). */
  readonly missingSecrets: readonly CompiledSecretEnv[];
}

/**
 * Adds the container's `env` entries and, for each Kubernetes `secretAsEnv` mapping, the same-named variable
 * of the parent env (locally the developer's shell plays the role of the Secret).
 */
export function taskEnv(
  base: Readonly<Record<string, string>>,
  container: ContainerSpec,
  secrets: readonly CompiledSecretEnv[],
  parent: NodeJS.ProcessEnv,
): TaskEnv {
  const env = { ...base };
  for (const entry of container.env) env[entry.name] = entry.value;
  const missingSecrets: CompiledSecretEnv[] = [];
  for (const secret of secrets) {
    const value = parent[secret.envVar];
    if (value === undefined) missingSecrets.push(secret);
    else env[secret.envVar] = value;
  }
  return { env, missingSecrets };
}

/** The nearest folder with `pnpm-workspace.yaml` or `.git` above `cwd`, else `cwd` itself. */
export function findProjectRoot(cwd: string): string {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml')) || existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return cwd;
  }
}
