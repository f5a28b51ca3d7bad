// RLE_DICTIONARY for low-cardinality numeric column chunks (a rating column holds ten values): one
// dictionary of the chunk's distinct values (by their bits, so NaN payloads and -0 stay exact), then per
// page the values' indices, bit-packed. Four bits a rating instead of 32 leaves a fraction of the bytes
// to compress and to decompress. Decoding: page-values.ts (any dictionary page pyarrow writes).
import type { NumericValues } from '../../column-chunk.js';

/** Distinct values at most, so an index fits in a byte. */
export const MAX_DICTIONARY = 256;
const SLOTS = 1024;
/** Values per bit-packed run: 63 groups of 8 keep each run's header in one byte. */
const RUN = 63 * 8;

export interface ChunkDictionary {
  /** The distinct values in order of first appearance, as PLAIN bytes (the dictionary page's body). */
  readonly plain: Uint8Array;
  readonly size: number;
  /** Per row of the chunk, its value's index (rows that are null: 0, never encoded). */
  readonly indices: Uint8Array;
  /** Bits per index in the data pages (at least 1). */
  readonly bitWidth: number;
}

/**
 * The dictionary of a chunk's non-null values, or `undefined` as soon as it would hold more than
 * `MAX_DICTIONARY` values (a column of timestamps gives up after a few hundred rows).
 */
export function chunkDictionary(
  values: NumericValues,
  valid: Uint8Array | undefined,
): ChunkDictionary | undefined {
  const width = values.BYTES_PER_ELEMENT / 4;
  const words = new Int32Array(values.buffer, values.byteOffset, values.length * width);
  const keyLo = new Int32Array(SLOTS);
  const keyHi = new Int32Array(SLOTS);
  const slotOf = new Int16Array(SLOTS).fill(-1);
  const dictionary = new Int32Array(MAX_DICTIONARY * width);
  const indices = new Uint8Array(values.length);
  let size = 0;
  for (let row = 0; row < values.length; row++) {
    if (valid && !valid[row]) continue;
    const lo = words[row * width]!;
    const hi = width === 2 ? words[row * width + 1]! : 0;
    let slot = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> 22;
    while (slotOf[slot] !== -1 && (keyLo[slot] !== lo || keyHi[slot] !== hi)) slot = (slot + 1) & (SLOTS - 1);
    if (slotOf[slot] === -1) {
      if (size === MAX_DICTIONARY) return undefined;
      keyLo[slot] = lo;
      keyHi[slot] = hi;
      slotOf[slot] = size;
      dictionary[size * width] = lo;
      if (width === 2) dictionary[size * width + 1] = hi;
      size++;
    }
    indices[row] = slotOf[slot]!;
  }
  const plain = new Uint8Array(dictionary.buffer, 0, size * width * 4);
  return { plain, size, indices, bitWidth: Math.max(1, 32 - Math.clz32(size - 1)) };
}

/**
 * A data page's values section: the bit width in one byte, then the indices of rows `[from, to)` that
 * are not null as RLE/bit-packed hybrid bit-packed runs (LSB first, the last run padded with zeros).
 */
export function encodeIndices(
  dict: ChunkDictionary,
  from: number,
  to: number,
  valid: Uint8Array | undefined,
): Uint8Array {
  const dense = denseIndices(dict.indices, from, to, valid);
  const w = dict.bitWidth;
  const runs = Math.ceil(dense.length / RUN);
  const out = new Uint8Array(1 + runs + Math.ceil(dense.length / 8) * w);
  out[0] = w;
  let o = 1;
  for (let start = 0; start < dense.length; start += RUN) {
    const end = Math.min(dense.length, start + RUN);
    const groups = Math.ceil((end - start) / 8);
    out[o++] = (groups << 1) | 1;
    let acc = 0;
    let bits = 0;
    for (let i = start; i < start + groups * 8; i++) {
      acc |= (i < end ? dense[i]! : 0) << bits;
      bits += w;
      while (bits >= 8) {
        out[o++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
    }
  }
  return out.subarray(0, o);
}

function denseIndices(indices: Uint8Array, from: number, to: number, valid: Uint8Array | undefined) {
  if (!valid) return indices.subarray(from, to);
  let n = 0;
  for (let i = from; i < to; i++) n += valid[i - from]!;
  const dense = new Uint8Array(n);
  let w = 0;
  for (let i = from; i < to; i++) if (valid[i - from]) dense[w++] = indices[i]!;
  return dense;
}
