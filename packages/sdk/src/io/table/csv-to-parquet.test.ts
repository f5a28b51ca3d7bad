import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NUMERIC_SCHEMA,
  TEXT_SCHEMA,
  numericCsvChunks,
  textCsv,
  textRows,
} from '../../../testing/table-fixtures.js';
import { csvToParquet } from './csv-to-parquet.js';
import { readParquetTable } from './parquet/arrow-reader.js';
import { CsvHeaderError, CsvRowError } from './table-errors.js';

/** An Arrow row as the tests read it (apache-arrow types rows of an untyped table as `any`). */
type ArrowRow = { toJSON(): Record<string, unknown> };
type RatingRow = { userId: number; movieId: number; rating: number; timestamp: bigint };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csv2pq-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function convert(name: string, csv: string | Buffer, options: Parameters<typeof csvToParquet>[2] = {}) {
  const input = join(dir, `${name}.csv`);
  const output = join(dir, `${name}.parquet.gzip`);
  await writeFile(input, csv);
  const result = await csvToParquet(input, output, options);
  return { result, table: await readParquetTable(output), output };
}

describe('csvToParquet', () => {
  it('round-trips generated movies: quoted commas, doubled quotes, unicode, (no genres listed)', async () => {
    const rows = textRows({ rows: 500 });
    expect(rows.some((r) => r.title.includes(','))).toBe(true);
    expect(rows.some((r) => r.title.includes('"'))).toBe(true);
    expect(rows.some((r) => /[^ -~]/.test(r.title))).toBe(true);
    expect(rows.some((r) => r.genres === '(no genres listed)')).toBe(true);
    const { table, result } = await convert('movies', textCsv({ rows: 500 }), {
      schema: TEXT_SCHEMA,
      rowGroupSize: 128,
    });
    expect(result.rows).toBe(500);
    expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      'movieId:Int32',
      'title:Utf8',
      'genres:Utf8',
    ]);
    expect(table.toArray().map((r: ArrowRow) => ({ ...r.toJSON() }))).toEqual(rows);
  });

  it('round-trips generated ratings with the exact ratings schema across row groups', async () => {
    const csv = Buffer.concat([...numericCsvChunks({ rows: 5000, seed: 3 })]);
    const { table } = await convert('ratings', csv, { schema: NUMERIC_SCHEMA, rowGroupSize: 1000 });
    expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      'userId:Int32',
      'movieId:Int32',
      'rating:Float32',
      'timestamp:Int64',
    ]);
    const lines = csv.toString().trim().split('\n').slice(1);
    expect(table.numRows).toBe(lines.length);
    const got = table
      .toArray()
      .map((r: RatingRow) => `${r.userId},${r.movieId},${r.rating.toFixed(1)},${r.timestamp}`);
    expect(got).toEqual(lines);
  });

  it('infers a schema with nullable columns and reads empty fields as nulls (CRLF, BOM, quoted numbers)', async () => {
    const csv =
      '\ufeffid,name,score,big\r\n1,"a, b",1.5,9007199254740993\r\n2,,,\r\n"3","say ""hi""",-2e3,-5\r\n';
    const { table, result } = await convert('infer', csv);
    expect(result.schema).toEqual([
      { name: 'id', type: 'int32', nullable: true },
      { name: 'name', type: 'string', nullable: true },
      { name: 'score', type: 'double', nullable: true },
      { name: 'big', type: 'int64', nullable: true },
    ]);
    expect(table.toArray().map((r: ArrowRow) => r.toJSON())).toEqual([
      { id: 1, name: 'a, b', score: 1.5, big: 9007199254740993n },
      { id: 2, name: null, score: null, big: null },
      { id: 3, name: 'say "hi"', score: -2000, big: -5n },
    ]);
  });

  it('keeps a quoted field spanning lines and counts its lines for later errors', async () => {
    const csv = 'movieId,title,genres\n1,"two\nlines",Drama\n2,x\n';
    const error = await convert('multiline', csv, { schema: TEXT_SCHEMA }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvRowError);
    expect((error as CsvRowError).line).toBe(4);
  });

  it.each([
    [
      'a missing field',
      'userId,movieId,rating,timestamp\n1,2,3.5,100\n1,3,4.0\n',
      3,
      'expected 4 fields, found 3',
      '1,3,4.0',
    ],
    ['an extra field', 'userId,movieId,rating,timestamp\n1,2,3.5,100,9\n', 2, 'found more', '1,2,3.5,100,9'],
    [
      'text in a numeric column',
      'userId,movieId,rating,timestamp\n1,2,3.5,100\n\n1,x7,4.0,5\n',
      4,
      'column movieId (int32) got "x7"',
      '1,x7,4.0,5',
    ],
    [
      'an empty non-nullable number',
      'userId,movieId,rating,timestamp\n1,2,,100\n',
      2,
      'column rating (float) got an empty field',
      '1,2,,100',
    ],
    [
      'an int32 overflow',
      'userId,movieId,rating,timestamp\n3000000000,2,1.0,100\n',
      2,
      'column userId (int32) got "3000000000"',
      '3000000000,2,1.0,100',
    ],
  ])(
    'fails on %s with the 1-based line and the text, leaving no output',
    async (name, csv, line, reason, text) => {
      const file = `bad-${name.replaceAll(' ', '-')}`;
      const error = await convert(file, csv, { schema: NUMERIC_SCHEMA }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CsvRowError);
      expect(error).toMatchObject({ line, text });
      expect((error as Error).message).toContain(reason);
      expect((await readdir(dir)).filter((f) => f.startsWith(`${file}.parquet`))).toEqual([]);
    },
  );

  it('rejects a header that does not match the explicit schema', async () => {
    await expect(
      convert('header', 'user,movie,rating,timestamp\n', { schema: NUMERIC_SCHEMA }),
    ).rejects.toBeInstanceOf(CsvHeaderError);
  });

  it('writes snappy and uncompressed PLAIN files that read back the same', async () => {
    const csv = textCsv({ rows: 300, seed: 9 });
    const expected = textRows({ rows: 300, seed: 9 });
    for (const compression of ['snappy', 'none'] as const) {
      const options = { schema: TEXT_SCHEMA, compression, intEncoding: 'plain' } as const;
      const { table } = await convert(`movies-${compression}`, csv, options);
      expect(table.toArray().map((r: ArrowRow) => ({ ...r.toJSON() }))).toEqual(expected);
    }
  });

  it('writes a valid empty table for a header-only file', async () => {
    const { table, result } = await convert('empty', 'userId,movieId,rating,timestamp\n', {
      schema: NUMERIC_SCHEMA,
    });
    expect(result.rows).toBe(0);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['userId', 'movieId', 'rating', 'timestamp']);
  });
});
