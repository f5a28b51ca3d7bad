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

function gather(dictionary: Dense, indices: Int32Array): Dense {
  if (!isByteArrays(dictionary)) {
    const Ctor = dictionary.constructor as new (n: number) => NumericValues;
    const out = new Ctor(indices.length);
    const from = dictionary as Int32Array;
    const to = out as Int32Array;
    for (let i = 0; i < indices.length; i++) to[i] = from[indices[i]!]!;
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

function dictionaryValues(data: Uint8Array, count: number, dictionary: Dense | undefined): Dense {
  if (!dictionary) throw new RangeError('dictionary-encoded page without a dictionary page');
  const indices = new Int32Array(count);
  if (count > 0) {
    const width = data[0];
    if (width === undefined) throw new RangeError('dictionary page data is empty');
    decodeRleHybrid(data, 1, data.length, width, indices, denseLength(dictionary) - 1);
  }
  return gather(dictionary, indices);
}

function checkCount(dense: Dense, count: number, encoding: string): Dense {
  if (denseLength(dense) !== count)
    throw new RangeError(`${encoding} holds ${denseLength(dense)} values where the levels say ${count}`);
  return dense;
}

/** `count` PLAIN numbers copied straight into `into` (one copy, whatever the page's alignment). */
function plainInto(data: Uint8Array, count: number, into: NumericValues): NumericValues {
  const bytes = count * into.BYTES_PER_ELEMENT;
  if (data.length < bytes) throw new RangeError(`PLAIN: page holds ${data.length} bytes, needs ${bytes}`);
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
      return dictionaryValues(data, count, dictionary);
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
