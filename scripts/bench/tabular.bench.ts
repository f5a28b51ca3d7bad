// Ratings CSV → Parquet and the 75/15/10 split: ours vs the book's pandas + fastparquet + sklearn vs
// polars and duckdb, each step in its own process (wall time and peak RSS from /usr/bin/time).
// `pnpm bench tabular [--rows 1000000,25000095] [--peers book,polars,duckdb]`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRatingsCsv } from '../../projects/movie-recommender/src/samples/generate-ratings.js';

export const description =
  'ratings CSV → Parquet (gzip) and seeded 75/15/10 split vs pandas+fastparquet+sklearn, polars, duckdb';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cache = join(root, '.bench', 'tabular');
const peersDir = fileURLToPath(new URL('./peers/', import.meta.url));

interface Measure {
  readonly wall: number;
  readonly rssMb: number;
  readonly outMb: number;
}

interface Impl {
  readonly name: string;
  readonly command: (task: 'convert' | 'split', input: string, output: string) => string[];
}

const ours: Impl = {
  name: 'ours (TS writer, node:zlib gzip)',
  command: (task, i, o) => [
    process.execPath,
    '--conditions=source',
    '--import',
    'tsx',
    join(root, 'scripts/bench/tabular-task.ts'),
    task,
    i,
    o,
  ],
};
const python = (name: string, file: string): Impl => ({
  name,
  command: (task, i, o) => ['python3', join(peersDir, file), task, i, o],
});
const PEERS: Record<string, Impl> = {
  book: python('book (pandas+fastparquet+sklearn)', 'book_tabular.py'),
  polars: python('polars (python)', 'polars_tabular.py'),
  duckdb: python('duckdb (python)', 'duckdb_tabular.py'),
};

function sizeMb(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.size / 1e6;
  return readdirSync(path).reduce((n, f) => n + sizeMb(join(path, f)), 0);
}

function measure(argv: string[], output: string): Measure {
  rmSync(output, { recursive: true, force: true });
  const stats = join(cache, 'time.txt');
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', stats, ...argv], {
    stdio: ['ignore', 'inherit', 'inherit'],
    cwd: root,
  });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited with ${result.status}`);
  const [wall, kb] = readFileSync(stats, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wall: wall!, rssMb: kb! / 1024, outMb: sizeMb(output) };
}

function hasPython(module: string): boolean {
  try {
    execFileSync('python3', ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const PY_MODULES: Record<string, string> = {
  book: 'pandas, fastparquet, sklearn',
  polars: 'polars, numpy',
  duckdb: 'duckdb',
};

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const fmt = (n: number, digits = 1): string => n.toFixed(digits);

async function benchSize(rows: number, peers: readonly string[]): Promise<void> {
  mkdirSync(cache, { recursive: true });
  const csv = join(cache, `ratings-${rows}.csv`);
  if (!existsSync(csv)) {
    console.log(`generating ${csv}`);
    await writeRatingsCsv(csv, { rows });
  }
  const impls: Array<readonly [string, Impl]> = [
    ['ours', ours],
    ...peers.map((p) => [p, PEERS[p]!] as const),
  ];
  const lines: string[] = [];
  const results: Record<string, { convert: Measure; split: Measure }> = {};
  for (const [key, impl] of impls) {
    const parquet = join(cache, `${key}-${rows}.parquet.gzip`);
    const convert = measure(impl.command('convert', csv, parquet), parquet);
    // Every implementation splits the same file: ours, so the split is measured on equal input.
    const split = measure(
      impl.command(
        'split',
        key === 'ours' ? parquet : join(cache, `ours-${rows}.parquet.gzip`),
        join(cache, `${key}-${rows}-split`),
      ),
      join(cache, `${key}-${rows}-split`),
    );
    results[key] = { convert, split };
    console.log(`${impl.name}: convert ${fmt(convert.wall)} s, split ${fmt(split.wall)} s`);
  }
  const base = results.ours!;
  lines.push(`\n${rows.toLocaleString('en-US')} rows (${fmt(statSync(csv).size / 1e6, 0)} MB CSV)`);
  lines.push(
    '| implementation | CSV→Parquet s | peak RSS MB | file MB | split s | peak RSS MB | files MB | total s | ours faster by |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const [key, impl] of impls) {
    const r = results[key]!;
    const total = r.convert.wall + r.split.wall;
    const ratio = total / (base.convert.wall + base.split.wall);
    lines.push(
      `| ${impl.name} | ${fmt(r.convert.wall)} | ${fmt(r.convert.rssMb, 0)} | ${fmt(r.convert.outMb, 0)} | ${fmt(r.split.wall)} | ${fmt(r.split.rssMb, 0)} | ${fmt(r.split.outMb, 0)} | ${fmt(total)} | ${key === 'ours' ? '—' : `${fmt(ratio, 2)}×`} |`,
    );
  }
  console.log(lines.join('\n'));
}

export async function run(args: readonly string[]): Promise<void> {
  const sizes = (option(args, '--rows') ?? '1000000,25000095').split(',').map(Number);
  const wanted = (option(args, '--peers') ?? 'book,polars,duckdb').split(',').filter(Boolean);
  const peers = wanted.filter((p) => {
    if (!PEERS[p]) throw new Error(`unknown peer ${p}; known: ${Object.keys(PEERS).join(', ')}`);
    const ok = PY_MODULES[p]!.split(', ').every(hasPython);
    if (!ok)
      console.log(
        `skipping ${p}: python3 cannot import ${PY_MODULES[p]} (pip install from the local wheelhouse)`,
      );
    return ok;
  });
  for (const rows of sizes) await benchSize(rows, peers);
}
