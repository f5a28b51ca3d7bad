import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvToParquet, ratingsSchema } from '@capstone/sdk/io';
import { beforeAll, describe, expect, it } from 'vitest';
import { runQa, writeQaFixture, type QaFixture } from './qa-fixtures.js';

describe('qa component', () => {
  let fixture: QaFixture;
  const put = (name: string, path: string) =>
    fixture.store.putFile(fixture.bucket, `ml-25m/${name}.parquet.gzip`, path);
  const restore = async () => {
    for (const [name, path] of Object.entries(fixture.files)) await put(name, path);
  };

  beforeAll(async () => {
    fixture = await writeQaFixture(await mkdtemp(join(tmpdir(), 'mr-qa-')));
  }, 60_000);

  it('passes a good set, prints the table and writes it as Markdown', async () => {
    const run = await runQa(fixture);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.report).toMatch(/^# ml-25m QA: passed/);
    expect(run.report).toContain('| datasets/ml-25m/train.parquet.gzip | 1,500 |');
    expect(run.report).toContain('userId: Int32, movieId: Int32, rating: Float32, timestamp: Int64');
    expect(run.report).toContain('| test decodes with Arrow | ok | 200 rows');
    expect(run.stdout).toContain('| train + val + test = ratings rows | ok |');
  });

  it('fails on a truncated train file, naming the check and the object', async () => {
    const bytes = await readFile(fixture.files.train);
    const cut = join(fixture.dir, 'train-truncated.parquet.gzip');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await put('train', cut);
    try {
      const run = await runQa(fixture);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toMatch(
        /error: qa: QA failed \d+ checks?: objects readable: ml-25m\/train\.parquet\.gzip: /,
      );
      expect(run.report).toContain('| objects readable | FAILED |');
    } finally {
      await restore();
    }
  });

  it('fails on a train file with rows missing (row total, share, 75 % floor)', async () => {
    const lines = (await readFile(join(fixture.dir, 'ratings.csv'), 'utf8')).split('\n');
    const csv = join(fixture.dir, 'train-short.csv');
    await writeFile(csv, `${lines.slice(0, 1 + 1_490).join('\n')}\n`);
    const short = join(fixture.dir, 'train-short.parquet.gzip');
    await csvToParquet(csv, short, { schema: ratingsSchema });
    await put('train', short);
    try {
      const run = await runQa(fixture);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain(
        'train + val + test = ratings rows: 1,490 + 300 + 200 = 1,990; ratings.csv has 2,000',
      );
      expect(run.stderr).toContain('train >= 0.75 x total: 1,490 >= floor(0.75 x 2,000) = 1,500');
      expect(run.report).toContain('| train share | FAILED |');
    } finally {
      await restore();
    }
  });

  it('fails on a split with a missing column, naming the columns it found', async () => {
    const csv = join(fixture.dir, 'val-3-columns.csv');
    await writeFile(csv, 'userId,movieId,rating\n1,2,3.5\n1,5,4.0\n');
    const parquet = join(fixture.dir, 'val-3-columns.parquet.gzip');
    await csvToParquet(csv, parquet, {
      schema: [
        { name: 'userId', type: 'int32' },
        { name: 'movieId', type: 'int32' },
        { name: 'rating', type: 'float' },
      ],
    });
    await put('val', parquet);
    try {
      const run = await runQa(fixture);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain(
        'val columns: expected userId:Int32, movieId:Int32, rating:Float32, timestamp:Int64; got userId:Int32, movieId:Int32, rating:Float32',
      );
    } finally {
      await restore();
    }
  });

  it('fails on a wrong column type and on a missing object', async () => {
    await fixture.store.delete(fixture.bucket, 'ml-25m/movies.parquet.gzip');
    await put('test', fixture.files.movies);
    try {
      const run = await runQa(fixture);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('objects exist: missing ml-25m/movies.parquet.gzip');
      expect(run.stderr).toContain('test columns: expected userId:Int32');
      expect(run.report).toContain('| datasets/ml-25m/movies.parquet.gzip | — | — | missing |');
    } finally {
      await restore();
    }
  });
});
