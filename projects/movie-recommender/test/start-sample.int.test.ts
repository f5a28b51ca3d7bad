// What a new user does first: `pnpm start --only movie-recommender` in the repo, then reads the four objects
// it published on the embedded filesystem store with pyarrow. Every value must equal the sample archive's.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPythonJson } from '@capstone/sdk/testing';
import { describe, expect, it } from 'vitest';
import { ML25M_ENTRIES } from '../src/components/ml25m-layout.js';
import { defaultMovieRows } from '../src/samples/generate-ml25m.js';
import { ML25M_SAMPLE_RATINGS, sample } from '../src/samples/sample.js';
import { pyarrowValues } from './pyarrow-values.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const NAMES = ['train', 'val', 'test', 'movies'] as const;

/** Rewrites a Parquet file with pyarrow: one rating of row 0 changed, or the last row dropped. */
const CORRUPT = `
import json, sys
import pyarrow as pa, pyarrow.compute as pc, pyarrow.parquet as pq
args = json.loads(sys.argv[1])
t = pq.read_table(args["from"])
if args["how"] == "flip":
    ratings = t.column("rating").to_pylist()
    ratings[0] = 5.0 if ratings[0] != 5.0 else 0.5
    t = t.set_column(t.schema.get_field_index("rating"), t.schema.field("rating"), pa.array(ratings, pa.float32()))
else:
    t = t.slice(0, t.num_rows - 1)
pq.write_table(t, args["to"], compression="gzip")
print(json.dumps(t.num_rows))
`;

function startWithoutS3(): { status: number | null; output: string } {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(S3_|AWS_)/.test(name)) delete env[name];
  const result = spawnSync(
    process.execPath,
    ['packages/sdk/bin/capstone.js', 'start', '--only', 'movie-recommender'],
    { cwd: root, env, encoding: 'utf8', timeout: 280_000 },
  );
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('pnpm start --only movie-recommender, read back by pyarrow', () => {
  it('publishes exactly the sample’s ratings (as the union of the splits) and movies', async (context) => {
    const started = startWithoutS3();
    expect(started.status, started.output).toBe(0);
    expect(started.output).toContain('ml-25m QA: passed');

    const prepared = await sample.prepare({
      dir: join(root, '.data/samples/movie-recommender/small'),
      scale: 'small',
    });
    const zip = (prepared.routes[0]?.route.body as { file: string }).file;
    const objects = join(root, '.data/objects/datasets/ml-25m');
    const files = Object.fromEntries(NAMES.map((name) => [name, join(objects, `${name}.parquet.gzip`)]));
    const read = pyarrowValues(context, {
      zip,
      ratingsEntry: ML25M_ENTRIES.ratings,
      moviesEntry: ML25M_ENTRIES.movies,
      files: files as Record<(typeof NAMES)[number], string>,
    });
    expect(read.ratingsUnion).toEqual({
      rows: ML25M_SAMPLE_RATINGS.small,
      expectedRows: ML25M_SAMPLE_RATINGS.small,
      differences: [],
    });
    expect(read.moviesRows).toEqual({
      rows: defaultMovieRows(ML25M_SAMPLE_RATINGS.small),
      expectedRows: defaultMovieRows(ML25M_SAMPLE_RATINGS.small),
      differences: [],
    });

    // The same check on a corrupted copy of train must name what is wrong.
    for (const how of ['flip', 'drop'] as const) {
      const train = join(root, `.data/tmp-start-sample-${how}.parquet`);
      runPythonJson(CORRUPT, { from: files.train, to: train, how });
      const broken = pyarrowValues(context, {
        zip,
        ratingsEntry: ML25M_ENTRIES.ratings,
        moviesEntry: ML25M_ENTRIES.movies,
        files: { ...(files as Record<(typeof NAMES)[number], string>), train },
      });
      expect(broken.ratingsUnion.differences.join('\n'), how).toMatch(
        how === 'flip' ? /^rating row \d+: / : /^rows 19999 != 20000$/,
      );
    }
  });
});
