#!/usr/bin/env node
// The `capstone` CLI in every state of the tree:
// - workspace (src/ present, built or not): runs the TypeScript sources through tsx with the `source` export
//   condition, so the CLI and the pipelines it loads are always the current code;
// - installed package or image (dist/ only), or CAPSTONE_FROM_DIST=1: runs the built CLI, with tsx's loader
//   registered so that TypeScript pipeline files (`.ts` importing `./x.js`) still load.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const built = fileURLToPath(new URL('../dist/cli/entry.js', import.meta.url));
const source = fileURLToPath(new URL('../src/cli/entry.ts', import.meta.url));
const fromDist = process.env.CAPSTONE_FROM_DIST === '1' || !existsSync(source);

if (fromDist) {
  if (!existsSync(built)) {
    console.error(`capstone: ${built} is missing; run \`pnpm build\` in the SDK package`);
    process.exit(1);
  }
  const { register } = await import(pathToFileURL(require.resolve('tsx/esm/api')).href);
  register();
  await import(pathToFileURL(built).href);
} else {
  const tsx = pathToFileURL(require.resolve('tsx/esm')).href;
  const child = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', tsx, source, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  if (child.signal) process.kill(process.pid, child.signal);
  process.exitCode = child.status ?? 1;
}
