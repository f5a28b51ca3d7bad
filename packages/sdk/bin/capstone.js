#!/usr/bin/env node
// Runs the CLI from the built output when present, otherwise from the TypeScript sources
// (workspace development) through tsx with the `source` export condition.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli/entry.js', import.meta.url));
if (existsSync(built) && !process.env.CAPSTONE_FROM_SOURCE) {
  await import(pathToFileURL(built).href);
} else {
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(require.resolve('tsx/esm')).href;
  const source = fileURLToPath(new URL('../src/cli/entry.ts', import.meta.url));
  const child = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', tsx, source, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  if (child.signal) process.kill(process.pid, child.signal);
  process.exitCode = child.status ?? 1;
}
