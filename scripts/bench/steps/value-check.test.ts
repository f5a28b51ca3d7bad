// The benchmark's value checks must catch a wrong output, and a step whose output is wrong must print FAIL
// where its time would be: each output here is broken on purpose (a flipped value, a dropped row, a changed
// byte) and checked with the same checker and table the benchmark uses.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { csvToParquet, splitParquet } from '@capstone/sdk/io';
import { makeZip } from '@capstone/sdk/testing';
import { describeRequiring, pythonModules } from '@capstone/sdk/testing/vitest';
import { ratingsSchema } from '../../../projects/movie-recommender/src/components/ml25m-schemas.js';
import { writeRatingsCsv } from '../../../projects/movie-recommender/src/samples/generate-ratings.js';
import { stepTable, type StepResult } from './step-table.js';
import { qaCheck } from './peer-steps.js';
import { checkValues, type ValueCheck } from './value-check.js';

const row = (check: ValueCheck): StepResult => ({ impl: 'broken', wall: 0.5, rssMb: 10, check });
const ours = (check: ValueCheck): StepResult => ({ impl: 'ours', wall: 1, rssMb: 10, check });

describeRequiring(pythonModules('pyarrow', 'numpy'), 'benchmark value checks', () => {
  let dir: string;
  let csv: string;
  let csvText: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-check-'));
    csv = join(dir, 'ratings.csv');
    await writeRatingsCsv(csv, { rows: 3000 });
    csvText = await readFile(csv, 'utf8');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** The same ratings with one line changed by `edit` (line 1 is the header). */
  async function brokenCsv(name: string, edit: (lines: string[]) => void): Promise<string> {
    const lines = csvText.trimEnd().split('\n');
    edit(lines);
    const path = join(dir, name);
    await writeFile(path, `${lines.join('\n')}\n`);
    return path;
  }

  it('passes a correct conversion and prints its time', async () => {
    const parquet = join(dir, 'good.parquet');
    await csvToParquet(csv, parquet, { schema: ratingsSchema });
    const check = await checkValues('convert', csv, parquet, 'ratings');
    expect(check).toEqual({ ok: true, detail: '3000 rows equal, in order' });
    expect(stepTable('convert', [ours(check), row(check)])).toContain('| broken | 0.50 | 10 | 0.50× | ok:');
  });

  it('prints FAIL, not a time, for a conversion with one flipped rating', async () => {
    const flipped = await brokenCsv('flipped.csv', (lines) => {
      const fields = lines[1001]!.split(',');
      fields[2] = fields[2] === '5.0' ? '0.5' : '5.0';
      lines[1001] = fields.join(',');
    });
    const parquet = join(dir, 'flipped.parquet');
    await csvToParquet(flipped, parquet, { schema: ratingsSchema });
    const check = await checkValues('convert', csv, parquet, 'ratings');
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/row 1000 column rating is/);
    const table = stepTable('convert', [ours({ ok: true, detail: 'x' }), row(check)]);
    expect(table).toContain('| broken | FAIL | 10 | — | **FAIL**: flipped.parquet: row 1000 column rating');
    expect(table).not.toContain('0.50');
  });

  it('fails a split whose union lacks a row, naming the split sizes', async () => {
    const dropped = await brokenCsv('dropped.csv', (lines) => lines.splice(7, 1));
    const parquet = join(dir, 'dropped.parquet');
    await csvToParquet(dropped, parquet, { schema: ratingsSchema });
    await splitParquet(parquet, join(dir, 'split-dropped'), { seed: 42 });
    const check = await checkValues('split', csv, join(dir, 'split-dropped'));
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/rows, expected .* \(sklearn's arithmetic\)/);
  });

  it('fails a split whose union has one value changed, and passes the correct split', async () => {
    const good = join(dir, 'good.parquet');
    await splitParquet(good, join(dir, 'split-good'), { seed: 42 });
    expect((await checkValues('split', csv, join(dir, 'split-good'))).ok).toBe(true);
    const changed = await brokenCsv('changed.csv', (lines) => {
      const fields = lines[42]!.split(',');
      fields[3] = String(Number(fields[3]) + 1);
      lines[42] = fields.join(',');
    });
    const parquet = join(dir, 'changed.parquet');
    await csvToParquet(changed, parquet, { schema: ratingsSchema });
    await splitParquet(parquet, join(dir, 'split-changed'), { seed: 42 });
    const check = await checkValues('split', csv, join(dir, 'split-changed'));
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/union of the splits: sorted row \d+ column timestamp/);
  });

  it('fails an unzipped file with one changed byte, naming the offset', async () => {
    const zip = join(dir, 'a.zip');
    await makeZip(zip, [{ path: 'ml-25m/ratings.csv', content: csvText }]);
    const out = join(dir, 'unzipped.csv');
    await writeFile(out, csvText);
    expect((await checkValues('bytes', zip, 'ml-25m/ratings.csv', out)).ok).toBe(true);
    const bytes = Buffer.from(csvText);
    bytes[12345] = bytes[12345]! ^ 1;
    await writeFile(out, bytes);
    const check = await checkValues('bytes', zip, 'ml-25m/ratings.csv', out);
    expect(check).toEqual({ ok: false, detail: `${out}: differs from ml-25m/ratings.csv at byte 12345` });
    await writeFile(out, csvText.slice(0, -1));
    expect((await checkValues('bytes', zip, 'ml-25m/ratings.csv', out)).ok).toBe(false);
  });
});

it('a QA peer that misses rows or reports a problem fails its check', () => {
  const expected = { train: 3, val: 1, test: 1, movies: 2 };
  const good = JSON.stringify({ rows: expected, problems: [] });
  expect(qaCheck(good, expected).ok).toBe(true);
  const short = JSON.stringify({ rows: { ...expected, val: 0 }, problems: [] });
  expect(qaCheck(short, expected)).toEqual({ ok: false, detail: 'val: read 0 rows, expected 1' });
  const flagged = JSON.stringify({ rows: expected, problems: ['train.rating: 1 bad'] });
  expect(qaCheck(flagged, expected)).toEqual({ ok: false, detail: 'reported train.rating: 1 bad' });
  expect(qaCheck('Traceback', expected).ok).toBe(false);
});
