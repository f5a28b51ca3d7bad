// Parquet DELTA_BINARY_PACKED encoding of INT32 pages (the writer keeps INT64 PLAIN): blocks of 128 deltas
// in 4 miniblocks of 32, each miniblock bit-packed (LSB first) at its own width after subtracting the
// block's minimum delta. Decoding: delta-binary-packed-decode.ts.

const BLOCK = 128;
const MINIBLOCKS = 4;
const MINI = BLOCK / MINIBLOCKS;
/** Bytes a block can take at most: its minimum delta (varint), the widths, 4 miniblocks of 32 bits a value. */
const MAX_BLOCK_BYTES = 5 + MINIBLOCKS + BLOCK * 4;

/** Writes an unsigned varint (n < 2^53) at `o`; returns the position after it. */
function varint(out: Uint8Array, o: number, n: number): number {
  while (n >= 0x80) {
    out[o++] = n % 0x80 | 0x80;
    n = Math.floor(n / 0x80);
  }
  out[o++] = n;
  return o;
}

const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);
/** Bits of an unsigned 32-bit value. */
const bitWidth = (n: number): number => 32 - Math.clz32(n);

/**
 * Packs 32 values `deltas[from..from+32) − min` (mod 2^32; past `n`: 0) at width `w`, LSB first: exactly
 * `w` little-endian 32-bit words at `out[o..o+4w)`.
 */
function packMiniblock(
  deltas: Int32Array,
  from: number,
  n: number,
  min: number,
  w: number,
  out: Uint8Array,
  o: number,
): void {
  let word = 0;
  let used = 0;
  for (let i = from; i < from + MINI; i++) {
    const v = i < n ? (deltas[i]! - min) | 0 : 0;
    word |= v << used;
    used += w;
    if (used >= 32) {
      out[o] = word;
      out[o + 1] = word >>> 8;
      out[o + 2] = word >>> 16;
      out[o + 3] = word >>> 24;
      o += 4;
      used -= 32;
      // The bits of v that did not fit start the next word.
      word = used > 0 ? v >>> (w - used) : 0;
    }
  }
}

/**
 * Encodes INT32 values. Deltas use the format's 32-bit wrap-around arithmetic, so the minimum delta is an
 * INT32 and every miniblock fits in 32 bits: a column spanning more than 2^31 between neighbours still
 * encodes as readers (pyarrow among them) expect.
 */
export function encodeDeltaInt32(values: Int32Array): Uint8Array {
  const count = values.length;
  const out = new Uint8Array(4 * 10 + Math.ceil(Math.max(0, count - 1) / BLOCK) * MAX_BLOCK_BYTES);
  let o = varint(out, 0, BLOCK);
  o = varint(out, o, MINIBLOCKS);
  o = varint(out, o, count);
  let prev = count > 0 ? values[0]! : 0;
  o = varint(out, o, zigzag(prev));
  const deltas = new Int32Array(BLOCK);
  for (let start = 1; start < count; start += BLOCK) {
    const n = Math.min(BLOCK, count - start);
    let min = 2 ** 31;
    for (let i = 0; i < n; i++) {
      const v = values[start + i]!;
      const d = (v - prev) | 0;
      deltas[i] = d;
      prev = v;
      if (d < min) min = d;
    }
    o = varint(out, o, zigzag(min));
    const widthsAt = o;
    o += MINIBLOCKS;
    for (let m = 0; m < MINIBLOCKS; m++) {
      out[widthsAt + m] = 0;
      if (m * MINI >= n) continue;
      let max = 0;
      const end = Math.min(n, (m + 1) * MINI);
      for (let i = m * MINI; i < end; i++) max |= (deltas[i]! - min) | 0;
      const w = bitWidth(max);
      out[widthsAt + m] = w;
      packMiniblock(deltas, m * MINI, n, min, w, out, o);
      o += w * 4;
    }
  }
  return out.subarray(0, o);
}
