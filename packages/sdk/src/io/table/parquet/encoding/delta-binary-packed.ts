// Parquet DELTA_BINARY_PACKED for integer pages: blocks of 128 deltas in 4 miniblocks of 32, each
// miniblock bit-packed (LSB first) at its own width after subtracting the block's minimum delta.
// The encoder writes INT32 pages (the writer keeps INT64 PLAIN); the decoders are exact for the whole
// INT32 / INT64 range, with the format's wrap-around arithmetic, and bounds-checked.

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

/** A cursor over a DELTA_BINARY_PACKED stream; reading past `end` is an error, never zeros. */
class Cursor {
  constructor(
    readonly src: Uint8Array,
    public pos: number,
  ) {}
  byte(): number {
    const b = this.src[this.pos++];
    if (b === undefined) throw new RangeError('DELTA_BINARY_PACKED: data ends early');
    return b;
  }
  varint(): number {
    let result = 0;
    for (let mul = 1; ; mul *= 0x80) {
      const b = this.byte();
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      if (mul > 2 ** 42) throw new RangeError('DELTA_BINARY_PACKED: varint too long');
    }
  }
  zigzagBig(): bigint {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) break;
      if (shift > 63n) throw new RangeError('DELTA_BINARY_PACKED: varint too long');
    }
    return (result >> 1n) ^ -(result & 1n);
  }
}

interface Header {
  readonly perMiniblock: number;
  readonly miniblocks: number;
  readonly count: number;
}

function readHeader(c: Cursor): Header {
  const blockSize = c.varint();
  const miniblocks = c.varint();
  const count = c.varint();
  const perMiniblock = blockSize / miniblocks;
  if (!(blockSize > 0 && blockSize % 128 === 0 && perMiniblock % 32 === 0))
    throw new RangeError(
      `DELTA_BINARY_PACKED: block size ${blockSize} in ${miniblocks} miniblocks is invalid`,
    );
  return { perMiniblock, miniblocks, count };
}

/** `take` unsigned values of `width` ≤ 32 bits from `src[pos..)`, LSB first, as doubles. */
function unpack32(src: Uint8Array, pos: number, width: number, take: number, out: Float64Array): void {
  let acc = 0;
  let bits = 0;
  for (let k = 0; k < take; k++) {
    while (bits < width) {
      acc += src[pos++]! * POW2[bits]!;
      bits += 8;
    }
    const v = acc % POW2[width]!;
    acc = (acc - v) / POW2[width]!;
    bits -= width;
    out[k] = v;
  }
}

/** The low 32 bits of the value starting `bit` bits after byte `pos` (width above 32, so 5 bytes exist). */
function low32(src: Uint8Array, pos: number, bit: number): number {
  const at = pos + (bit >>> 3);
  const shift = bit & 7;
  const lo = (src[at]! | (src[at + 1]! << 8) | (src[at + 2]! << 16) | (src[at + 3]! << 24)) >>> 0;
  return shift === 0 ? lo : ((lo >>> shift) | (src[at + 4]! << (32 - shift))) >>> 0;
}

/**
 * Walks the blocks of a stream after its first value, calling `miniblock(min, width, pos, take)` for each
 * miniblock that holds values; returns the offset just past the stream.
 */
function walkBlocks(
  c: Cursor,
  h: Header,
  readMin: () => void,
  miniblock: (width: number, pos: number, take: number) => void,
): number {
  let left = h.count - 1;
  while (left > 0) {
    readMin();
    const widthsAt = c.pos;
    c.pos += h.miniblocks;
    for (let m = 0; m < h.miniblocks && left > 0; m++) {
      const width = c.src[widthsAt + m];
      if (width === undefined || width > 64) throw new RangeError('DELTA_BINARY_PACKED: bad miniblock width');
      const take = Math.min(h.perMiniblock, left);
      if (c.pos + Math.ceil((take * width) / 8) > c.src.length)
        throw new RangeError('DELTA_BINARY_PACKED: data ends early');
      miniblock(width, c.pos, take);
      left -= take;
      c.pos += (h.perMiniblock * width) / 8;
    }
  }
  return Math.min(c.pos, c.src.length);
}

/** Decodes an INT32 stream with the format's wrap-around arithmetic; `end` is the offset just past it. */
export function decodeDeltaInt32(src: Uint8Array, from = 0): { values: Int32Array; end: number } {
  const c = new Cursor(src, from);
  const h = readHeader(c);
  const out = new Int32Array(h.count);
  const first = Number(c.zigzagBig());
  if (h.count === 0) return { values: out, end: c.pos };
  let value = first | 0;
  out[0] = value;
  let i = 1;
  let min = 0;
  const raw = new Float64Array(h.perMiniblock);
  const end = walkBlocks(
    c,
    h,
    () => (min = Number(BigInt.asIntN(32, c.zigzagBig()))),
    (width, pos, take) => {
      if (width <= 24) {
        // Fast path (ids, epoch seconds): an int accumulator never holds more than 31 bits.
        const mask = (1 << width) - 1;
        let acc = 0;
        let bits = 0;
        for (let k = 0; k < take; k++) {
          while (bits < width) {
            acc |= src[pos++]! << bits;
            bits += 8;
          }
          out[i++] = value = (value + min + (acc & mask)) | 0;
          acc >>>= width;
          bits -= width;
        }
      } else if (width <= 32) {
        unpack32(src, pos, width, take, raw);
        for (let k = 0; k < take; k++) out[i++] = value = (value + min + raw[k]!) | 0;
      } else {
        // Writers that compute INT32 deltas in 64 bits (duckdb) use widths up to 33: modulo 2^32 only
        // the low 32 bits of each value matter.
        for (let k = 0; k < take; k++) out[i++] = value = (value + min + low32(src, pos, k * width)) | 0;
      }
    },
  );
  return { values: out, end };
}

/** Decodes an INT64 stream exactly (BigInt arithmetic modulo 2^64). */
export function decodeDeltaInt64(src: Uint8Array, from = 0): { values: BigInt64Array; end: number } {
  const c = new Cursor(src, from);
  const h = readHeader(c);
  const out = new BigInt64Array(h.count);
  let value = BigInt.asIntN(64, c.zigzagBig());
  if (h.count === 0) return { values: out, end: c.pos };
  out[0] = value;
  let i = 1;
  let min = 0n;
  const raw = new Float64Array(h.perMiniblock);
  const end = walkBlocks(
    c,
    h,
    () => (min = c.zigzagBig()),
    (width, pos, take) => {
      if (width <= 32) {
        unpack32(src, pos, width, take, raw);
        for (let k = 0; k < take; k++) out[i++] = value = BigInt.asIntN(64, value + min + BigInt(raw[k]!));
        return;
      }
      let acc = 0n;
      let bits = 0;
      const mask = (1n << BigInt(width)) - 1n;
      for (let k = 0; k < take; k++) {
        while (bits < width) {
          acc |= BigInt(src[pos++]!) << BigInt(bits);
          bits += 8;
        }
        out[i++] = value = BigInt.asIntN(64, value + min + (acc & mask));
        acc >>= BigInt(width);
        bits -= width;
      }
    },
  );
  return { values: out, end };
}
