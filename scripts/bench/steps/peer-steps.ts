// What each peer runs for each step, and how its output is value-checked. Every peer reads the same input
// as ours did in the pipeline run: the archive, the unzipped CSVs, our intermediate ratings Parquet (split),
// our uploaded objects (QA).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allOf, checkValues, type ValueCheck } from './value-check.js';

export type Step = 'unzip' | 'convert' | 'split' | 'qa';

export interface StepInputs {
  readonly zip: string;
  readonly entries: { readonly ratings: string; readonly movies: string };
  readonly ratingsCsv: string;
  readonly moviesCsv: string;
  /** Our intermediate ratings Parquet (the split's input). */
  readonly ratingsParquet: string;
  /** Our uploaded train/val/test and movies objects (the QA's input). */
  readonly objectsDir: string;
  /** The intermediate ratings Parquet's codec, as the pipeline's `ratings_parquet_compression`. */
  readonly compression: string;
  /** Row counts a correct split and movies file have. */
  readonly expectedRows: Readonly<Record<'train' | 'val' | 'test' | 'movies', number>>;
}

export interface PeerRun {
  readonly impl: string;
  readonly argv: readonly string[];
  /** Reads the peer's output (and its stdout) against the input. */
  check(stdout: string): Promise<ValueCheck>;
}

const peers = fileURLToPath(new URL('../peers/', import.meta.url));
export const PEERS = ['polars', 'duckdb', 'pyarrow'] as const;
export type Peer = (typeof PEERS)[number];
/** Python modules each peer needs. */
export const PEER_MODULES: Readonly<Record<Peer, readonly string[]>> = {
  polars: ['polars', 'numpy'],
  duckdb: ['duckdb'],
  pyarrow: ['pyarrow', 'numpy'],
};

const script = (peer: Peer) => join(peers, `${peer}_tabular.py`);

/** The unzip step's references: Info-ZIP writing both entries, and zlib's bare inflate as the limit. */
export function unzipPeers(inputs: StepInputs, out: string): PeerRun[] {
  const [ratings, movies] = [join(out, 'ratings.csv'), join(out, 'movies.csv')];
  const { zip, entries } = inputs;
  return [
    {
      impl: 'Info-ZIP `unzip -p` → files',
      argv: ['sh', '-c', 'unzip -p "$1" "$2" > "$3" && unzip -p "$1" "$4" > "$5"', 'sh'].concat([
        zip,
        entries.ratings,
        ratings,
        entries.movies,
        movies,
      ]),
      check: async () =>
        allOf(
          await checkValues('bytes', zip, entries.ratings, ratings),
          await checkValues('bytes', zip, entries.movies, movies),
        ),
    },
    {
      impl: 'zlib raw inflate (Python, output discarded: the limit)',
      argv: ['python3', join(peers, 'raw_inflate.py'), zip, entries.ratings, entries.movies],
      check: (stdout) =>
        Promise.resolve({
          ok: true,
          detail: `sizes as the directory records (${stdout.trim().split('\n').length} entries)`,
        }),
    },
  ];
}

export function convertPeer(peer: Peer, inputs: StepInputs, out: string): PeerRun {
  const parquet = join(out, 'ratings.parquet');
  return {
    impl: `${peer} (${inputs.compression})`,
    argv: ['python3', script(peer), 'convert', inputs.ratingsCsv, parquet, inputs.compression],
    check: () => checkValues('convert', inputs.ratingsCsv, parquet, 'ratings'),
  };
}

export function splitPeer(peer: Peer, inputs: StepInputs, out: string): PeerRun {
  const dir = join(out, 'split');
  return {
    impl: peer,
    argv: ['python3', script(peer), 'split', inputs.ratingsParquet, dir],
    check: () => checkValues('split', inputs.ratingsCsv, dir),
  };
}

interface QaOutput {
  readonly rows: Readonly<Record<string, number>>;
  readonly problems: readonly string[];
}

export function qaPeer(peer: Peer, inputs: StepInputs): PeerRun {
  return {
    impl: peer,
    argv: ['python3', script(peer), 'qa', inputs.objectsDir],
    check: (stdout) => Promise.resolve(qaCheck(stdout, inputs.expectedRows)),
  };
}

/** A QA run is right when it read every object's rows and found no problem in correct data. */
export function qaCheck(stdout: string, expected: StepInputs['expectedRows']): ValueCheck {
  let out: QaOutput;
  try {
    out = JSON.parse(stdout.trim().split('\n').pop() ?? '') as QaOutput;
  } catch {
    return { ok: false, detail: `no QA result in its output: ${stdout.slice(0, 200)}` };
  }
  const wrong = Object.entries(expected).filter(([name, rows]) => out.rows[name] !== rows);
  if (wrong.length > 0)
    return {
      ok: false,
      detail: wrong.map(([n, rows]) => `${n}: read ${out.rows[n]} rows, expected ${rows}`).join('; '),
    };
  if (out.problems.length > 0) return { ok: false, detail: `reported ${out.problems.join('; ')}` };
  const rows = Object.entries(out.rows).map(([n, r]) => `${n} ${r}`);
  return { ok: true, detail: `read ${rows.join(', ')}; no problem reported` };
}
