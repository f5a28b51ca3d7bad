// The hot loop of DELTA_BINARY_PACKED INT32 decoding: one miniblock's bit-packed deltas (LSB first) unpacked
// and summed into the output in one pass, in 32-bit wrap-around arithmetic, without a temporary array or a
// call per value. Each value is read from a little-endian window of 4 bytes (widths up to 25: the value
// and its bit offset fit in 32 bits) or 5 bytes (widths 26–32); values whose window would reach past the
// end of `src` (the unpadded end of a stream) take a bounds-checked path. Windows are read through a
// DataView (one unaligned load each, not four byte loads).

/** Byte `p` of `src`, 0 past its end (bits there are masked away: only existing bytes carry the value). */
const byteAt = (src: Uint8Array, p: number): number => (p < src.length ? src[p]! : 0);

/** The `width`-bit (1–32) value starting `bit` bits after byte `pos`, bounds-checked, as an int32. */
function valueAt(src: Uint8Array, pos: number, bit: number, width: number): number {
  const at = pos + (bit >>> 3);
  const shift = bit & 7;
  const lo =
    byteAt(src, at) | (byteAt(src, at + 1) << 8) | (byteAt(src, at + 2) << 16) | (byteAt(src, at + 3) << 24);
  const v = shift === 0 ? lo : (lo >>> shift) | (byteAt(src, at + 4) << (32 - shift));
  return width === 32 ? v | 0 : v & ((1 << width) - 1);
}

/** A little-endian reader of `src` (the last one is kept: a stream's miniblocks come one call each). */
let lastSource: Uint8Array | undefined;
let lastView: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
function viewOf(src: Uint8Array): DataView {
  if (src !== lastSource) {
    lastView = new DataView(src.buffer, src.byteOffset, src.length);
    lastSource = src;
  }
  return lastView;
}

/**
 * Writes `out[i..i + take)`: each value is the previous one (`value` before the first) plus `min` plus the
 * next `width`-bit (0–32) delta at `src[pos..)`, modulo 2^32. Returns the last value written.
 */
export function addPackedDeltas32(
  src: Uint8Array,
  pos: number,
  width: number,
  take: number,
  min: number,
  out: Int32Array,
  i: number,
  value: number,
): number {
  let v = value | 0;
  const m = min | 0;
  const end = i + take;
  if (width === 0) {
    for (let w = i; w < end; w++) out[w] = v = (v + m) | 0;
    return v;
  }
  const n = src.length;
  const view = viewOf(src);
  let k = 0;
  let bit = 0;
  if (width <= 25) {
    const mask = (1 << width) - 1;
    for (; k < take; k++, bit += width) {
      const at = pos + (bit >>> 3);
      if (at + 3 >= n) break;
      out[i + k] = v = (v + ((m + ((view.getUint32(at, true) >>> (bit & 7)) & mask)) | 0)) | 0;
    }
  } else {
    const mask = width === 32 ? -1 : (1 << width) - 1;
    for (; k < take; k++, bit += width) {
      const at = pos + (bit >>> 3);
      if (at + 4 >= n) break;
      const shift = bit & 7;
      const word = view.getInt32(at, true);
      const d = shift === 0 ? word : (word >>> shift) | (src[at + 4]! << (32 - shift));
      out[i + k] = v = (v + ((m + (d & mask)) | 0)) | 0;
    }
  }
  for (; k < take; k++, bit += width) out[i + k] = v = (v + ((m + valueAt(src, pos, bit, width)) | 0)) | 0;
  return v;
}
