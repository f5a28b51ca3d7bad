// The whole movie-recommender pipeline on the local runner (download from loopback → unzip → 2× CSV →
// Parquet → split → 2× upload → QA) next to the book's Python data prep (requests-style download, zipfile,
// pandas + fastparquet, sklearn, file copy as the upload, pandas QA) on the same generated ml-25m.zip.
// Per task: wall time and peak RSS (/usr/bin/time). `pnpm bench movies [--rows N] [--no-book]`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPipeline } from '@capstone/sdk/local';
import type { RunResult } from '@capstone/sdk/local';
import { startLoopbackServer } from '@capstone/sdk/samples';
import { compileForTest } from '@capstone/sdk/testing';
import { ML25M_RATINGS_ROWS } from '../../projects/movie-recommender/src/samples/generate-ratings.js';
import { prepareMl25mZip } from '../../projects/movie-recommender/src/samples/sample.js';

export const description =
  'movie-recommender pipeline end to end on the local runner vs the book (pandas + fastparquet + sklearn)';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cache = join(root, '.bench', 'movies');
const bookTabular = fileURLToPath(new URL('./peers/book_tabular.py', import.meta.url));

interface Step {
  readonly wall: number;
  readonly rssMb: number;
}

const PY = {
  download: `import shutil, sys, urllib.request
with urllib.request.urlopen(sys.argv[1]) as r, open(sys.argv[2], "wb") as f:
    shutil.copyfileobj(r, f, 1 << 20)`,
  unzip: `import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in ("ml-25m/ratings.csv", "ml-25m/movies.csv"):
        z.extract(name, sys.argv[2])`,
  upload: `import os, shutil, sys
os.makedirs(sys.argv[2], exist_ok=True)
for name in ("train", "val", "test"):
    shutil.copy(os.path.join(sys.argv[1], name + ".parquet.gzip"), sys.argv[2])
shutil.copy(sys.argv[3], os.path.join(sys.argv[2], "movies.parquet.gzip"))`,
  qa: `import sys, pandas as pd
df = pd.read_parquet(sys.argv[1], engine="fastparquet")
print(f"book QA: train {len(df)} rows, {len(df.columns)} columns {list(df.columns)}; "
      f"assert len(columns) == 4: {len(df.columns) == 4}, rows >= 0.75 x 25e6: {len(df) >= 0.75 * 25e6}")`,
} as const;

/** Runs a command under /usr/bin/time without blocking this process (the loopback server lives here). */
function timed(argv: readonly string[], statsFile: string): Promise<Step> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %M', '-o', statsFile, ...argv], {
      stdio: ['ignore', 'inherit', 'inherit'],
      cwd: root,
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${argv.join(' ')} exited with ${code}`));
      readFile(statsFile, 'utf8').then((text) => {
        const [wall, kb] = text.trim().split('\n').pop()!.split(' ').map(Number);
        resolve({ wall: wall!, rssMb: kb! / 1024 });
      }, reject);
    });
  });
}

const seconds = (start?: string, end?: string): number =>
  start && end ? (Date.parse(end) - Date.parse(start)) / 1000 : NaN;

/** Peak RSS per task from `/usr/bin/time -a -f "%M %C"` lines: a task writes its outputs under `<runDir>/<task>/.attempt-N/`. */
async function taskRss(file: string, result: RunResult): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    const [kb, ...command] = line.split(' ');
    const task = Object.keys(result.tasks).find((t) =>
      command.join(' ').includes(`${result.runDir}/${t}/.attempt-`),
    );
    if (task) out[task] = Math.max(out[task] ?? 0, Number(kb) / 1024);
  }
  return out;
}

async function runOurs(
  zip: string,
  work: string,
): Promise<{ result: RunResult; wall: number; rss: Record<string, number> }> {
  const compiled = await compileForTest(root);
  const server = await startLoopbackServer();
  const rssFile = join(work, 'ours-rss.txt');
  await rm(rssFile, { force: true });
  try {
    const url = server.route('/ml-25m.zip', { body: { file: zip } });
    server.route('/ml-25m.zip.md5', { body: { file: `${zip}.md5` } });
    const started = Date.now();
    const result = await runPipeline({
      pipelineFile: compiled.pipelineFile('movie-recommender'),
      parameters: { url, bucket: 'datasets' },
      imageResolver: (container) => [
        '/usr/bin/time',
        ...['-a', '-o', rssFile, '-f', '%M %C'],
        ...compiled.imageResolver(container),
      ],
      runsDir: join(work, 'runs'),
      objectStoreDir: join(work, 'objects'),
      cwd: root,
      cache: false,
    });
    const wall = (Date.now() - started) / 1000;
    if (result.status !== 'succeeded') {
      throw new Error(
        `pipeline ${result.status}: ${result.failures.map((f) => f.logTail.join('\n')).join('\n')}`,
      );
    }
    return { result, wall, rss: await taskRss(rssFile, result) };
  } finally {
    await server.close();
  }
}

type BookSteps = Readonly<
  Record<'download' | 'unzip' | 'ratings' | 'movies' | 'split' | 'upload' | 'qa', Step>
>;

async function runBook(zip: string, work: string): Promise<{ steps: BookSteps; total: number }> {
  const dir = join(work, 'book');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const server = await startLoopbackServer();
  const stats = (name: string) => join(dir, `${name}.time`);
  const py = (code: string, ...args: string[]) => ['python3', '-c', code, ...args];
  try {
    const url = server.route('/ml-25m.zip', { body: { file: zip } });
    const started = Date.now();
    const download = await timed(py(PY.download, url, join(dir, 'ml-25m.zip')), stats('download'));
    const unzip = await timed(py(PY.unzip, join(dir, 'ml-25m.zip'), dir), stats('unzip'));
    const csv = (name: string) => join(dir, 'ml-25m', `${name}.csv`);
    const parquet = (name: string) => join(dir, `${name}.parquet.gzip`);
    const [ratings, movies] = await Promise.all(
      ['ratings', 'movies'].map((name) =>
        timed(['python3', bookTabular, 'convert', csv(name), parquet(name)], stats(name)),
      ),
    );
    const split = await timed(
      ['python3', bookTabular, 'split', parquet('ratings'), join(dir, 'split')],
      stats('split'),
    );
    const upload = await timed(
      py(PY.upload, join(dir, 'split'), join(dir, 'objects'), parquet('movies')),
      stats('upload'),
    );
    const qa = await timed(py(PY.qa, join(dir, 'objects', 'train.parquet.gzip')), stats('qa'));
    const total = (Date.now() - started) / 1000;
    return { steps: { download, unzip, ratings: ratings!, movies: movies!, split, upload, qa }, total };
  } finally {
    await server.close();
  }
}

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const ROWS: ReadonlyArray<readonly [string, readonly string[], keyof BookSteps]> = [
  ['download (+ MD5)', ['download'], 'download'],
  ['unzip 2 entries', ['unzip'], 'unzip'],
  ['ratings CSV → Parquet', ['convert-ratings'], 'ratings'],
  ['movies CSV → Parquet', ['convert-movies'], 'movies'],
  ['split 75/15/10', ['split'], 'split'],
  ['upload (fs store)', ['upload-movies', 'upload-splits'], 'upload'],
  ['QA', ['qa'], 'qa'],
];

export async function run(args: readonly string[]): Promise<void> {
  const rows = Number(option(args, '--rows') ?? ML25M_RATINGS_ROWS);
  const work = join(cache, `run-${rows}`);
  await mkdir(work, { recursive: true });
  if (!existsSync(join(cache, `ml-25m-${rows}`, 'ml-25m.zip')))
    console.log(`generating ml-25m.zip with ${rows} ratings`);
  const zip = await prepareMl25mZip(cache, rows);
  await rm(join(work, 'objects'), { recursive: true, force: true });
  const ours = await runOurs(zip, work);
  console.log(`ours: ${ours.wall.toFixed(1)} s (${ours.result.runDir})`);
  const book = args.includes('--no-book') ? undefined : await runBook(zip, work);
  const fmt = (n: number | undefined, digits = 1) =>
    n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits);
  const lines = [
    `\n${rows.toLocaleString('en-US')} ratings; ml-25m.zip generated, served from loopback`,
    '| step | ours s | ours peak RSS MB | book s | book peak RSS MB | ours faster by |',
    '|---|---|---|---|---|---|',
  ];
  for (const [label, tasks, peer] of ROWS) {
    const wall = tasks.reduce(
      (s, t) => s + seconds(ours.result.tasks[t]?.startedAt, ours.result.tasks[t]?.endedAt),
      0,
    );
    const rss = Math.max(...tasks.map((t) => ours.rss[t] ?? NaN));
    const theirs = book?.steps[peer];
    const ratio = theirs ? `${fmt(theirs.wall / wall, 2)}×` : '—';
    lines.push(
      `| ${label} | ${fmt(wall)} | ${fmt(rss, 0)} | ${fmt(theirs?.wall)} | ${fmt(theirs?.rssMb, 0)} | ${ratio} |`,
    );
  }
  const peakOurs = Math.max(...Object.values(ours.rss));
  const peakBook = book ? Math.max(...ROWS.map(([, , p]) => book.steps[p].rssMb)) : undefined;
  const totalRatio = book ? `${fmt(book.total / ours.wall, 2)}×` : '—';
  lines.push(
    `| **whole pipeline** | **${fmt(ours.wall)}** | ${fmt(peakOurs, 0)} | **${fmt(book?.total)}** | ${fmt(peakBook, 0)} | **${totalRatio}** |`,
  );
  console.log(lines.join('\n'));
}
