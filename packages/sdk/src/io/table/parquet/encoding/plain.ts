// PLAIN and BYTE_STREAM_SPLIT values of the physical types the reader supports, decoded to typed arrays
// (numbers) or offsets + bytes (byte arrays). Bounds-checked: a short page is an error, not zeros.
import type { ByteArrays } from './delta-byte-array.js';
import type { NumericValues } from '../../column-chunk.js';

/** Typed-array constructors by element width: 4 = INT32 / FLOAT, 8 = INT64 / DOUBLE. */
export type NumericKind = 'int32' | 'int64' | 'float' | 'double';
type ViewCtor = new (buffer: ArrayBuffer, offset: number, length: number) => NumericValues;
const CTOR: Record<NumericKind, ViewCtor> = {
  int32: Int32Array,
  int64: BigInt64Array,
  float: Float32Array,
  double: Float64Array,
};
export const widthOf = (kind: NumericKind): number => (kind === 'int32' || kind === 'float' ? 4 : 8);

/**
 * A typed-array view needs a byte offset that is a multiple of its element size; pages inside a column
 * chunk start anywhere, so an unaligned page is copied into a fresh buffer first. (`data` is often a
 * Buffer, whose `slice` is a view, not a copy: the copy must be explicit.)
 */
export function aligned(data: Uint8Array, width: number): [ArrayBuffer, number, number] {
  const count = Math.floor(data.length / width);
  if (data.byteOffset % width === 0) return [data.buffer as ArrayBuffer, data.byteOffset, count];
  const copy = new Uint8Array(count * width);
  copy.set(data.subarray(0, count * width));
  return [copy.buffer, 0, count];
}

function need(data: Uint8Array, bytes: number, what: string): void {
  if (data.length < bytes) throw new RangeError(`${what}: page holds ${data.length} bytes, needs ${bytes}`);
}

/** `count` PLAIN numbers: a view of `data` when it is aligned, else a copy. */
export function plainNumbers(kind: NumericKind, data: Uint8Array, count: number): NumericValues {
  const width = widthOf(kind);
  need(data, count * width, 'PLAIN');
  return new CTOR[kind](...aligned(data.subarray(0, count * width), width));
}

/** `count` PLAIN byte arrays (4-byte little-endian length, then the bytes), prefixes stripped. */
export function plainByteArrays(data: Uint8Array, count: number): ByteArrays {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const offsets = new Int32Array(count + 1);
  let pos = 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    need(data, pos + 4, 'PLAIN BYTE_ARRAY');
    const len = view.getUint32(pos, true);
    pos += 4 + len;
    need(data, pos, 'PLAIN BYTE_ARRAY');
    total += len;
    if (total > 0x7fffffff) throw new RangeError('PLAIN BYTE_ARRAY: more than 2 GiB of values in one page');
    offsets[i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  let r = 0;
  for (let i = 0; i < count; i++) {
    const len = offsets[i + 1]! - offsets[i]!;
    bytes.set(data.subarray(r + 4, r + 4 + len), offsets[i]);
    r += 4 + len;
  }
  return { offsets, bytes };
}

/** BYTE_STREAM_SPLIT: byte k of every value, then byte k + 1, … (floats and, since format 2.11, ints). */
export function byteStreamSplit(kind: NumericKind, data: Uint8Array, count: number): NumericValues {
  const width = widthOf(kind);
  need(data, count * width, 'BYTE_STREAM_SPLIT');
  const bytes = new Uint8Array(count * width);
  for (let k = 0; k < width; k++) {
    const stream = data.subarray(k * count, (k + 1) * count);
    for (let i = 0; i < count; i++) bytes[i * width + k] = stream[i]!;
  }
  return new CTOR[kind](bytes.buffer, 0, count);
}
