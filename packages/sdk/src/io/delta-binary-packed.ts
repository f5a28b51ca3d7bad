// Parquet DELTA_BINARY_PACKED for integer pages: blocks of 128 deltas in 4 miniblocks of 32, each
// miniblock bit-packed (LSB first) at its own width after subtracting the block's minimum delta.
// Sorted ids shrink to a few bits per value, so gzip then has far fewer bytes to chew through.
// Values are JS numbers: callers fall back to PLAIN when a value or delta leaves the exact range.

const BLOCK = 128;
const MINIBLOCKS = 4;
const MINI = BLOCK / MINIBLOCKS;
const TWO32 = 4294967296;

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

/** Encodes `count` values read by `at(i)`; `undefined` when a delta range needs more than 32 bits. */
export function encodeDeltaBinaryPacked(count: number, at: (i: number) => number): Uint8Array | undefined {
  const sink = new ByteSink();
  sink.varint(BLOCK);
  sink.varint(MINIBLOCKS);
  sink.varint(count);
  if (count === 0) {
    sink.varint(0);
    return sink.bytes.slice(0, sink.length);
  }
  let prev = at(0);
  sink.varint(zigzag(prev));
  const deltas = new Float64Array(BLOCK);
  for (let start = 1; start < count; start += BLOCK) {
    const n = Math.min(BLOCK, count - start);
    let min = Infinity;
    for (let i = 0; i < n; i++) {
      const v = at(start + i);
      deltas[i] = v - prev;
      prev = v;
      if (deltas[i]! < min) min = deltas[i]!;
    }
    sink.varint(zigzag(min));
    const widths = new Uint8Array(MINIBLOCKS);
    for (let m = 0; m * MINI < n; m++) {
      let max = 0;
      for (let i = m * MINI; i < Math.min(n, (m + 1) * MINI); i++) max = Math.max(max, deltas[i]! - min);
      if (max >= TWO32) return undefined;
      widths[m] = bitWidth(max);
    }
    sink.ensure(MINIBLOCKS + (MINI * 32 * MINIBLOCKS) / 8);
    sink.bytes.set(widths, sink.length);
    sink.length += MINIBLOCKS;
    for (let m = 0; m * MINI < n; m++) {
      const w = widths[m]!;
      const out = sink.bytes;
      const base = sink.length;
      out.fill(0, base, base + w * 4);
      let bit = 0;
      for (let i = m * MINI; i < (m + 1) * MINI; i++) {
        let v = i < n ? deltas[i]! - min : 0;
        let left = w;
        while (left > 0) {
          const off = bit & 7;
          const take = Math.min(8 - off, left);
          out[base + (bit >> 3)]! |= (v & ((1 << take) - 1)) << off;
          v = v >>> take;
          bit += take;
          left -= take;
        }
      }
      sink.length += w * 4;
    }
  }
  return sink.bytes.slice(0, sink.length);
}

/** Decodes a DELTA_BINARY_PACKED stream, calling `put(i, value)`; returns the bytes consumed. */
export function decodeDeltaBinaryPacked(
  src: Uint8Array,
  put: (i: number, v: number) => void,
  onCount: (count: number) => void = () => undefined,
): number {
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
  onCount(count);
  let value = unzig(varint());
  if (count === 0) return pos;
  put(0, value);
  const per = blockSize / miniblocks;
  let i = 1;
  while (i < count) {
    const min = unzig(varint());
    const widths = src.subarray(pos, pos + miniblocks);
    pos += miniblocks;
    for (let m = 0; m < miniblocks && i < count; m++) {
      const w = widths[m]!;
      let bit = pos * 8;
      for (let k = 0; k < per; k++) {
        let v = 0;
        let got = 0;
        while (got < w) {
          const off = bit & 7;
          const take = Math.min(8 - off, w - got);
          v += ((src[bit >> 3]! >> off) & ((1 << take) - 1)) * 2 ** got;
          bit += take;
          got += take;
        }
        if (i < count) {
          value += min + v;
          put(i++, value);
        }
      }
      pos += (per * w) / 8;
    }
  }
  return pos;
}
