// 64-bit row hashes for table fingerprints, and their sum modulo 2^64.
//
// Canonical encoding of a row: for each column in order, its value's Parquet PLAIN bytes as little-endian
// 32-bit words (int32 and float: one word, the IEEE bits for floats; int64 and double: two words, low
// first), a string as the two 32-bit lanes of its MurmurHash3 (seeded per column), and for a nullable
// column one more word, 1 for a value and 0 for a null. The row hash runs two 32-bit lanes (different
// seeds and multipliers) over these words, row-major over typed arrays: a multiply / xor-shift step per
// word, each step a bijection of the lane state, and MurmurHash3's finalizer at the end.
import type { ColumnChunk } from '../column-chunk.js';

const TWO32 = 2 ** 32;
const SEED_A = 0x243f6a88;
const SEED_B = 0x85a308d3 | 0;

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** A sum modulo 2^64 kept as two unsigned 32-bit halves. */
export class Sum64 {
  private lo = 0;
  private hi = 0;

  /** Adds block sums of unsigned 32-bit low and high halves (each below 2^53). */
  add(lowSum: number, highSum: number): void {
    const lo = this.lo + lowSum;
    const carry = Math.floor(lo / TWO32);
    this.lo = lo - carry * TWO32;
    this.hi = (this.hi + highSum + carry) % TWO32;
  }

  hex(): string {
    return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }
}

/** Sum of two 16-digit hex values modulo 2^64. */
export function addHex64(a: string, b: string): string {
  return ((BigInt(`0x${a}`) + BigInt(`0x${b}`)) & 0xffffffffffffffffn).toString(16).padStart(16, '0');
}

/** One 32-bit word per row: `words[row * stride + offset]`. */
interface WordStream {
  readonly words: Int32Array;
  readonly stride: number;
  readonly offset: number;
}

/**
 * The canonical words of one row group's columns. String columns are hashed here (once per value);
 * `stringHashes[col]` receives each string column's sum of value hashes.
 */
export function rowWords(
  chunks: readonly ColumnChunk[],
  stringHashes: readonly (Sum64 | undefined)[],
): WordStream[] {
  const streams: WordStream[] = [];
  chunks.forEach((chunk, col) => {
    let words: Int32Array;
    if (chunk.offsets && chunk.bytes) words = hashStrings(chunk, col, stringHashes[col]);
    else {
      const v = chunk.values!;
      words = new Int32Array(v.buffer, v.byteOffset, (v.length * v.BYTES_PER_ELEMENT) / 4);
    }
    const stride = words.length / Math.max(1, chunk.length) || 1;
    for (let offset = 0; offset < stride; offset++) streams.push({ words, stride, offset });
    if (chunk.valid) streams.push({ words: Int32Array.from(chunk.valid), stride: 1, offset: 0 });
  });
  return streams;
}

/** Rows hashed at a time: their lane states stay in the CPU cache while each stream is mixed in. */
const BLOCK = 2048;
const laneA = new Int32Array(BLOCK);
const laneB = new Int32Array(BLOCK);

/**
 * Adds the hashes of rows `[from, to)` (at most 2^20 rows) to `sum`. Computed stream by stream over blocks
 * of rows (two streams per pass), which gives the same hashes as mixing each row's words in order.
 */
export function addRowHashes(streams: readonly WordStream[], from: number, to: number, sum: Sum64): void {
  const count = streams.length;
  let lo = 0;
  let hi = 0;
  for (let start = from; start < to; start += BLOCK) {
    const n = Math.min(BLOCK, to - start);
    laneA.fill(SEED_A, 0, n);
    laneB.fill(SEED_B, 0, n);
    let s = 0;
    for (; s + 1 < count; s += 2) mixTwo(streams[s]!, streams[s + 1], start, n);
    if (s < count) mixTwo(streams[s]!, undefined, start, n);
    for (let j = 0; j < n; j++) {
      lo += finish(laneA[j]! ^ count) >>> 0;
      hi += finish(laneB[j]! ^ count) >>> 0;
    }
  }
  sum.add(lo, hi);
}

/** Mixes the words of rows `[start, start + n)` of `first` and then `second` (when given) into the lanes. */
function mixTwo(first: WordStream, second: WordStream | undefined, start: number, n: number): void {
  const a = laneA;
  const b = laneB;
  const w1 = first.words;
  const s1 = first.stride;
  let p1 = start * s1 + first.offset;
  if (!second) {
    for (let j = 0; j < n; j++, p1 += s1) {
      const w = w1[p1]!;
      const x = Math.imul(a[j]! ^ w, 0x9e3779b1);
      a[j] = x ^ (x >>> 15);
      const y = Math.imul(b[j]! ^ w, 0x85ebca77);
      b[j] = y ^ (y >>> 13);
    }
    return;
  }
  const w2 = second.words;
  const s2 = second.stride;
  let p2 = start * s2 + second.offset;
  for (let j = 0; j < n; j++, p1 += s1, p2 += s2) {
    const u = w1[p1]!;
    const v = w2[p2]!;
    let x = Math.imul(a[j]! ^ u, 0x9e3779b1);
    x ^= x >>> 15;
    x = Math.imul(x ^ v, 0x9e3779b1);
    a[j] = x ^ (x >>> 15);
    let y = Math.imul(b[j]! ^ u, 0x85ebca77);
    y ^= y >>> 13;
    y = Math.imul(y ^ v, 0x85ebca77);
    b[j] = y ^ (y >>> 13);
  }
}

/** Two MurmurHash3 (x86, 32-bit) lanes per string, interleaved; their sum goes to `total`. */
function hashStrings(chunk: ColumnChunk, col: number, total: Sum64 | undefined): Int32Array {
  const { offsets, bytes } = chunk as Required<Pick<ColumnChunk, 'offsets' | 'bytes'>>;
  const out = new Int32Array(chunk.length * 2);
  const seedA = finish(SEED_A + Math.imul(col + 1, 0x9e3779b9));
  const seedB = finish(SEED_B + Math.imul(col + 1, 0x7f4a7c15));
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < chunk.length; i++) {
    if (chunk.valid && !chunk.valid[i]) continue;
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    out[2 * i] = murmur3(bytes, start, end, seedA);
    out[2 * i + 1] = murmur3(bytes, start, end, seedB);
    lo += out[2 * i]! >>> 0;
    hi += out[2 * i + 1]! >>> 0;
    if ((i & 0xfffff) === 0xfffff) {
      total?.add(lo, hi);
      lo = hi = 0;
    }
  }
  total?.add(lo, hi);
  return out;
}

function murmur3(bytes: Uint8Array, start: number, end: number, seed: number): number {
  let h = seed;
  let p = start;
  for (; p + 4 <= end; p += 4) {
    let k = bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  for (let s = 0; p < end; p++, s += 8) k |= bytes[p]! << s;
  if ((end - start) & 3) {
    k = Math.imul(k, 0xcc9e2d51);
    h ^= Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  }
  return finish(h ^ (end - start));
}
