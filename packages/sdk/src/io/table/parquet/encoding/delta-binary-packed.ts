// Parquet DELTA_BINARY_PACKED for integer pages: blocks of 128 deltas in 4 miniblocks of 32, each
// miniblock bit-packed (LSB first) at its own width after subtracting the block's minimum delta.
// Values are JS numbers: the encoder returns `undefined` (caller falls back to PLAIN) when a block's
// delta range needs more than 32 bits. Widths ≤ 24 take an int32 accumulator fast path.

const BLOCK = 128;
const MINIBLOCKS = 4;
const MINI = BLOCK / MINIBLOCKS;
const TWO32 = 4294967296;
const POW2 = Array.from({ length: 64 }, (_, i) => 2 ** i);

class ByteSink {
  bytes = new Uint8Array(1024);
  length = 0;
  ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
  varint(n: number): void {
    this.ensure(10);
    while (n >= 0x80) {
      this.bytes[this.length++] = n % 0x80 | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.bytes[this.length++] = n;
  }
}

const zigzag = (n: number): number => (n >= 0 ? n * 2 : -n * 2 - 1);
const bitWidth = (n: number): number => (n === 0 ? 0 : n >= TWO32 / 2 ? 32 : 32 - Math.clz32(n));

/** Packs 32 values `deltas[from..from+32) − min` at width `w` into `out[o..o+4w)`. */
function packMiniblock(
  deltas: Float64Array,
  from: number,
  n: number,
  min: number,
  w: number,
  out: Uint8Array,
  o: number,
): void {
  let acc = 0;
  let bits = 0;
  if (w <= 24) {
    for (let i = from; i < from + MINI; i++) {
      const v = i < n ? deltas[i]! - min : 0;
      acc = (acc | (v << bits)) >>> 0;
      bits += w;
      while (bits >= 8) {
        out[o++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
    }
    return;
  }
  for (let i = from; i < from + MINI; i++) {
    acc += (i < n ? deltas[i]! - min : 0) * POW2[bits]!;
    bits += w;
    while (bits >= 8) {
      const b = acc % 256;
      out[o++] = b;
      acc = (acc - b) / 256;
      bits -= 8;
    }
  }
}

/** Encodes integer values (exact as doubles); `undefined` when a block needs widths above 32. */
export function encodeDeltaBinaryPacked(values: ArrayLike<number>): Uint8Array | undefined {
  const count = values.length;
  const sink = new ByteSink();
  sink.varint(BLOCK);
  sink.varint(MINIBLOCKS);
  sink.varint(count);
  let prev = count > 0 ? values[0]! : 0;
  sink.varint(zigzag(prev));
  const deltas = new Float64Array(BLOCK);
  const widths = new Uint8Array(MINIBLOCKS);
  for (let start = 1; start < count; start += BLOCK) {
    const n = Math.min(BLOCK, count - start);
    let min = Infinity;
    for (let i = 0; i < n; i++) {
      const v = values[start + i]!;
      const d = v - prev;
      deltas[i] = d;
      prev = v;
      if (d < min) min = d;
    }
    sink.varint(zigzag(min));
    widths.fill(0);
    for (let m = 0; m * MINI < n; m++) {
      let max = 0;
      const end = Math.min(n, (m + 1) * MINI);
      for (let i = m * MINI; i < end; i++) if (deltas[i]! - min > max) max = deltas[i]! - min;
      if (max >= TWO32) return undefined;
      widths[m] = bitWidth(max);
    }
    sink.ensure(MINIBLOCKS + MINI * 4 * MINIBLOCKS);
    sink.bytes.set(widths, sink.length);
    sink.length += MINIBLOCKS;
    for (let m = 0; m * MINI < n; m++) {
      const w = widths[m]!;
      packMiniblock(deltas, m * MINI, n, min, w, sink.bytes, sink.length);
      sink.length += w * 4;
    }
  }
  return sink.bytes.slice(0, sink.length);
}

/**
 * Decodes a DELTA_BINARY_PACKED stream into doubles, or into what `alloc` returns (an Int32Array for
 * int32 columns skips a copy); `end` is the offset just past it.
 */
export function decodeDeltaBinaryPacked<T extends Float64Array | Int32Array = Float64Array>(
  src: Uint8Array,
  alloc: (count: number) => T = (count) => new Float64Array(count) as T,
): { values: T; end: number } {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = src[pos++]!;
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 0x80;
    }
  };
  const unzig = (n: number): number => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);
  const blockSize = varint();
  const miniblocks = varint();
  const count = varint();
  const out = alloc(count);
  let value = unzig(varint());
  if (count === 0) return { values: out, end: pos };
  out[0] = value;
  const per = blockSize / miniblocks;
  let i = 1;
  while (i < count) {
    const min = unzig(varint());
    const widthsAt = pos;
    pos += miniblocks;
    for (let m = 0; m < miniblocks && i < count; m++) {
      const w = src[widthsAt + m]!;
      const take = Math.min(per, count - i);
      if (w === 0) {
        for (let k = 0; k < take; k++) out[i++] = value += min;
      } else if (w <= 24) {
        const mask = (1 << w) - 1;
        let acc = 0;
        let bits = 0;
        let p = pos;
        for (let k = 0; k < take; k++) {
          while (bits < w) {
            acc |= src[p++]! << bits;
            bits += 8;
          }
          out[i++] = value += min + (acc & mask);
          acc >>>= w;
          bits -= w;
        }
      } else {
        let acc = 0;
        let bits = 0;
        let p = pos;
        for (let k = 0; k < take; k++) {
          while (bits < w) {
            acc += src[p++]! * POW2[bits]!;
            bits += 8;
          }
          const v = acc % POW2[w]!;
          acc = (acc - v) / POW2[w]!;
          bits -= w;
          out[i++] = value += min + v;
        }
      }
      pos += (per * w) / 8;
    }
  }
  return { values: out, end: pos };
}
