import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../command.js';
import { findRepoRoot } from '../repo-root.js';

/** `x.yaml` / `path/x` → that file; a bare name → `<repo>/dist/pipelines/<name>.yaml` (from `pnpm build:pipelines`). */
export function resolvePipelineTarget(target: string, cwd: string): string {
  const isPath = /\.ya?ml$/.test(target) || target.includes('/') || target.includes('\\');
  const file = isPath ? resolve(cwd, target) : join(findRepoRoot(cwd), 'dist', 'pipelines', `${target}.yaml`);
  if (!existsSync(file)) {
    throw new UsageError(
      isPath
        ? `pipeline file ${file} does not exist`
        : `no compiled pipeline named '${target}' (looked for ${file}); run 'pnpm build:pipelines' first`,
    );
  }
  return file;
}

/** Exactly one positional argument, the pipeline file or name. */
export function onePipelineTarget(positionals: readonly string[], cwd: string): string {
  const [target, ...extra] = positionals;
  if (!target || extra.length > 0) throw new UsageError('expected exactly one pipeline file or name');
  return resolvePipelineTarget(target, cwd);
}
