// The RLE / bit-packing hybrid of Parquet's definition levels and dictionary indices: runs of
// `varint(count << 1)` + one value in ceil(width / 8) bytes, or `varint(groups << 1 | 1)` + groups of 8
// values bit-packed LSB first. Bounds-checked: running out of input is an error, not zeros.

import { unpackBits } from './bit-unpack.js';

const POW2 = Array.from({ length: 33 }, (_, i) => 2 ** i);

/**
 * The fast path of a bit-packed run of width 1–25: each value read from a 4-byte little-endian window
 * (value and bit offset fit in 32 bits) and checked against `max` as it is written. Unpacks a multiple of 8
 * values (whole bytes), stopping before a window would pass the end of `src`; returns how many.
 */
function unpackWindowed(
  src: Uint8Array,
  pos: number,
  width: number,
  take: number,
  out: Uint8Array | Int32Array,
  at: number,
  max: number,
): number {
  const view = new DataView(src.buffer, src.byteOffset, src.length);
  const mask = (1 << width) - 1;
  const last = Math.min(take, Math.floor(((src.length - 4 - pos) * 8) / width) + 1) & ~7;
  let above = -1;
  let bit = 0;
  for (let k = 0; k < last; k++, bit += width) {
    const v = (view.getUint32(pos + (bit >>> 3), true) >>> (bit & 7)) & mask;
    out[at + k] = v;
    if (v > max && above < 0) above = v;
  }
  if (above >= 0) throw new RangeError(`RLE: value ${above} is above the maximum ${max}`);
  return Math.max(0, last);
}

/**
 * Decodes `out.length` values of width `bitWidth` (0–32) from `src[pos, end)`; returns the offset after
 * the last run used. Values above `max` are an error (a level above the column's maximum, an index past
 * the dictionary).
 */
export function decodeRleHybrid(
  src: Uint8Array,
  pos: number,
  end: number,
  bitWidth: number,
  out: Uint8Array | Int32Array,
  max: number,
): number {
  if (bitWidth > 32) throw new RangeError(`RLE: bit width ${bitWidth} is above 32`);
  const bytesPerValue = Math.ceil(bitWidth / 8);
  let w = 0;
  while (w < out.length) {
    let header = 0;
    for (let shift = 1; ; shift *= 128) {
      if (pos >= end) throw new RangeError(`RLE: data ends after ${w} of ${out.length} values`);
      const b = src[pos++]!;
      header += (b & 0x7f) * shift;
      if (b < 0x80) break;
    }
    if (header % 2 === 0) {
      const count = header / 2;
      if (pos + bytesPerValue > end)
        throw new RangeError(`RLE: data ends after ${w} of ${out.length} values`);
      let value = 0;
      for (let i = 0; i < bytesPerValue; i++) value += src[pos + i]! * POW2[8 * i]!;
      pos += bytesPerValue;
      if (value > max) throw new RangeError(`RLE: value ${value} is above the maximum ${max}`);
      const to = Math.min(out.length, w + count);
      out.fill(value, w, to);
      w = to;
    } else {
      const groups = (header - 1) / 2;
      const take = Math.min(out.length - w, groups * 8);
      const need = Math.ceil((take * bitWidth) / 8);
      if (pos + need > end) throw new RangeError(`RLE: data ends after ${w} of ${out.length} values`);
      const fast = bitWidth <= 25 ? unpackWindowed(src, pos, bitWidth, take, out, w, max) : 0;
      if (fast < take) unpackBits(src, pos + (fast * bitWidth) / 8, bitWidth, take - fast, out, w + fast);
      for (let k = w + fast; k < w + take; k++)
        if (out[k]! > max) throw new RangeError(`RLE: value ${out[k]} is above the maximum ${max}`);
      w += take;
      pos += groups * bitWidth;
    }
  }
  return Math.min(pos, end);
}
