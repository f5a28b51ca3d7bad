// Cross-checks our files with pyarrow, the reader the book's training chapters use.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NUMERIC_SCHEMA, TEXT_SCHEMA, numericCsvChunks, textCsv } from '../../../testing/table-fixtures.js';
import { describeRequiring, pythonModules } from '../../../testing/requirements.js';
import { csvToParquet } from './csv-to-parquet.js';
import { splitParquet } from '../split/split-table.js';

const peers = pythonModules('pyarrow', 'fastparquet');

const SCRIPT = `
import json, sys, fastparquet, pyarrow.parquet as pq
out = {}
for path in sys.argv[1:]:
    t = pq.read_table(path)
    same_in_fastparquet = fastparquet.ParquetFile(path).to_pandas().equals(t.to_pandas())
    out[path] = {"schema": [f"{f.name}:{f.type}" for f in t.schema], "rows": t.num_rows,
                 "codecs": sorted({pq.ParquetFile(path).metadata.row_group(0).column(i).compression for i in range(t.num_columns)}),
                 "first": t.slice(0, 1).to_pylist(), "pandas_index": t.schema.pandas_metadata is not None,
                 "same_in_fastparquet": same_in_fastparquet}
print(json.dumps(out))
`;

describeRequiring(peers, 'files read by pyarrow (and fastparquet)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pyarrow-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('have exactly the 4 ratings columns int32/int32/float/int64, gzip, no index, also after the split', async () => {
    await writeFile(join(dir, 'ratings.csv'), Buffer.concat([...numericCsvChunks({ rows: 2000 })]));
    const ratings = join(dir, 'ratings.parquet.gzip');
    await csvToParquet(join(dir, 'ratings.csv'), ratings, { schema: NUMERIC_SCHEMA });
    const { files } = await splitParquet(ratings, join(dir, 'split'), { seed: 42 });
    await writeFile(join(dir, 'movies.csv'), textCsv({ rows: 100 }));
    const movies = join(dir, 'movies.parquet.gzip');
    await csvToParquet(join(dir, 'movies.csv'), movies, { schema: TEXT_SCHEMA });
    const paths = [ratings, files.train, files.val, files.test, movies];
    const report = JSON.parse(
      execFileSync('python3', ['-c', SCRIPT, ...paths], { encoding: 'utf8' }),
    ) as Record<
      string,
      {
        schema: string[];
        rows: number;
        codecs: string[];
        first: unknown[];
        pandas_index: boolean;
        same_in_fastparquet: boolean;
      }
    >;
    for (const path of paths.slice(0, 4)) {
      expect(report[path]).toMatchObject({
        schema: ['userId:int32', 'movieId:int32', 'rating:float', 'timestamp:int64'],
        codecs: ['GZIP'],
        pandas_index: false,
      });
    }
    // fastparquet (the book's engine) must read the same values, when it is installed.
    for (const path of paths) expect(report[path]!.same_in_fastparquet).toBe(true);
    expect(report[ratings]!.rows).toBe(2000);
    expect([files.train, files.val, files.test].map((f) => report[f]!.rows)).toEqual([1500, 300, 200]);
    expect(report[movies]).toMatchObject({
      schema: ['movieId:int32', 'title:string', 'genres:string'],
      rows: 100,
    });
  });
});
