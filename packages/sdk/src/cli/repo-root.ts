import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from './command.js';

/** The nearest folder at or above `cwd` with a pnpm-workspace.yaml. */
export function findRepoRoot(cwd: string): string {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) {
      throw new UsageError(`no pnpm-workspace.yaml found at or above ${cwd}; run this inside the repository`);
    }
  }
}
