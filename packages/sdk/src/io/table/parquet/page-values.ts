// Decoding one page's values (after its levels) to dense arrays: numbers as typed arrays, byte arrays
// as offsets + bytes, in any encoding the reader supports; dictionary indices resolve against the
// chunk's dictionary page.
import type { NumericValues } from '../column-chunk.js';
import type { ColumnSpec } from '../table-schema.js';
import { ParquetFormatError } from '../table-errors.js';
import { decodeDeltaInt32, decodeDeltaInt64 } from './encoding/delta-binary-packed-decode.js';
import { decodeDeltaByteArray, decodeDeltaLengthByteArray } from './encoding/delta-byte-array.js';
import type { ByteArrays } from './encoding/delta-byte-array.js';
import { byteStreamSplit, plainByteArrays, plainNumbers } from './encoding/plain.js';
import { decodeRleHybrid } from './encoding/rle-hybrid.js';
import { Encoding, nameOf } from './format.js';
import type { PageContext } from './page-reader.js';

/** A page's non-null values, in order. */
export type Dense = NumericValues | ByteArrays;

export const isByteArrays = (d: Dense): d is ByteArrays => 'offsets' in d;
export const denseLength = (d: Dense): number => (isByteArrays(d) ? d.offsets.length - 1 : d.length);

function unsupported(ctx: PageContext, spec: ColumnSpec, encoding: number): never {
  throw new ParquetFormatError(
    ctx.file,
    `column "${ctx.column}" (${spec.type}), row group ${ctx.rowGroup}: encoding ${nameOf(Encoding, encoding)} is not supported for this type`,
  );
}

/** PLAIN values: what dictionary pages and PLAIN data pages hold. */
export function decodePlain(spec: ColumnSpec, data: Uint8Array, count: number): Dense {
  return spec.type === 'string' ? plainByteArrays(data, count) : plainNumbers(spec.type, data, count);
}

/** The dictionary's values at `indices`: numbers into `into` when given (as long as `indices`). */
function gather(dictionary: Dense, indices: Int32Array, into?: NumericValues): Dense {
  if (!isByteArrays(dictionary)) {
    const Ctor = dictionary.constructor as new (n: number) => NumericValues;
    const out = into ?? new Ctor(indices.length);
    // Element for element as the same type: 4-byte values as int32 bits, 8-byte ones as BigInt64.
    if (dictionary.BYTES_PER_ELEMENT === 4) gather32(dictionary, indices, out);
    else {
      const from = dictionary as BigInt64Array;
      const to = out as BigInt64Array;
      for (let i = 0; i < indices.length; i++) to[i] = from[indices[i]!]!;
    }
    return out;
  }
  const { offsets: dictOffsets, bytes: dictBytes } = dictionary;
  const offsets = new Int32Array(indices.length + 1);
  let total = 0;
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i]!;
    total += dictOffsets[k + 1]! - dictOffsets[k]!;
    if (total > 0x7fffffff) throw new RangeError('more than 2 GiB of strings in one page');
    offsets[i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i]!;
    bytes.set(dictBytes.subarray(dictOffsets[k], dictOffsets[k + 1]), offsets[i]);
  }
  return { offsets, bytes };
}

/** 4-byte values copied by their bits (a float's NaN payload kept). */
function gather32(dictionary: NumericValues, indices: Int32Array, out: NumericValues): void {
  const from = new Int32Array(dictionary.buffer, dictionary.byteOffset, dictionary.length);
  const to = new Int32Array(out.buffer, out.byteOffset, out.length);
  for (let i = 0; i < indices.length; i++) to[i] = from[indices[i]!]!;
}

/** Dictionary indices of one page at a time (reused: gathered before the next page is decoded). */
let indexScratch = new Int32Array(0);

function dictionaryValues(
  data: Uint8Array,
  count: number,
  dictionary: Dense | undefined,
  into?: NumericValues,
): Dense {
  if (!dictionary) throw new RangeError('dictionary-encoded page without a dictionary page');
  if (indexScratch.length < count)
    indexScratch = new Int32Array(Math.max(count, Math.ceil(indexScratch.length * 1.25)));
  const indices = indexScratch.subarray(0, count);
  if (count > 0) {
    const width = data[0];
    if (width === undefined) throw new RangeError('dictionary page data is empty');
    decodeRleHybrid(data, 1, data.length, width, indices, denseLength(dictionary) - 1);
  }
  return gather(dictionary, indices, isByteArrays(dictionary) ? undefined : into);
}

function checkCount(dense: Dense, count: number, encoding: string): Dense {
  if (denseLength(dense) !== count)
    throw new RangeError(`${encoding} holds ${denseLength(dense)} values where the levels say ${count}`);
  return dense;
}

/**
 * `count` PLAIN numbers copied straight into `into` (one copy, whatever the page's alignment; none when the
 * page was inflated into `into` itself).
 */
function plainInto(data: Uint8Array, count: number, into: NumericValues): NumericValues {
  const bytes = count * into.BYTES_PER_ELEMENT;
  if (data.length < bytes) throw new RangeError(`PLAIN: page holds ${data.length} bytes, needs ${bytes}`);
  if (data.buffer === into.buffer && data.byteOffset === into.byteOffset) return into;
  new Uint8Array(into.buffer, into.byteOffset, bytes).set(data.subarray(0, bytes));
  return into;
}

/**
 * Decodes `count` non-null values of `spec`'s type, encoded with `encoding`. Numbers may be decoded
 * straight into `into` (exactly `count` long; the result is then `into` itself).
 */
export function decodeValues(
  ctx: PageContext,
  spec: ColumnSpec,
  encoding: number,
  data: Uint8Array,
  count: number,
  dictionary: Dense | undefined,
  into?: NumericValues,
): Dense {
  const type = spec.type;
  switch (encoding) {
    case Encoding.PLAIN:
      return into && type !== 'string' ? plainInto(data, count, into) : decodePlain(spec, data, count);
    case Encoding.PLAIN_DICTIONARY:
    case Encoding.RLE_DICTIONARY:
      return dictionaryValues(data, count, dictionary, into);
    case Encoding.DELTA_BINARY_PACKED:
      if (type === 'int32' && into) return decodeDeltaInt32(data, 0, into as Int32Array).values;
      if (type === 'int32') return checkCount(decodeDeltaInt32(data).values, count, 'DELTA_BINARY_PACKED');
      if (type === 'int64') return checkCount(decodeDeltaInt64(data).values, count, 'DELTA_BINARY_PACKED');
      return unsupported(ctx, spec, encoding);
    case Encoding.DELTA_LENGTH_BYTE_ARRAY:
      return type === 'string' ? decodeDeltaLengthByteArray(data, count) : unsupported(ctx, spec, encoding);
    case Encoding.DELTA_BYTE_ARRAY:
      return type === 'string' ? decodeDeltaByteArray(data, count) : unsupported(ctx, spec, encoding);
    case Encoding.BYTE_STREAM_SPLIT:
      return type === 'string' ? unsupported(ctx, spec, encoding) : byteStreamSplit(type, data, count);
    default:
      return unsupported(ctx, spec, encoding);
  }
}
