// Runs every benchmark in scripts/bench/*.bench.ts (or those named on the command line) in one process
// run, so the numbers a bench prints side by side were measured on the same machine at the same time.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  readonly description: string;
  run(args: readonly string[]): Promise<void>;
}

const dir = fileURLToPath(new URL('./bench/', import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => basename(f, '.bench.ts'))
  .sort();
const [first, ...rest] = process.argv.slice(2);
const wanted = first && !first.startsWith('-') ? first.split(',') : available;
const args = first && !first.startsWith('-') ? rest : process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
for (const name of wanted) {
  const mod = (await import(pathToFileURL(join(dir, `${name}.bench.ts`)).href)) as BenchModule;
  console.log(`\n=== ${name}: ${mod.description}`);
  await mod.run(args);
}
