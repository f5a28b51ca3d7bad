// Parquet DELTA_BINARY_PACKED encoding of INT32 pages (the writer keeps INT64 PLAIN): blocks of 128 deltas
// in 4 miniblocks of 32, each miniblock bit-packed (LSB first) at its own width after subtracting the
// block's minimum delta. Decoding: delta-binary-packed-decode.ts.

const BLOCK = 128;
const MINIBLOCKS = 4;
const MINI = BLOCK / MINIBLOCKS;
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
/** Bits of an unsigned 32-bit value. */
const bitWidth = (n: number): number => 32 - Math.clz32(n);

/** Packs 32 unsigned values `deltas[from..from+32) − min` (mod 2^32) at width `w` into `out[o..o+4w)`. */
function packMiniblock(
  deltas: Int32Array,
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
      const v = i < n ? (deltas[i]! - min) >>> 0 : 0;
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
    acc += (i < n ? (deltas[i]! - min) >>> 0 : 0) * POW2[bits]!;
    bits += w;
    while (bits >= 8) {
      const b = acc % 256;
      out[o++] = b;
      acc = (acc - b) / 256;
      bits -= 8;
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
  const sink = new ByteSink();
  sink.varint(BLOCK);
  sink.varint(MINIBLOCKS);
  sink.varint(count);
  let prev = count > 0 ? values[0]! : 0;
  sink.varint(zigzag(prev));
  const deltas = new Int32Array(BLOCK);
  const widths = new Uint8Array(MINIBLOCKS);
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
    sink.varint(zigzag(min));
    widths.fill(0);
    for (let m = 0; m * MINI < n; m++) {
      let max = 0;
      const end = Math.min(n, (m + 1) * MINI);
      for (let i = m * MINI; i < end; i++) max = Math.max(max, (deltas[i]! - min) >>> 0);
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
