// Bit-packed values (LSB first), as Parquet's RLE hybrid, dictionary indices and DELTA_BINARY_PACKED
// miniblocks store them.

const POW2 = Array.from({ length: 33 }, (_, i) => 2 ** i);

/** Unpacks `take` unsigned values of `width` (0–32) bits from `src[pos..)` into `out[at..)`. */
export function unpackBits(
  src: Uint8Array,
  pos: number,
  width: number,
  take: number,
  out: Uint8Array | Int32Array | Float64Array,
  at: number,
): void {
  if (width === 0) {
    out.fill(0, at, at + take);
    return;
  }
  let acc = 0;
  let bits = 0;
  if (width <= 24) {
    // An int accumulator never holds more than 31 bits here.
    const mask = (1 << width) - 1;
    for (let k = 0; k < take; k++) {
      while (bits < width) {
        acc |= src[pos++]! << bits;
        bits += 8;
      }
      out[at + k] = acc & mask;
      acc >>>= width;
      bits -= width;
    }
    return;
  }
  for (let k = 0; k < take; k++) {
    while (bits < width) {
      acc += src[pos++]! * POW2[bits]!;
      bits += 8;
    }
    const v = acc % POW2[width]!;
    acc = (acc - v) / POW2[width]!;
    bits -= width;
    out[at + k] = v;
  }
}
