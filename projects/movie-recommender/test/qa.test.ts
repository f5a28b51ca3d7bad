import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvToParquet } from '@capstone/sdk/io';
import { ratingsSchema } from '../src/components/ml25m-schemas.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  readRatings,
  resetObjects,
  rewriteTable,
  runQa,
  sliceRows,
  writeQaFixture,
  writeRatings,
  type QaFixture,
  type Rating,
  type TableName,
} from './qa-fixtures.js';

describe('qa component', () => {
  let fixture: QaFixture;
  let rows: Record<'train' | 'val' | 'test', Rating[]>;
  const put = (name: TableName, path: string) => void fixture.objects.set(name, path);
  const restore = () => resetObjects(fixture);
  /** Stores `path` as table `name`, runs QA, restores the good set. */
  const qaWithObject = async (name: 'train' | 'val' | 'test' | 'movies', path: string) => {
    put(name, path);
    try {
      return await runQa(fixture);
    } finally {
      restore();
    }
  };
  const scratch = (name: string) =>
    join(fixture.dir, `${name}-${Math.random().toString(36).slice(2)}.parquet`);
  /** Stores `split` rewritten from `edited` rows and runs QA on it. */
  const qaWith = async (split: 'train' | 'val' | 'test', edited: Rating[], compression?: 'none') => {
    const path = scratch(split);
    await writeRatings(path, edited, compression);
    return qaWithObject(split, path);
  };
  /** Stores a copy of `file` with the byte at `at` flipped as table `name` and runs QA on it. */
  const qaWithFlippedByte = async (name: 'train', file: string, at: (bytes: Buffer) => number) => {
    const bytes = await readFile(file);
    const where = at(bytes);
    bytes[where] = bytes[where]! ^ 0x55;
    const path = scratch(`${name}-corrupt`);
    await writeFile(path, bytes);
    return qaWithObject(name, path);
  };

  beforeAll(async () => {
    fixture = await writeQaFixture(await mkdtemp(join(tmpdir(), 'mr-qa-')));
    rows = {
      train: await readRatings(fixture.files.train),
      val: await readRatings(fixture.files.val),
      test: await readRatings(fixture.files.test),
    };
  }, 60_000);

  it('passes a good set and reports every value check it made', async () => {
    const run = await runQa(fixture);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.report).toMatch(/^# ml-25m QA: passed/);
    expect(run.report).toContain('| datasets/ml-25m/train.parquet.gzip | 1,500 |');
    expect(run.report).toContain('userId: Int32, movieId: Int32, rating: Float32, timestamp: Int64');
    expect(run.report).toMatch(
      /\| train values \| ok \| 1,500 rows: rating in \{0\.5, …, 5\.0\}, timestamp 1995-01-01 … \d{4}-\d\d-\d\d, userId and movieId > 0 \|/,
    );
    expect(run.report).toContain(
      '| val = what split wrote | ok | 300 rows, every value as written (fingerprint) |',
    );
    expect(run.report).toContain(
      '| train ∪ val ∪ test = converted ratings | ok | 2,000 rows of ratings.csv, each exactly once (fingerprint) |',
    );
    expect(run.report).toContain(
      '| (userId, movieId) pairs unique | ok | 2,000 pairs, each in one split, once |',
    );
    expect(run.report).toContain('| movies values | ok | 50 rows: titles and genres valid UTF-8 |');
    expect(run.report).toContain('| movies = converted movies.csv | ok | 50 rows, as movies.csv has');
    expect(run.stdout).toContain('| train + val + test = ratings rows | ok |');
  });

  it('fails on one flipped value in one split, naming the object and the column', async () => {
    const edited = rows.train.map((r, i) =>
      i === 700 ? { ...r, rating: r.rating === 5 ? 4.5 : r.rating + 0.5 } : r,
    );
    const run = await qaWith('train', edited);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      /train = what split wrote: ml-25m\/train\.parquet\.gzip: column rating: sum [\d.]+ \(expected [\d.]+\); row hash/,
    );
    expect(run.stderr).toMatch(/train ∪ val ∪ test = converted ratings: .*column rating: sum/);
    expect(run.report).toContain('| train values | ok |');
  });

  it('fails on values outside the MovieLens rules, naming each rule, the first row and its value', async () => {
    const edited = rows.val.map((r, i) =>
      i === 3
        ? { ...r, userId: 0 }
        : i === 5
          ? { ...r, rating: 7 }
          : i === 7
            ? { ...r, timestamp: 4_102_444_800n }
            : r,
    );
    edited[9] = { ...edited[9]!, rating: Number.NaN };
    const run = await qaWith('val', edited);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      'val values: ml-25m/val.parquet.gzip: userId must be a positive id (> 0): 1 row breaks it, first row 3: 0',
    );
    expect(run.stderr).toContain(
      'rating must be one of 0.5, 1.0, 1.5, …, 5.0 (half stars): 2 rows break it, first row 5: 7',
    );
    expect(run.stderr).toMatch(
      /timestamp must be a time from 1995-01-01 \(788918400\) up to now, .*: 1 row breaks it, first row 7: 4102444800/,
    );
  });

  it('fails on a dropped row: counts, the split and the union name what changed', async () => {
    const run = await qaWith('val', rows.val.slice(1));
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      'val = what split wrote: ml-25m/val.parquet.gzip: rows 299 (expected 300); column userId: sum',
    );
    expect(run.stderr).toContain(
      'train + val + test = ratings rows: 1,500 + 299 + 200 = 1,999; ratings.csv has 2,000',
    );
    expect(run.report).toContain('| val share | FAILED |');
  });

  it('fails on a row duplicated across two splits, naming the pair and both splits', async () => {
    const moved = rows.train[42]!;
    const run = await qaWith('val', [...rows.val, moved]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      `(userId, movieId) pairs unique: 1 row repeats a pair: (userId ${moved.userId}, movieId ${moved.movieId}) in train and val`,
    );
    expect(run.stderr).toContain('val = what split wrote: ml-25m/val.parquet.gzip: rows 301 (expected 300)');
  });

  it('fails on a row duplicated within one split, even when it replaces another row', async () => {
    const twice = rows.test[10]!;
    const edited = rows.test.map((r, i) => (i === 11 ? twice : r));
    const run = await qaWith('test', edited);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(`(userId ${twice.userId}, movieId ${twice.movieId}) in test and test`);
    expect(run.stderr).toMatch(
      /test = what split wrote: ml-25m\/test\.parquet\.gzip: column movieId: sum \d+ \(expected \d+\); column timestamp: sum/,
    );
  });

  it('checks pairs of a train split whose rows are out of order (its keys are re-read and sorted)', async () => {
    const reversed = await qaWith('train', [...rows.train].reverse());
    expect(reversed.exitCode).toBe(0);
    expect(reversed.report).toMatch(
      /\| \(userId, movieId\) pairs unique \| ok \| 2,000 pairs, each in one split, once \|/,
    );
    const twice = rows.train[100]!;
    const run = await qaWith('train', rows.train.map((r, i) => (i === 101 ? twice : r)).reverse());
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      `(userId, movieId) pairs unique: 1 row repeats a pair: (userId ${twice.userId}, movieId ${twice.movieId}) in train and train`,
    );
  });

  it('fails on one corrupted byte of a gzip page, naming the object that does not decode', async () => {
    const run = await qaWithFlippedByte('train', fixture.files.train, (bytes) =>
      Math.floor(bytes.length / 2),
    );
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/train values: ml-25m\/train\.parquet\.gzip: cannot decode after \d+ rows: /);
    expect(run.stderr).toContain('train ∪ val ∪ test = converted ratings: needs all three splits decoded');
  });

  it('fails on one corrupted byte of an uncompressed page, naming the column whose value changed', async () => {
    const plain = scratch('train-plain');
    await writeRatings(plain, rows.train, 'none');
    expect((await qaWithObject('train', plain)).exitCode).toBe(0);
    const stamp = Buffer.alloc(8);
    stamp.writeBigInt64LE(rows.train[0]!.timestamp);
    const run = await qaWithFlippedByte('train', plain, (bytes) => {
      expect(bytes.indexOf(stamp)).toBeGreaterThan(0);
      return bytes.indexOf(stamp);
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      /train = what split wrote: ml-25m\/train\.parquet\.gzip: column timestamp: sum \d+ \(expected \d+\)/,
    );
  });

  it('fails on movies with a title that is not UTF-8, and on a dropped movie', async () => {
    // Written below the door (the writer does not check UTF-8): what a broken upstream could leave behind.
    const latin1 = scratch('movies-latin1');
    await rewriteTable(fixture.files.movies, latin1, ([id, title, genres]) => {
      title!.bytes![title!.offsets![3]!] = 0xe9;
      return [id!, title!, genres!];
    });
    let run = await qaWithObject('movies', latin1);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      /movies values: ml-25m\/movies\.parquet\.gzip: column title row 3 is not valid UTF-8: "\ufffd/,
    );
    expect(run.stderr).toMatch(
      /movies = converted movies\.csv: ml-25m\/movies\.parquet\.gzip: column title: value hash [0-9a-f]{16} \(expected [0-9a-f]{16}\); row hash/,
    );
    const short = scratch('movies-short');
    await rewriteTable(fixture.files.movies, short, (columns) => columns.map((c) => sliceRows(c, 0, 49)));
    run = await qaWithObject('movies', short);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      'movies = converted movies.csv: ml-25m/movies.parquet.gzip: rows 49 (expected 50)',
    );
  });

  it('fails on a truncated train file, naming the check and the object', async () => {
    const bytes = await readFile(fixture.files.train);
    const cut = scratch('train-truncated');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const run = await qaWithObject('train', cut);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      /error: qa: QA failed \d+ checks?: objects readable: ml-25m\/train\.parquet\.gzip: /,
    );
    expect(run.report).toContain('| objects readable | FAILED |');
  });

  it('fails on a split with a missing column or a wrong type, and on a missing object', async () => {
    const csv = join(fixture.dir, 'val-3-columns.csv');
    await writeFile(csv, 'userId,movieId,rating\n1,2,3.5\n1,5,4.0\n');
    const parquet = join(fixture.dir, 'val-3-columns.parquet.gzip');
    await csvToParquet(csv, parquet, { schema: ratingsSchema.slice(0, 3) });
    put('val', parquet);
    fixture.objects.delete('movies');
    put('test', fixture.files.movies);
    try {
      const run = await runQa(fixture);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain(
        'val columns: expected userId:Int32, movieId:Int32, rating:Float32, timestamp:Int64; got userId:Int32, movieId:Int32, rating:Float32',
      );
      expect(run.stderr).toContain('objects exist: missing ml-25m/movies.parquet.gzip');
      expect(run.stderr).toContain('test columns: expected userId:Int32');
      expect(run.stderr).toContain(
        'val values: ml-25m/val.parquet.gzip: not read (missing, unreadable or wrong columns)',
      );
      expect(run.report).toContain('| datasets/ml-25m/movies.parquet.gzip | — | — | missing |');
    } finally {
      restore();
    }
  });
});
