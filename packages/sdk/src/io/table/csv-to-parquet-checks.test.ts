import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NUMERIC_SCHEMA, TEXT_SCHEMA, numericCsvChunks, textCsv } from '../../../testing/table-fixtures.js';
import type { ColumnChunk } from './column-chunk.js';
import { csvToParquet } from './csv-to-parquet.js';
import type { CsvToParquetOptions, RowCheck } from './csv-to-parquet.js';
import { fingerprintParquetFile } from './fingerprint/table-fingerprint.js';
import { CsvEmptyError, CsvHeaderError, CsvRowError } from './table-errors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csv-checks-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
async function convert(csv: string | Buffer, options: CsvToParquetOptions) {
  n += 1;
  const input = join(dir, `in-${n}.csv`);
  await writeFile(input, csv);
  return csvToParquet(input, join(dir, `out-${n}.parquet`), options);
}
const failure = (csv: string | Buffer, options: CsvToParquetOptions) =>
  convert(csv, options).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
const leftovers = async () =>
  (await readdir(dir)).filter((f) => f.startsWith('out-') && !f.endsWith('.parquet'));

describe('csvToParquet input checks', () => {
  it('refuses a string that is not UTF-8, naming the line, the column, the byte and the value', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('movieId,title,genres\n1,"Toy Story, The (1995)",Comedy\n2,"two\nlines",Drama\n3,Am'),
      Buffer.from([0xe9]),
      Buffer.from('lie (2001),Romance\n'),
    ]);
    const error = await failure(latin1, { schema: TEXT_SCHEMA, rowGroupSize: 2 });
    expect(error).toBeInstanceOf(CsvRowError);
    expect(error).toMatchObject({ line: 5, text: 'Am\ufffdlie (2001)' });
    expect(error?.message).toMatch(
      /:5: column title is not valid UTF-8 \(byte 0xe9 at offset 2 of the value;/,
    );
    expect(await leftovers()).toEqual([]);
  });

  it('refuses a value split mid-character even when the bytes around it would join up', async () => {
    // 'é' is C3 A9: one value ends with C3 and the next starts with A9, so the column's bytes are valid.
    const csv = Buffer.concat([
      Buffer.from('movieId,title,genres\n1,a'),
      Buffer.from([0xc3]),
      Buffer.from(',x\n2,'),
      Buffer.from([0xa9]),
      Buffer.from('b,y\n'),
    ]);
    const error = await failure(csv, { schema: TEXT_SCHEMA });
    expect(error).toMatchObject({ line: 2, name: 'CsvRowError' });
    expect(error?.message).toContain('column title is not valid UTF-8 (byte 0xc3 at offset 1');
  });

  it('refuses a header that is not UTF-8 or names a column twice', async () => {
    const badHeader = Buffer.concat([Buffer.from('id,t'), Buffer.from([0xff]), Buffer.from('tle\n1,x\n')]);
    expect(await failure(badHeader, {})).toMatchObject({ line: 1, reason: 'header is not valid UTF-8' });
    const twice = await failure('userId,userId,rating,timestamp\n1,2,3.5,4\n', { schema: NUMERIC_SCHEMA });
    expect(twice?.message).toContain(
      ':1: header names column "userId" twice: "userId,userId,rating,timestamp"',
    );
    expect(await failure('a,b,a\n1,2,3\n', {})).toBeInstanceOf(CsvRowError);
  });

  it('names the expected header for a wrong one and for an empty file', async () => {
    const wrong = await failure('user,movie,rating,timestamp\n1,2,3.5,4\n', { schema: NUMERIC_SCHEMA });
    expect(wrong).toBeInstanceOf(CsvHeaderError);
    expect(wrong?.message).toMatch(
      /in-\d+\.csv:1: header "user,movie,rating,timestamp" does not match the schema; expected "userId,movieId,rating,timestamp"$/,
    );
    const empty = await failure('', { schema: NUMERIC_SCHEMA });
    expect(empty?.message).toMatch(
      /the file is empty; expected a header row "userId,movieId,rating,timestamp"$/,
    );
  });

  it('refuses a header-only file when rows are required, and leaves no output', async () => {
    const error = await failure('userId,movieId,rating,timestamp\n\n', {
      schema: NUMERIC_SCHEMA,
      allowEmpty: false,
    });
    expect(error).toBeInstanceOf(CsvEmptyError);
    expect(error?.message).toMatch(
      /in-\d+\.csv: no data rows after the header \(line 1\); expected at least one row$/,
    );
    expect(await leftovers()).toEqual([]);
  });

  it('applies a domain check per row group and reports the line of the row it names', async () => {
    // Blank lines and a quoted number make lines and rows drift apart; row groups of 3 rows.
    const csv =
      'userId,movieId,rating,timestamp\n1,1,3.5,10\n\n1,2,"4.0",11\n2,1,1.0,12\n\n\n2,2,7.5,13\n3,1,2.0,14\n';
    const outOfRange: RowCheck = (columns: readonly ColumnChunk[]) => {
      const rating = columns[2]!.values as Float32Array;
      const row = rating.findIndex((r) => r > 5);
      return row < 0
        ? undefined
        : { row, column: 'rating', reason: 'must be at most 5', value: String(rating[row]) };
    };
    const error = await failure(csv, { schema: NUMERIC_SCHEMA, rowGroupSize: 3, checkRows: outOfRange });
    expect(error).toBeInstanceOf(CsvRowError);
    expect(error).toMatchObject({ line: 8, text: '7.5' });
    expect(error?.message).toMatch(/in-\d+\.csv:8: column rating must be at most 5: "7\.5"$/);
    expect(await leftovers()).toEqual([]);
  });

  it('returns the fingerprint of the rows it parsed, equal to the one read back from the file', async () => {
    const csv = Buffer.concat([...numericCsvChunks({ rows: 3_000, seed: 5 })]);
    const result = await convert(csv, { schema: NUMERIC_SCHEMA, fingerprint: true, rowGroupSize: 700 });
    expect(result.fingerprint?.rows).toBe(3_000);
    expect(await fingerprintParquetFile(join(dir, `out-${n}.parquet`))).toEqual(result.fingerprint);
    const movies = await convert(textCsv({ rows: 200 }), { schema: TEXT_SCHEMA, fingerprint: true });
    expect(await fingerprintParquetFile(join(dir, `out-${n}.parquet`))).toEqual(movies.fingerprint);
    expect(movies.fingerprint?.columns[1]).toMatchObject({
      name: 'title',
      hash: expect.stringMatching(/^[0-9a-f]{16}$/) as unknown,
    });
  });
});
