// The known values of the Parquet conformance suite: every column type the pipelines use, nullable and
// not, with the values readers get wrong (integer limits, 2^53 ± 1, -0.0, NaN, infinities, subnormals,
// empty and non-ASCII strings, nulls in runs and at both ends). Deterministic for a given row count.
import { allocValues } from '../../src/io/table/column-chunk.js';
import type { ColumnChunk } from '../../src/io/table/column-chunk.js';
import type { ColumnSpec, ColumnType, TableSchema } from '../../src/io/table/table-schema.js';
import { mulberry32 } from '../../src/samples/index.js';

export type Value = number | bigint | string | null;

export interface SourceTable {
  readonly name: string;
  readonly schema: TableSchema;
  readonly rows: number;
  /** The whole table, one chunk per column. */
  readonly columns: readonly ColumnChunk[];
}

const encoder = new TextEncoder();

/** A column chunk holding `values` (null → a null slot, for nullable specs only). */
export function columnOf(spec: ColumnSpec, values: readonly Value[]): ColumnChunk {
  const n = values.length;
  const valid = spec.nullable ? new Uint8Array(n) : undefined;
  const nullCount = values.filter((v) => v === null).length;
  if (nullCount > 0 && !spec.nullable) throw new Error(`null in required column ${spec.name}`);
  values.forEach((v, i) => {
    if (valid && v !== null) valid[i] = 1;
  });
  if (spec.type === 'string') {
    const parts = values.map((v) => encoder.encode(v === null ? '' : String(v)));
    const offsets = new Int32Array(n + 1);
    parts.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length));
    const bytes = new Uint8Array(offsets[n]!);
    parts.forEach((p, i) => bytes.set(p, offsets[i]));
    return { spec, length: n, offsets, bytes, valid, nullCount };
  }
  const out = allocValues(spec.type, n)!;
  values.forEach((v, i) => {
    if (v === null) return;
    if (out instanceof BigInt64Array) out[i] = BigInt(v);
    else out[i] = Number(v);
  });
  return { spec, length: n, values: out, valid, nullCount };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The value of one row: number (int32/float/double), bigint (int64), string, or null. */
export function valueAt(chunk: ColumnChunk, row: number): Value {
  if (chunk.valid && !chunk.valid[row]) return null;
  if (chunk.offsets) return decoder.decode(chunk.bytes!.subarray(chunk.offsets[row], chunk.offsets[row + 1]));
  return chunk.values![row]!;
}

/** Rows [from, to) of every column, as chunks the writer takes (one row group); views where possible. */
export function sliceTable(table: SourceTable, from: number, to: number): ColumnChunk[] {
  return table.columns.map((c): ColumnChunk => {
    const valid = c.valid?.subarray(from, to);
    const nullCount = valid ? valid.length - valid.reduce((n, v) => n + v, 0) : 0;
    const common = { spec: c.spec, length: to - from, valid, nullCount };
    if (!c.offsets) return { ...common, values: c.values!.subarray(from, to) };
    const base = c.offsets[from]!;
    const offsets = c.offsets.slice(from, to + 1).map((o) => o - base);
    return { ...common, offsets, bytes: c.bytes!.subarray(base, c.offsets[to]) };
  });
}

const F32 = new Float32Array(1);
const f32 = (v: number): number => ((F32[0] = v), F32[0]);

const SPECIAL: Record<ColumnType, readonly Value[]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1, 0, -1, 1, -(2 ** 31) + 1, 2 ** 31 - 2],
  int64: [
    -(2n ** 63n),
    2n ** 63n - 1n,
    0n,
    -1n,
    2n ** 53n + 1n,
    -(2n ** 53n) - 1n,
    2n ** 32n,
    -(2n ** 31n) - 1n,
  ],
  float: [
    -0,
    0,
    NaN,
    Infinity,
    -Infinity,
    2 ** -149,
    f32(2 ** -126 - 2 ** -149),
    2 ** -126,
    f32(3.4028234663852886e38),
    f32(1 / 3),
    f32(0.1),
  ],
  double: [
    -0,
    0,
    NaN,
    Infinity,
    -Infinity,
    5e-324,
    2.2250738585072014e-308,
    2.225073858507201e-308,
    Number.MAX_VALUE,
    0.1,
    1 / 3,
  ],
  string: [
    '',
    'a',
    'Ünïcödé',
    '日本語のテキスト',
    '🎬🍿 emoji',
    'e\u0301 combining',
    'עברית',
    'a\u0000b',
    'x'.repeat(3000),
    'a,"b"\nc\r\n',
    ' ',
  ],
};

function randomValue(type: ColumnType, rand: () => number, row: number): Value {
  const repeat = row % 3 === 0; // a few distinct values, so dictionary encodings have work to do
  switch (type) {
    case 'int32':
      return repeat ? (row % 7) - 3 : Math.floor(rand() * 2 ** 32) - 2 ** 31;
    case 'int64':
      return repeat
        ? BigInt((row % 5) * 1_000_000_007)
        : BigInt.asIntN(
            64,
            (BigInt(Math.floor(rand() * 2 ** 32)) << 32n) | BigInt(Math.floor(rand() * 2 ** 32)),
          );
    case 'float':
      return f32(repeat ? (row % 9) / 2 : (rand() - 0.5) * 2 ** Math.floor(rand() * 60 - 30));
    case 'double':
      return repeat ? (row % 9) / 4 : (rand() - 0.5) * 2 ** Math.floor(rand() * 200 - 100);
    case 'string':
      return repeat ? `genre ${row % 4}` : `title ${Math.floor(rand() * 1e6)} — ${'é'.repeat(row % 5)}`;
  }
}

/** Null in runs: the first 3 rows, every 5th, rows 40–79, and the last row. */
const isNullRow = (row: number, rows: number): boolean =>
  row < 3 || row % 5 === 2 || (row >= 40 && row < 80) || row === rows - 1;

function columnValues(spec: ColumnSpec, rows: number, seed: number): Value[] {
  const rand = mulberry32(seed);
  const special = SPECIAL[spec.type];
  let next = 0;
  return Array.from({ length: rows }, (_, row) => {
    if (spec.nullable && isNullRow(row, rows)) return null;
    return next < special.length ? special[next++]! : randomValue(spec.type, rand, row);
  });
}

const TYPES: readonly ColumnType[] = ['int32', 'int64', 'float', 'double', 'string'];
const SCHEMA: TableSchema = TYPES.flatMap((type) => [
  { name: type, type },
  { name: `${type}_nullable`, type, nullable: true },
]);

/** Every column type, nullable and not, `rows` rows (default 500). */
export function conformanceTable(rows = 500, schema: TableSchema = SCHEMA): SourceTable {
  const columns = schema.map((spec, i) => columnOf(spec, columnValues(spec, rows, 1000 + i)));
  return { name: `conformance-${rows}`, schema, rows, columns };
}

/** The ratings contract's columns (int32, int32, float, int64), for tables past the default page size. */
export function ratingsLikeTable(rows: number): SourceTable {
  const schema: TableSchema = [
    { name: 'userId', type: 'int32' },
    { name: 'movieId', type: 'int32' },
    { name: 'rating', type: 'float' },
    { name: 'timestamp', type: 'int64' },
  ];
  const rand = mulberry32(7);
  const columns = [
    columnOf(
      schema[0]!,
      Array.from({ length: rows }, (_, i) => 1 + Math.floor(i / 100)),
    ),
    columnOf(
      schema[1]!,
      Array.from({ length: rows }, () => 1 + Math.floor(rand() * 200_000)),
    ),
    columnOf(
      schema[2]!,
      Array.from({ length: rows }, () => Math.ceil(rand() * 10) / 2),
    ),
    columnOf(
      schema[3]!,
      Array.from({ length: rows }, () => BigInt(789_652_009 + Math.floor(rand() * 8e8))),
    ),
  ];
  return { name: `ratings-like-${rows}`, schema, rows, columns };
}

/**
 * Float, double and int64 columns (required and nullable) cycling through `distinct` values, the special
 * ones first (NaN, -0 and 0, infinities, int64 extremes): what the writer dictionary-encodes when
 * `distinct` ≤ 256.
 */
export function lowCardinalityTable(rows: number, distinct: number): SourceTable {
  const types: readonly ColumnType[] = ['float', 'double', 'int64'];
  const schema: TableSchema = types.flatMap((type) => [
    { name: type, type },
    { name: `${type}_nullable`, type, nullable: true },
  ]);
  const columns = schema.map((spec, i) => {
    const special = SPECIAL[spec.type];
    const pool = Array.from({ length: distinct }, (_, k): Value => {
      if (k < special.length) return special[k]!;
      return spec.type === 'int64' ? BigInt(k) * 1_000_003n : f32(k / 2 + (spec.type === 'double' ? 0.1 : 0));
    });
    const rand = mulberry32(2000 + i);
    const values = Array.from({ length: rows }, (_, row): Value => {
      if (spec.nullable && isNullRow(row, rows)) return null;
      return pool[row < distinct ? row : Math.floor(rand() * distinct)]!;
    });
    return columnOf(spec, values);
  });
  return { name: `low-cardinality-${rows}-${distinct}`, schema, rows, columns };
}
