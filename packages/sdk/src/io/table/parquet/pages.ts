// Uncompressed v1 page bodies for one column chunk: optional definition levels (RLE, bit width 1,
// length-prefixed) followed by the non-null rows' values: PLAIN, DELTA_BINARY_PACKED (int32) or, for a
// float, double or int64 chunk of at most 256 distinct values, RLE_DICTIONARY after a dictionary page.
import type { ColumnChunk, NumericValues } from '../column-chunk.js';
import { encodeDeltaInt32 } from './encoding/delta-binary-packed.js';
import { chunkDictionary, encodeIndices } from './encoding/dictionary-encode.js';
import type { ChunkDictionary } from './encoding/dictionary-encode.js';
import { Encoding } from './format.js';

/** How integer columns are encoded; floats and strings are always PLAIN. */
export type IntEncoding = 'delta' | 'plain';

export interface PageBody {
  readonly numValues: number;
  readonly nullCount: number;
  readonly encoding: number;
  readonly body: Uint8Array;
}

/** A column chunk's pages: the dictionary page's PLAIN body (if the chunk has one), then data pages. */
export interface EncodedPages {
  readonly dictionary?: { readonly body: Uint8Array; readonly count: number };
  readonly pages: PageBody[];
}

/**
 * Splits a column chunk into pages of at most `pageRows` rows. With `dictionary`, a float, double or
 * int64 chunk of at most 256 distinct values is dictionary-encoded (int32 follows `intEncoding`).
 */
export function encodePages(
  chunk: ColumnChunk,
  pageRows: number,
  intEncoding: IntEncoding = 'delta',
  dictionary = false,
): EncodedPages {
  const dict =
    dictionary && chunk.values && !(chunk.values instanceof Int32Array)
      ? chunkDictionary(chunk.values, chunk.valid)
      : undefined;
  const pages: PageBody[] = [];
  for (let from = 0; from < chunk.length || (from === 0 && pages.length === 0); from += pageRows) {
    const to = Math.min(chunk.length, from + pageRows);
    pages.push(encodePage(chunk, from, to, intEncoding, dict));
    if (chunk.length === 0) break;
  }
  return dict ? { dictionary: { body: dict.plain, count: dict.size }, pages } : { pages };
}

function encodePage(
  chunk: ColumnChunk,
  from: number,
  to: number,
  intEncoding: IntEncoding,
  dict: ChunkDictionary | undefined,
): PageBody {
  const valid = chunk.valid?.subarray(from, to);
  const levels = valid ? definitionLevels(valid) : undefined;
  const nullCount = valid ? valid.length - countValid(valid) : 0;
  let encoding: number = Encoding.PLAIN;
  let values: Uint8Array;
  if (chunk.offsets) values = plainStrings(chunk, from, to, valid);
  else if (dict) {
    encoding = Encoding.RLE_DICTIONARY;
    values = encodeIndices(dict, from, to, valid);
  } else {
    const dense = denseNumbers(chunk, from, to, valid, nullCount);
    const delta = intEncoding === 'delta' ? deltaEncode(dense) : undefined;
    if (delta) encoding = Encoding.DELTA_BINARY_PACKED;
    values = delta ?? new Uint8Array(dense.buffer, dense.byteOffset, dense.byteLength);
  }
  if (!levels) return { numValues: to - from, nullCount, encoding, body: values };
  const body = new Uint8Array(4 + levels.length + values.length);
  new DataView(body.buffer).setUint32(0, levels.length, true);
  body.set(levels, 4);
  body.set(values, 4 + levels.length);
  return { numValues: to - from, nullCount, encoding, body };
}

function countValid(valid: Uint8Array): number {
  let n = 0;
  for (const v of valid) n += v;
  return n;
}

/** RLE runs only: `varint(run << 1)` then the level in one byte. */
function definitionLevels(valid: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < valid.length) {
    const level = valid[i]!;
    let j = i + 1;
    while (j < valid.length && valid[j] === level) j++;
    let header = (j - i) * 2;
    while (header >= 0x80) {
      out.push((header & 0x7f) | 0x80);
      header = Math.floor(header / 0x80);
    }
    out.push(header, level);
    i = j;
  }
  return Uint8Array.from(out);
}

/** The non-null values of rows [from, to). */
function denseNumbers(
  chunk: ColumnChunk,
  from: number,
  to: number,
  valid: Uint8Array | undefined,
  nullCount: number,
): NumericValues {
  const values = chunk.values!.subarray(from, to);
  if (!valid || nullCount === 0) return values;
  const Ctor = values.constructor as new (n: number) => typeof values;
  const packed = new Ctor(values.length - nullCount);
  let w = 0;
  for (let i = 0; i < values.length; i++)
    if (valid[i]) (packed as Int32Array)[w++] = (values as Int32Array)[i]!;
  return packed;
}

/**
 * int32 only: fastparquet (2026.9) misreads INT64 DELTA_BINARY_PACKED pages, even pyarrow's, and the
 * book's readers may use it; int64 stays PLAIN.
 */
function deltaEncode(values: NumericValues): Uint8Array | undefined {
  return values instanceof Int32Array ? encodeDeltaInt32(values) : undefined;
}

function plainStrings(
  chunk: ColumnChunk,
  from: number,
  to: number,
  valid: Uint8Array | undefined,
): Uint8Array {
  const offsets = chunk.offsets!;
  const bytes = chunk.bytes!;
  let size = offsets[to]! - offsets[from]!;
  for (let i = from; i < to; i++) if (!valid || valid[i - from]) size += 4;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let w = 0;
  for (let i = from; i < to; i++) {
    if (valid && !valid[i - from]) continue;
    const start = offsets[i]!;
    const len = offsets[i + 1]! - start;
    view.setInt32(w, len, true);
    out.set(bytes.subarray(start, start + len), w + 4);
    w += 4 + len;
  }
  return out;
}
