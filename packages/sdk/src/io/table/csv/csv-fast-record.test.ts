// The generated fast path against the general scanner: every record is scanned twice, once as written
// (fast path where it applies) and once with every field quoted (a quoted field always takes the general
// path), and the typed arrays must be equal byte for byte.
import { describe, expect, it } from 'vitest';
import type { ColumnChunk } from '../column-chunk.js';
import { CsvRowError } from '../table-errors.js';
import type { TableSchema } from '../table-schema.js';
import { fastColumns, runParser } from './csv-fast-record.js';
import { ColumnBuilder } from '../column-chunk.js';
import { CsvScanner } from './csv-scanner.js';

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');

function scanAll(
  schema: TableSchema,
  text: string,
  capacity = 10_000,
): { chunks: ColumnChunk[]; lines: number[] } {
  const scanner = new CsvScanner('t.csv', schema, capacity);
  const buf = bytes(text);
  const { consumed } = scanner.scan(buf, 0, buf.length, true);
  expect(consumed).toBe(buf.length);
  const lines = [...scanner.rowLines.subarray(0, scanner.rows)];
  return { chunks: scanner.takeRowGroup(), lines };
}

const quoteAll = (text: string): string => text.replace(/[^,\r\n]+/g, (field) => `"${field}"`);

function columnBytes(c: ColumnChunk): number[] {
  const v = c.values!;
  return [...new Uint8Array(v.buffer, v.byteOffset, v.byteLength), ...(c.valid ?? [])];
}

/** Scans `text` fast and all-quoted; the columns and lines must agree. */
function expectSameAsGeneral(schema: TableSchema, text: string): ColumnChunk[] {
  const fast = scanAll(schema, text);
  const general = scanAll(schema, quoteAll(text));
  expect(fast.chunks.map(columnBytes)).toEqual(general.chunks.map(columnBytes));
  expect(fast.lines).toEqual(general.lines);
  return fast.chunks;
}

const ratings: TableSchema = [
  { name: 'userId', type: 'int32' },
  { name: 'movieId', type: 'int32' },
  { name: 'rating', type: 'float' },
  { name: 'timestamp', type: 'int64' },
];
const wide: TableSchema = [
  { name: 'i', type: 'int32' },
  { name: 'l', type: 'int64' },
  { name: 'd', type: 'double', nullable: true },
  { name: 'f', type: 'float' },
];

describe('the generated fast path', () => {
  it('reads ratings like the general path: CRLF, no final newline, negatives, -0', () => {
    const text = '7,-2175,3.5,1132919301\r\n1,2,0.5,-5000000000\n-0,0,-0.0,-0\n3,4,5,6';
    const [u, m, r, t] = expectSameAsGeneral(ratings, text);
    expect([...(u!.values as Int32Array)]).toEqual([7, 1, 0, 3]);
    expect([...(m!.values as Int32Array)]).toEqual([-2175, 2, 0, 4]);
    expect([...(r!.values as Float32Array)]).toEqual([3.5, 0.5, -0, 5]);
    expect([...(t!.values as BigInt64Array)]).toEqual([1132919301n, -5000000000n, 0n, 6n]);
  });

  it('reads int32 at 9, 10 and 11 digits, leading zeros and the range ends like the general path', () => {
    const text = [
      '999999999,1,1,1',
      '2147483647,1,1,1',
      '-2147483648,1,1,1',
      '00000000012,1,1,1',
      '0000000000000000000042,1,1,1',
    ].join('\n');
    const [i] = expectSameAsGeneral(ratings, `${text}\n`);
    expect([...(i!.values as Int32Array)]).toEqual([999999999, 2147483647, -2147483648, 12, 42]);
  });

  it.each(['2147483648', '-2147483649', '3000000000', '99999999999'])(
    'rejects the out-of-range int32 %s as the general path does',
    (value) => {
      const text = `1,2,3,4\n${value},1,1,1\n`;
      const error = new CsvRowError('t.csv', 3, `column userId (int32) got "${value}"`, `${value},1,1,1`);
      expect(() => scanAll(ratings, text)).toThrow(error);
      expect(() => scanAll(ratings, quoteAll(text))).toThrow(CsvRowError);
    },
  );

  it('reads 15- and 16-digit numbers, fractions without a leading or trailing digit, like the general path', () => {
    const text = [
      '1,999999999999999,0.123456789012345,1.5',
      '1,9007199254740993,1234567890123456,2.',
      '1,-123456789012345,.5,.25',
      '1,100000000000000000,123456789012345.,0.1',
    ].join('\n');
    const [, l, d] = expectSameAsGeneral(wide, `${text}\n`);
    expect([...(l!.values as BigInt64Array)]).toEqual([
      999999999999999n,
      9007199254740993n,
      -123456789012345n,
      100000000000000000n,
    ]);
    expect([...(d!.values as Float64Array)]).toEqual([
      0.123456789012345, 1234567890123456, 0.5, 123456789012345,
    ]);
  });

  it('hands quoted fields, empty fields, plus signs and exponents to the general path mid-run', () => {
    const text = '1,2,3,4\n"5",6,7.5,8\n9,10,,11\n+12,13,14,15\n16,17,1e3,18\n19,20,21,22\n';
    const fast = scanAll(wide, text);
    const [i, l, d, f] = fast.chunks;
    expect([...(i!.values as Int32Array)]).toEqual([1, 5, 9, 12, 16, 19]);
    expect([...(l!.values as BigInt64Array)]).toEqual([2n, 6n, 10n, 13n, 17n, 20n]);
    expect([...d!.valid!]).toEqual([1, 1, 0, 1, 1, 1]);
    expect([...(d!.values as Float64Array)]).toEqual([3, 7.5, 0, 14, 1000, 21]);
    expect([...(f!.values as Float32Array)]).toEqual([4, 8, 11, 15, 18, 22]);
    expect(fast.lines).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('agrees with the general path on random numeric rows, byte for byte', () => {
    let seed = 12345;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
    const sign = () => (rand() < 0.3 ? '-' : '');
    const rows = Array.from({ length: 2000 }, () => {
      const i = `${sign()}${digits(1 + Math.floor(rand() * 9))}`;
      const l = `${sign()}${digits(1 + Math.floor(rand() * 15))}`;
      const d =
        rand() < 0.1
          ? ''
          : `${sign()}${digits(Math.floor(rand() * 10))}.${digits(1 + Math.floor(rand() * 9))}`;
      const f = `${sign()}${digits(1 + Math.floor(rand() * 6))}.${digits(1 + Math.floor(rand() * 6))}`;
      return [i, l, d, f].join(',') + (rand() < 0.2 ? '\r\n' : '\n');
    });
    expectSameAsGeneral(wide, rows.join(''));
  });

  it('reports a bad value after a fast run at its own line, naming the file', () => {
    const text = '1,2,3.5,4\n5,6,4.5,7\n8,x,1,9\n';
    const scanner = new CsvScanner('ratings.csv', ratings, 10);
    const buf = bytes(text);
    expect(() => scanner.scan(buf, 0, buf.length, true)).toThrow(
      new CsvRowError('ratings.csv', 4, 'column movieId (int32) got "x"', '8,x,1,9'),
    );
  });

  it('stops at the capacity and where the caller says the buffer ends', () => {
    const builders = ratings.map((c) => new ColumnBuilder(c, 2));
    const columns = fastColumns(builders)!;
    const buf = bytes('1,2,3,4\n5,6,7,8\n9,10,11,12\n');
    const lines = new Int32Array(2);
    const run = { pos: 0, rows: 0 };
    columns.parse(buf, buf.length, columns, 2, lines, 10, run);
    expect(run).toEqual({ pos: 16, rows: 2 });
    expect([...lines]).toEqual([10, 11]);
    const again = { pos: 0, rows: 0 };
    columns.parse(buf, 8, columns, 2, lines, 10, again);
    expect(again).toEqual({ pos: 8, rows: 1 });
  });

  it('has no fast path for a schema with a string column, and one parser per schema', () => {
    const builders = [new ColumnBuilder({ name: 'a', type: 'string' }, 1)];
    expect(fastColumns(builders)).toBeUndefined();
    expect(runParser(ratings)).toBe(runParser([...ratings]));
    expect(runParser(ratings)).not.toBe(runParser(wide));
  });
});
