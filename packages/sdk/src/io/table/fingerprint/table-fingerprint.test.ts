import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColumnChunk, NumericValues } from '../column-chunk.js';
import { ParquetWriter } from '../parquet/writer.js';
import type { ColumnSpec, TableSchema } from '../table-schema.js';
import { compareFingerprints, describeDifferences, parseFingerprint } from './compare-fingerprints.js';
import { addDecimals } from './exact-sum.js';
import { fingerprintParquetFile, mergeFingerprints, TableFingerprinter } from './table-fingerprint.js';
import type { TableFingerprint } from './table-fingerprint.js';

const RATINGS: TableSchema = [
  { name: 'userId', type: 'int32' },
  { name: 'movieId', type: 'int32' },
  { name: 'rating', type: 'float' },
  { name: 'timestamp', type: 'int64' },
];

interface Row {
  userId: number;
  movieId: number;
  rating: number;
  timestamp: bigint;
}

const numeric = (spec: ColumnSpec, values: NumericValues): ColumnChunk => ({
  spec,
  length: values.length,
  values,
  nullCount: 0,
});

function chunksOf(rows: readonly Row[]): ColumnChunk[] {
  return [
    numeric(
      RATINGS[0]!,
      Int32Array.from(rows, (r) => r.userId),
    ),
    numeric(
      RATINGS[1]!,
      Int32Array.from(rows, (r) => r.movieId),
    ),
    numeric(
      RATINGS[2]!,
      Float32Array.from(rows, (r) => r.rating),
    ),
    numeric(
      RATINGS[3]!,
      BigInt64Array.from(rows, (r) => r.timestamp),
    ),
  ];
}

function fingerprint(schema: TableSchema, ...groups: ColumnChunk[][]): TableFingerprint {
  const f = new TableFingerprinter(schema);
  for (const g of groups) f.add(g);
  return f.result();
}

function sampleRows(n: number, seed = 7): Row[] {
  let s = seed;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
  return Array.from({ length: n }, () => ({
    userId: 1 + (next() % 5000),
    movieId: 1 + (next() % 200_000),
    rating: 0.5 * (1 + (next() % 10)),
    timestamp: BigInt(789_652_009 + (next() % 700_000_000)),
  }));
}

const ratingsPrint = (rows: readonly Row[]) => fingerprint(RATINGS, chunksOf(rows));

describe('table fingerprint', () => {
  const rows = sampleRows(5_000);
  const base = ratingsPrint(rows);

  it('sums every column exactly and counts the rows', () => {
    expect(base.rows).toBe(5_000);
    const exact = (pick: (r: Row) => number | bigint) => rows.reduce((s, r) => s + BigInt(pick(r)), 0n);
    expect(base.columns.map((c) => c.sum)).toEqual([
      String(exact((r) => r.userId)),
      String(exact((r) => r.movieId)),
      String(rows.reduce((s, r) => s + r.rating * 2, 0) / 2),
      String(exact((r) => r.timestamp)),
    ]);
    expect(base.columns[2]).toMatchObject({ name: 'rating', type: 'float', nonFinite: 0, nulls: 0 });
    expect(base.rowHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('does not depend on row order or on how rows are grouped, and parts merge to the whole', () => {
    const reversed = [...rows].reverse();
    expect(ratingsPrint(reversed)).toEqual(base);
    const grouped = fingerprint(RATINGS, chunksOf(reversed.slice(0, 7)), chunksOf(reversed.slice(7)));
    expect(grouped).toEqual(base);
    const parts = [rows.slice(0, 3_000), rows.slice(3_000, 4_500), rows.slice(4_500)].map(ratingsPrint);
    expect(mergeFingerprints(mergeFingerprints(parts[0]!, parts[1]!), parts[2]!)).toEqual(base);
  });

  it('names the column of one changed value', () => {
    const changed = rows.map((r, i) =>
      i === 1234 ? { ...r, rating: r.rating === 5 ? 4.5 : r.rating + 0.5 } : r,
    );
    const differences = compareFingerprints(base, ratingsPrint(changed));
    expect(differences.map((d) => `${d.column ?? ''}.${d.what}`)).toEqual(['rating.sum', '.rowHash']);
    expect(describeDifferences(differences)).toMatch(
      /^column rating: sum \d+(\.5)? \(expected \d+(\.5)?\); row hash [0-9a-f]{16} \(expected [0-9a-f]{16}\)$/,
    );
  });

  it('catches a dropped row, a duplicated row, and a duplicate that replaces another row', () => {
    expect(compareFingerprints(base, ratingsPrint(rows.slice(1)))[0]).toMatchObject({ what: 'rows' });
    expect(compareFingerprints(base, ratingsPrint([...rows, rows[9]!]))[0]).toMatchObject({
      what: 'rows',
      expected: '5000',
      actual: '5001',
    });
    const replaced = compareFingerprints(base, ratingsPrint([...rows.slice(1), rows[9]!]));
    expect(replaced.map((d) => d.what)).not.toContain('rows');
    expect(replaced.length).toBeGreaterThan(1);
  });

  it('sees values that moved between rows through the row hash alone', () => {
    const swapped = rows.map((r, i) =>
      i === 0 ? { ...r, rating: rows[1]!.rating } : i === 1 ? { ...r, rating: rows[0]!.rating } : r,
    );
    if (rows[0]!.rating === rows[1]!.rating) throw new Error('pick two rows with different ratings');
    const differences = compareFingerprints(base, ratingsPrint(swapped));
    expect(differences.map((d) => d.what)).toEqual(['rowHash']);
    expect(describeDifferences(differences)).toContain('combined into different rows');
  });

  it('sums floats and doubles exactly, whatever their magnitudes, and counts NaN and infinities', () => {
    const schema: TableSchema = [
      { name: 'f', type: 'float' },
      { name: 'd', type: 'double' },
    ];
    const f = Float32Array.of(0.1, 0.1, 1e30, -1e30, 1.5e-45, -0, NaN);
    const d = Float64Array.of(0.1, 0.1, 1e300, -1e300, 5e-324, Infinity, -2.5);
    const print = fingerprint(schema, [numeric(schema[0]!, f), numeric(schema[1]!, d)]);
    // float32(0.1) = 0.100000001490116119384765625 exactly; the smallest subnormal is 2^-149.
    expect(print.columns[0]!.sum).toBe(
      addDecimals('0.20000000298023223876953125', `0.${(5n ** 149n).toString().padStart(149, '0')}`),
    );
    expect(print.columns[0]!.nonFinite).toBe(1);
    // double(0.1) = 0.1000000000000000055511151231257827021181583404541015625; 5e-324 is 2^-1074.
    const tiny = BigInt(5) ** 1074n;
    expect(print.columns[1]!.sum).toBe(
      addDecimals(
        '-2.2999999999999999888977697537484345957636833190917968750',
        `0.${tiny.toString().padStart(1074, '0')}`,
      ),
    );
    expect(print.columns[1]!.nonFinite).toBe(1);
  });

  it('stays exact across blocks of more than 2^20 rows of extreme integers', () => {
    const schema: TableSchema = [
      { name: 'i', type: 'int32' },
      { name: 'l', type: 'int64' },
    ];
    const n = (1 << 20) + 3;
    const i32 = new Int32Array(n).fill(2147483647);
    const i64 = new BigInt64Array(n).fill(-9223372036854775807n);
    const print = fingerprint(schema, [numeric(schema[0]!, i32), numeric(schema[1]!, i64)]);
    expect(print.columns[0]!.sum).toBe(String(2147483647n * BigInt(n)));
    expect(print.columns[1]!.sum).toBe(String(-9223372036854775807n * BigInt(n)));
  });

  it('tells nulls, empty strings and different strings apart, and sums string bytes', () => {
    const schema: TableSchema = [{ name: 's', type: 'string', nullable: true }];
    const strings = (values: (string | null)[]): ColumnChunk[] => {
      const bytes = values.map((v) => Buffer.from(v ?? ''));
      const offsets = new Int32Array(values.length + 1);
      bytes.forEach((b, i) => (offsets[i + 1] = offsets[i]! + b.length));
      return [
        {
          spec: schema[0]!,
          length: values.length,
          offsets,
          bytes: new Uint8Array(Buffer.concat(bytes)),
          valid: Uint8Array.from(values, (v) => (v === null ? 0 : 1)),
          nullCount: values.filter((v) => v === null).length,
        },
      ];
    };
    const a = fingerprint(schema, strings(['Amélie', '', null]));
    expect(a.columns[0]).toMatchObject({ nulls: 1, sum: '7' });
    expect(compareFingerprints(a, fingerprint(schema, strings(['Amélie', null, ''])))).toEqual([]);
    expect(compareFingerprints(a, fingerprint(schema, strings(['Amélie', '', ''])))[0]).toMatchObject({
      what: 'nulls',
    });
    expect(
      compareFingerprints(a, fingerprint(schema, strings(['Amelie!', '', null]))).map((d) => d.what),
    ).toEqual(['hash', 'rowHash']);
  });

  it('reads the same fingerprint back from the Parquet files the writer makes, for every codec', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fingerprint-'));
    for (const compression of ['none', 'snappy', 'gzip', 'zstd'] as const) {
      const path = join(dir, `ratings-${compression}.parquet`);
      const writer = await ParquetWriter.open(path, RATINGS, { compression, pageRows: 999 });
      await writer.writeRowGroup(chunksOf(rows.slice(0, 2_001)));
      await writer.writeRowGroup(chunksOf(rows.slice(2_001)));
      await writer.close();
      expect(await fingerprintParquetFile(path)).toEqual(base);
    }
  });

  it('abbreviates sums too long to read in its messages', () => {
    const far = {
      ...base,
      columns: base.columns.map((c, i) => (i === 2 ? { ...c, sum: `0.${'0'.repeat(40)}1181` } : c)),
    };
    expect(describeDifferences(compareFingerprints(base, far))).toMatch(
      /^column rating: sum ≈1\.18100000000e-41 \(expected \d+(\.5)?\)$/,
    );
  });

  it('parses its own JSON and rejects anything else, naming the source', () => {
    expect(parseFingerprint(JSON.stringify(base), 'convert')).toEqual(base);
    expect(() => parseFingerprint('', 'convert-ratings.fingerprint')).toThrow(
      'convert-ratings.fingerprint: not a table fingerprint: not JSON',
    );
    expect(() => parseFingerprint(JSON.stringify({ ...base, rowHash: 'x' }), 's')).toThrow('bad rowHash');
    const badSum = { ...base, columns: [{ ...base.columns[0]!, sum: '1e5' }] };
    expect(() => parseFingerprint(JSON.stringify(badSum), 's')).toThrow('bad column 0');
  });
});
