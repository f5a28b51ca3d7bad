// Storing one parsed CSV cell into its row-group column (the scanner's slow path: quoted fields, text,
// nulls and numbers the fast path leaves, e.g. exponents or more than 15 digits). Each function returns
// false where the value does not fit the column's type; the scanner turns that into an error naming the line.
import type { ColumnBuilder } from '../column-chunk.js';

export const TYPE_CODE = { int32: 0, int64: 1, float: 2, double: 3, string: 4 } as const;
const QUOTE = 34;
const TWO32 = 4294967296;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** Stores number `v` at `row` of a numeric column of type code `type`; false when it does not fit. */
export function storeNumber(builder: ColumnBuilder, type: number, row: number, v: number): boolean {
  switch (type) {
    case TYPE_CODE.int32:
      if (v > 2147483647 || v < -2147483648 || !Number.isInteger(v)) return false;
      (builder.values as Int32Array)[row] = v;
      break;
    case TYPE_CODE.int64: {
      if (!Number.isInteger(v)) return false;
      const hi = Math.floor(v / TWO32);
      builder.halves![2 * row] = v - hi * TWO32;
      builder.halves![2 * row + 1] = hi;
      break;
    }
    default:
      (builder.values as Float32Array | Float64Array)[row] = v;
  }
  if (builder.valid) builder.valid[row] = 1;
  return true;
}

/**
 * Stores a number written as `text` (trimmed): int64 digits exactly (BigInt), anything else through
 * `Number()` (exponents, `inf`, `nan` in any case); false when it is not a number of the column's type.
 */
export function storeNumberText(builder: ColumnBuilder, type: number, row: number, text: string): boolean {
  if (type === TYPE_CODE.int64 && /^[-+]?\d+$/.test(text)) {
    const big = BigInt(text);
    if (big > INT64_MAX || big < INT64_MIN) return false;
    (builder.values as BigInt64Array)[row] = big;
    if (builder.valid) builder.valid[row] = 1;
    return true;
  }
  const v = text === '' ? NaN : Number(text);
  if (Number.isNaN(v) && !/^nan$/i.test(text)) return false;
  return storeNumber(builder, type, row, v);
}

/**
 * Appends `buf[from, to)` as row `row`'s string after the column's first `used` bytes (`unescape`: a
 * quoted field's doubled quotes become one). Returns the bytes used after it.
 */
export function storeString(
  builder: ColumnBuilder,
  used: number,
  row: number,
  buf: Uint8Array,
  from: number,
  to: number,
  unescape: boolean,
): number {
  const target = builder.reserve(used, to - from);
  let w = used;
  if (!unescape) {
    target.set(buf.subarray(from, to), used);
    w += to - from;
  } else {
    for (let i = from; i < to; i++) {
      target[w++] = buf[i]!;
      if (buf[i] === QUOTE) i++;
    }
  }
  builder.offsets![row + 1] = w;
  if (builder.valid) builder.valid[row] = 1;
  return w;
}

/** Marks `row` null (a nullable column; strings: an empty value after the first `used` bytes). */
export function storeNull(builder: ColumnBuilder, used: number, row: number): void {
  if (!builder.valid) throw new Error('storeNull on a non-nullable column');
  builder.valid[row] = 0;
  if (builder.offsets) builder.offsets[row + 1] = used;
  else if (builder.values) builder.values[row] = builder.values instanceof BigInt64Array ? 0n : 0;
}
