// The movie pipeline step by step, ours beside each peer in one run, every output value-checked:
// `pnpm bench pipeline [--rows 1000000,5000000,25000095] [--peers polars,duckdb,pyarrow] [--book]
// [--compression none]`. Ours is the real pipeline (bundled components on the local runner, each task its own
// process); each peer then runs the same step on the same input as its own process. A step whose output
// fails its value check prints FAIL instead of a time. Ends with the scaling line over the row counts.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PARSE_WORKERS_ENV } from '@capstone/sdk/io';
import { compileForTest, type CompiledForTest } from '@capstone/sdk/testing';
import { ML25M_ENTRIES } from '../../projects/movie-recommender/src/components/ml25m-layout.js';
import { prepareMl25mZip } from '../../projects/movie-recommender/src/samples/sample.js';
import { runBook, type BookRun } from './steps/book-run.js';
import {
  PEER_MODULES,
  PEERS,
  convertPeer,
  qaPeer,
  splitPeer,
  unzipPeers,
  type Peer,
  type PeerRun,
  type StepInputs,
} from './steps/peer-steps.js';
import { runOurs, taskOutput, taskSeconds, type OurRun } from './steps/pipeline-run.js';
import { processStartTable } from './steps/process-start.js';
import { stepTable, type StepResult } from './steps/step-table.js';
import { load, timed } from './steps/timed-run.js';
import { checkValues, allOf, type ValueCheck } from './steps/value-check.js';
import { missingPython, option, scalingTable, wholePipelineTable, type SizeResult } from './steps/summary.js';

export const description =
  'movie pipeline per step (unzip, ratings CSV → Parquet, split, QA) and whole: ours vs polars, duckdb, pyarrow (+ the book), values checked';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cache = join(root, '.bench', 'pipeline');

async function runPeer(run: PeerRun, work: string): Promise<StepResult> {
  const at = load();
  try {
    const t = await timed(run.argv, join(work, 'peer.time'), root);
    return { impl: run.impl, wall: t.wall, rssMb: t.rssMb, check: await run.check(t.stdout), load: at };
  } catch (error) {
    return { impl: run.impl, check: { ok: false, detail: (error as Error).message }, load: at };
  }
}

function oursResult(ours: OurRun, tasks: readonly string[], check: ValueCheck, at: string): StepResult {
  return {
    load: at,
    impl: '**ours**',
    wall: tasks.reduce((s, t) => s + taskSeconds(ours, t), 0),
    rssMb: Math.max(...tasks.map((t) => ours.rss[t] ?? NaN)),
    check,
  };
}

/** Our convert task's own command again, with two parse workers (opt-in): what the workers would bring. */
function oursWithParseWorkers(ours: OurRun, inputs: StepInputs, out: string): PeerRun {
  const attempt = `${ours.result.runDir}/convert-ratings/.attempt-1`;
  const argv = (ours.commands['convert-ratings'] ?? []).map((a) => a.replaceAll(attempt, out));
  const parquet = join(out, 'artifacts', 'parquet');
  return {
    impl: `ours, two parse workers (${PARSE_WORKERS_ENV}=2)`,
    argv: ['sh', '-c', 'mkdir -p "$1/artifacts" "$1/parameters" && shift && exec env "$@"', 'sh', out].concat(
      [`${PARSE_WORKERS_ENV}=2`, ...argv],
    ),
    check: () => checkValues('convert', inputs.ratingsCsv, parquet, 'ratings'),
  };
}

function expectedRows(rows: number, movies: number): StepInputs['expectedRows'] {
  const holdout = Math.ceil(rows / 4);
  const test = Math.ceil((holdout * 2) / 5);
  return { train: rows - holdout, val: holdout - test, test, movies };
}

async function benchSize(
  rows: number,
  peers: readonly Peer[],
  options: { compiled: CompiledForTest; compression: string; book: boolean },
): Promise<SizeResult> {
  if (!existsSync(join(cache, `ml-25m-${rows}`, 'ml-25m.zip')))
    console.log(`generating ml-25m.zip, ${rows} ratings`);
  const zip = await prepareMl25mZip(cache, rows);
  const work = join(cache, `run-${rows}`);
  await mkdir(work, { recursive: true });
  const startLoad = load();
  const ours = await runOurs(root, options.compiled, zip, work, {
    ratings_parquet_compression: options.compression,
  });
  console.log(`ours: whole pipeline ${ours.wall.toFixed(1)} s (${ours.result.runDir})`);
  const inputs: StepInputs = {
    zip,
    entries: ML25M_ENTRIES,
    ratingsCsv: taskOutput(ours, 'unzip', 'ratings'),
    moviesCsv: taskOutput(ours, 'unzip', 'movies'),
    ratingsParquet: taskOutput(ours, 'convert-ratings', 'parquet'),
    objectsDir: join(ours.objectsDir, 'datasets', 'ml-25m'),
    compression: options.compression,
    expectedRows: expectedRows(rows, Number(ours.result.tasks['convert-movies']?.outputParameters.rows)),
  };
  const objects = await checkValues('objects', inputs.ratingsCsv, inputs.moviesCsv, inputs.objectsDir);
  const steps: Array<readonly [string, StepResult[]]> = [];
  const step = async (title: string, first: StepResult, runs: readonly PeerRun[]) => {
    const results = [first];
    for (const run of runs) {
      const out = join(work, 'peers');
      await rm(out, { recursive: true, force: true });
      await mkdir(out, { recursive: true });
      results.push(await runPeer(run, work));
    }
    await rm(join(work, 'peers'), { recursive: true, force: true });
    steps.push([title, results]);
    console.log(stepTable(`${title} — ${rows.toLocaleString('en-US')} ratings`, results));
  };
  const out = join(work, 'peers');
  const unzipCheck = allOf(
    await checkValues('bytes', zip, inputs.entries.ratings, inputs.ratingsCsv),
    await checkValues('bytes', zip, inputs.entries.movies, inputs.moviesCsv),
  );
  await step('unzip 2 entries', oursResult(ours, ['unzip'], unzipCheck, startLoad), unzipPeers(inputs, out));
  const convertCheck = await checkValues('convert', inputs.ratingsCsv, inputs.ratingsParquet, 'ratings');
  await step(
    `ratings CSV → Parquet (${options.compression})`,
    oursResult(ours, ['convert-ratings'], convertCheck, startLoad),
    [oursWithParseWorkers(ours, inputs, out), ...peers.map((p) => convertPeer(p, inputs, out))],
  );
  const splitCheck = await checkValues('split', inputs.ratingsCsv, taskOutput(ours, 'split', 'splits'));
  await step(
    'split 75/15/10 → 3 gzip Parquet files',
    oursResult(ours, ['split'], splitCheck, startLoad),
    peers.map((p) => splitPeer(p, inputs, out)),
  );
  await step(
    'QA: read every value of the 4 objects',
    oursResult(
      ours,
      ['qa'],
      objects.ok ? { ok: true, detail: 'passed on the checked objects' } : objects,
      startLoad,
    ),
    peers.map((p) => qaPeer(p, inputs)),
  );
  let book: BookRun | undefined;
  let bookCheck: ValueCheck | undefined;
  if (options.book) {
    book = await runBook(zip, work);
    bookCheck = await checkValues('objects', inputs.ratingsCsv, inputs.moviesCsv, book.objectsDir);
    await rm(join(work, 'book'), { recursive: true, force: true });
  }
  const size: SizeResult = { rows, ours, objects, book, bookCheck, steps, load: startLoad };
  console.log(wholePipelineTable(size));
  return size;
}

export async function run(args: readonly string[]): Promise<void> {
  const rows = (option(args, '--rows') ?? '1000000,5000000,25000095').split(',').map(Number);
  const wanted = (option(args, '--peers') ?? PEERS.join(',')).split(',').filter(Boolean);
  const compression = option(args, '--compression') ?? 'none';
  const peers = wanted.filter((p): p is Peer => {
    if (!(PEERS as readonly string[]).includes(p))
      throw new Error(`unknown peer ${p}; known: ${PEERS.join(', ')}`);
    const missing = missingPython(PEER_MODULES[p as Peer]);
    if (missing) console.log(`skipping ${p}: ${missing}`);
    return !missing;
  });
  const checker = missingPython(['pyarrow', 'numpy']);
  if (checker) throw new Error(`the value checks need pyarrow: ${checker}`);
  console.log(`${availableParallelism()} cores; load average ${load()} at the start`);
  const compiled = await compileForTest(root);
  const sizes: SizeResult[] = [];
  for (const n of rows) {
    sizes.push(await benchSize(n, peers, { compiled, compression, book: args.includes('--book') }));
  }
  console.log(processStartTable(sizes[0]!.ours.bundles));
  console.log(scalingTable(sizes));
  console.log(`\nload average at the end: ${load()}`);
}
