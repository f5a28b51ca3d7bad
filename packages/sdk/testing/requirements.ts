import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { sharedKfpDir } from './golden/shared-dir.js';

/**
 * A tool or data set a suite needs. `missing` says why it is unavailable (undefined when present) and how to
 * get it. On a laptop a suite whose requirement is missing is skipped with that message; under `CI=true` it
 * fails instead: CI installs every tool (`.ci/run`), so a missing one is a broken install, not a skip.
 */
export interface Requirement {
  readonly missing: string | undefined;
}

export const inCi = (env: NodeJS.ProcessEnv = process.env): boolean => env.CI === 'true';

/** `describe(name, suite)` when every requirement is met; otherwise a skip, or a failing test in CI. */
export function describeRequiring(
  requirements: Requirement | readonly Requirement[],
  name: string,
  suite: () => void,
): void {
  const missing = [requirements]
    .flat()
    .map((r) => r.missing)
    .filter((m): m is string => m !== undefined);
  if (missing.length === 0) {
    describe(name, suite);
    return;
  }
  const reason = missing.join('; ');
  if (inCi()) {
    describe(name, () => {
      it('has what it needs in CI', () => {
        throw new Error(`CI=true but this suite cannot run: ${reason}`);
      });
    });
    return;
  }
  console.warn(`skipped "${name}": ${reason}`);
  describe.skip(`${name} (skipped: ${reason})`, suite);
}

/** Inside a test: skip with `reason` on a laptop, fail in CI. */
export function skipOrFail(context: { skip: (note?: string) => void }, reason: string): void {
  if (inCi()) throw new Error(`CI=true but this test cannot run: ${reason}`);
  context.skip(reason);
}

const WHEELHOUSE =
  'pip install --retries 0 --timeout 5 <module> (local wheelhouse; scripts/ci/install-system-deps.sh)';

/** Python 3 with these modules importable. */
export function pythonModules(...modules: readonly string[]): Requirement {
  const probe = spawnSync('python3', ['-c', modules.map((m) => `import ${m}`).join('; ')], {
    encoding: 'utf8',
  });
  if (probe.status === 0) return { missing: undefined };
  return { missing: `python3 cannot import ${modules.join(', ')} (${WHEELHOUSE})` };
}

/** A file or folder, e.g. `../shared/kfp/golden`. */
export function pathExists(path: string | undefined, what: string): Requirement {
  return { missing: path && existsSync(path) ? undefined : `${what} not found${path ? ` at ${path}` : ''}` };
}

/** A command on PATH. */
export function command(name: string, how: string): Requirement {
  const probe = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return { missing: probe.status === 0 ? undefined : `${name} is not installed (${how})` };
}

/** The first of `paths` that exists (e.g. a browser installed under one of several names). */
export function anyFile(
  paths: readonly string[],
  what: string,
  how: string,
): Requirement & { path?: string } {
  const path = paths.find((candidate) => existsSync(candidate));
  return { path, missing: path ? undefined : `${what} not found at ${paths.join(', ')} (${how})` };
}

/** `../shared/kfp` or a folder in it (the official SDK's goldens, swagger): beside the repo, or `$CAPSTONE_SHARED_DIR/kfp`. */
export function sharedKfp(folder = ''): Requirement & { path: string } {
  const kfp = sharedKfpDir();
  const path = kfp ? join(kfp, folder) : join('../shared/kfp', folder);
  return {
    path,
    missing:
      kfp && existsSync(path)
        ? undefined
        : `${path} not found (check out ../shared beside the repository or set CAPSTONE_SHARED_DIR)`,
  };
}
