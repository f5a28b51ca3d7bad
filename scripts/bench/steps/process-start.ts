// Process start per task: how long `node <bundle>` takes to load a component's bundle and exit (run with no
// arguments, it stops at its first missing argument), against bare `node -e 0`. Best of three.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { basename, dirname } from 'node:path';

function best(argv: readonly string[]): number {
  let min = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    spawnSync(argv[0]!, argv.slice(1), { stdio: 'ignore' });
    min = Math.min(min, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return min;
}

export function processStartTable(bundles: readonly string[]): string {
  const lines = [
    '\nProcess start (load the bundle, parse arguments, exit; best of 3)',
    '| component | bundle KB | start s |',
    '|---|---|---|',
    `| bare \`node -e 0\` | — | ${best([process.execPath, '-e', '0']).toFixed(3)} |`,
  ];
  for (const bundle of bundles) {
    const kb = statSync(bundle).size / 1024;
    lines.push(
      `| ${basename(dirname(bundle))} | ${kb.toFixed(0)} | ${best([process.execPath, bundle]).toFixed(3)} |`,
    );
  }
  return lines.join('\n');
}
