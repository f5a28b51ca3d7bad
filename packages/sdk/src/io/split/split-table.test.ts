import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NUMERIC_SCHEMA, numericCsvChunks } from '../../../testing/table-fixtures.js';
import { csvToParquet } from '../table/csv-to-parquet.js';
import { compareFingerprints } from '../table/fingerprint/compare-fingerprints.js';
import { fingerprintParquetFile, mergeFingerprints } from '../table/fingerprint/table-fingerprint.js';
import { readParquetTable } from '../table/parquet/arrow-reader.js';
import { assignSplits, seededPermutation, splitSizes } from './seeded-shuffle.js';
import { splitParquet } from './split-table.js';
import { SplitError } from '../table/table-errors.js';

describe('splitSizes', () => {
  it('matches the book for MovieLens 25M', () => {
    expect(splitSizes(25_000_095)).toEqual({ train: 18_750_071, val: 3_750_014, test: 2_500_010 });
  });
  it('uses sklearn ceil arithmetic for small n', () => {
    expect(splitSizes(10)).toEqual({ train: 7, val: 1, test: 2 });
    expect(splitSizes(1)).toEqual({ train: 0, val: 0, test: 1 });
    expect(splitSizes(0)).toEqual({ train: 0, val: 0, test: 0 });
  });
  it('rejects fractions that do not sum to 1', () => {
    expect(() => splitSizes(10, { train: 0.8, val: 0.15, test: 0.1 })).toThrow(SplitError);
  });
});

describe('seededPermutation', () => {
  it('is a permutation, deterministic per seed, different across seeds', () => {
    const a = seededPermutation(1000, 42);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(seededPermutation(1000, 42)).toEqual(a);
    expect(seededPermutation(1000, 43)).not.toEqual(a);
  });
  it('is pinned: the same seed gives the same first draws on every platform', () => {
    expect([...seededPermutation(10, 42)]).toEqual([...seededPermutation(10, '42')]);
    expect([...seededPermutation(8, 1)]).toMatchInlineSnapshot(`
      [
        1,
        5,
        7,
        6,
        3,
        2,
        0,
        4,
      ]
    `);
  });
  it('labels exactly the split sizes', () => {
    const labels = assignSplits(1001, splitSizes(1001), 7);
    const counts = [0, 0, 0];
    for (const l of labels) counts[l]!++;
    const sizes = splitSizes(1001);
    expect(counts).toEqual([sizes.train, sizes.val, sizes.test]);
  });
});

describe('splitParquet', () => {
  let dir: string;
  let input: string;
  const rows = 10_007;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'split-'));
    await writeFile(join(dir, 'ratings.csv'), Buffer.concat([...numericCsvChunks({ rows, seed: 5 })]));
    input = join(dir, 'ratings.parquet.gzip');
    await csvToParquet(join(dir, 'ratings.csv'), input, { schema: NUMERIC_SCHEMA, rowGroupSize: 3000 });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const keys = async (file: string): Promise<string[]> =>
    (await readParquetTable(file))
      .toArray()
      .map(
        (r: { userId: number; movieId: number; rating: number; timestamp: bigint }) =>
          `${r.userId}:${r.movieId}:${r.rating}:${r.timestamp}`,
      );

  it('writes exact sizes, loses and duplicates no row, keeps original order inside each split', async () => {
    const { sizes, files } = await splitParquet(input, join(dir, 'a'), { seed: 42 });
    expect(sizes).toEqual(splitSizes(rows));
    const source = await keys(input);
    const parts = await Promise.all([keys(files.train), keys(files.val), keys(files.test)]);
    expect(parts.map((p) => p.length)).toEqual([sizes.train, sizes.val, sizes.test]);
    expect([...parts.flat()].sort()).toEqual([...source].sort());
    const position = new Map(source.map((k, i) => [k, i]));
    for (const part of parts) {
      const idx = part.map((k) => position.get(k)!);
      expect(idx).toEqual([...idx].sort((x, y) => x - y));
    }
    const table = await readParquetTable(files.train);
    expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      'userId:Int32',
      'movieId:Int32',
      'rating:Float32',
      'timestamp:Int64',
    ]);
    let sum = 0;
    for (const f of Object.values(files))
      for (const v of (await readParquetTable(f)).getChild('movieId')!) sum += v as number;
    let expected = 0;
    for (const v of (await readParquetTable(input)).getChild('movieId')!) expected += v as number;
    expect(sum).toBe(expected);
  });

  // Row groups of 4 rows: most give one split no rows, so its writer is not waited for while the other
  // writers take the next groups; the arrays its pages point at must not be refilled before it wrote them.
  it.each(['none', 'gzip'] as const)(
    'writes the right values when a split gets no rows of some row groups (%s, the pipeline’s plain input)',
    async (compression) => {
      const small = join(dir, `small-${compression}.parquet`);
      await csvToParquet(join(dir, 'ratings.csv'), small, {
        schema: NUMERIC_SCHEMA,
        rowGroupSize: 4,
        compression: 'none',
        intEncoding: 'plain',
      });
      const { files } = await splitParquet(small, join(dir, `small-out-${compression}`), {
        seed: 7,
        compression,
      });
      const source = await keys(small);
      const position = new Map(source.map((k, i) => [k, i]));
      const parts = await Promise.all([keys(files.train), keys(files.val), keys(files.test)]);
      expect([...parts.flat()].sort()).toEqual([...source].sort());
      for (const part of parts) {
        const idx = part.map((k) => position.get(k)!);
        expect(idx).toEqual([...idx].sort((x, y) => x - y));
      }
    },
  );

  it('keeps every row exactly once for every compression: the union of the outputs has the input fingerprint', async () => {
    const whole = await fingerprintParquetFile(input);
    for (const compression of ['gzip', 'snappy', 'none', 'zstd'] as const) {
      const { files } = await splitParquet(input, join(dir, `fp-${compression}`), { seed: 3, compression });
      const [train, val, test] = await Promise.all(
        [files.train, files.val, files.test].map(fingerprintParquetFile),
      );
      expect(compareFingerprints(whole, mergeFingerprints(mergeFingerprints(train!, val!), test!))).toEqual(
        [],
      );
      expect(train!.rows + val!.rows + test!.rows).toBe(whole.rows);
    }
  });

  it('fingerprints what it writes: each file read back has the fingerprint the split returned', async () => {
    for (const compression of ['gzip', 'none'] as const) {
      const { files, fingerprints } = await splitParquet(input, join(dir, `own-${compression}`), {
        seed: 5,
        compression,
        fingerprint: ['train', 'val', 'test'],
      });
      for (const s of ['train', 'val', 'test'] as const) {
        expect(compareFingerprints(fingerprints[s]!, await fingerprintParquetFile(files[s]))).toEqual([]);
      }
    }
    // A wrong fingerprint would not pass: the three parts differ from each other.
    const { fingerprints } = await splitParquet(input, join(dir, 'own-x'), { seed: 5, fingerprint: ['val'] });
    expect(Object.keys(fingerprints)).toEqual(['val']);
    const { fingerprints: all } = await splitParquet(input, join(dir, 'own-y'), {
      seed: 5,
      fingerprint: ['train', 'val'],
    });
    expect(compareFingerprints(all.train!, all.val!)).not.toEqual([]);
  });

  it('is deterministic per seed and differs across seeds', async () => {
    const a = await splitParquet(input, join(dir, 'b1'), { seed: 42 });
    const b = await splitParquet(input, join(dir, 'b2'), { seed: 42 });
    const c = await splitParquet(input, join(dir, 'b3'), { seed: 7 });
    expect(await keys(b.files.test)).toEqual(await keys(a.files.test));
    expect(await keys(c.files.test)).not.toEqual(await keys(a.files.test));
  });
});
