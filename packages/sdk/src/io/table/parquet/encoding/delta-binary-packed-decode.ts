// Parquet DELTA_BINARY_PACKED decoding, exact for the whole INT32 and INT64 range with the format's
// wrap-around arithmetic (writers may compute INT32 deltas in 64 bits: widths up to 33), bounds-checked
// so a short stream is an error, never zeros.

import { unpackBits } from './bit-unpack.js';
import { addPackedDeltas32 } from './delta-unpack.js';

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
  /** A zigzag varint modulo 2^32, as an int32 (numbers for up to 7 bytes, BigInt beyond). */
  zigzag32(): number {
    const start = this.pos;
    let n = 0;
    for (let mul = 1; mul <= 2 ** 42; mul *= 0x80) {
      const b = this.byte();
      n += (b & 0x7f) * mul;
      if (b < 0x80) return (n % 2 === 0 ? n / 2 : -(n + 1) / 2) | 0;
    }
    this.pos = start;
    return Number(BigInt.asIntN(32, this.zigzagBig()));
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

/**
 * Decodes an INT32 stream with the format's wrap-around arithmetic into `into` (which must hold exactly
 * its values) or a new array; `end` is the offset just past it.
 */
export function decodeDeltaInt32(
  src: Uint8Array,
  from = 0,
  into?: Int32Array,
): { values: Int32Array; end: number } {
  const c = new Cursor(src, from);
  const h = readHeader(c);
  if (into && into.length !== h.count)
    throw new RangeError(`DELTA_BINARY_PACKED holds ${h.count} values where ${into.length} are expected`);
  const out = into ?? new Int32Array(h.count);
  const first = Number(BigInt.asIntN(32, c.zigzagBig()));
  if (h.count === 0) return { values: out, end: c.pos };
  let value = first;
  out[0] = value;
  let i = 1;
  let left = h.count - 1;
  while (left > 0) {
    const min = c.zigzag32();
    const widthsAt = c.pos;
    c.pos += h.miniblocks;
    for (let m = 0; m < h.miniblocks && left > 0; m++) {
      const width = src[widthsAt + m];
      if (width === undefined || width > 64) throw new RangeError('DELTA_BINARY_PACKED: bad miniblock width');
      const take = Math.min(h.perMiniblock, left);
      if (c.pos + Math.ceil((take * width) / 8) > src.length)
        throw new RangeError('DELTA_BINARY_PACKED: data ends early');
      if (width <= 32) value = addPackedDeltas32(src, c.pos, width, take, min, out, i, value);
      else {
        // Writers that compute INT32 deltas in 64 bits (duckdb) use widths up to 33: modulo 2^32 only
        // the low 32 bits of each value matter.
        for (let k = 0; k < take; k++) out[i + k] = value = (value + min + low32(src, c.pos, k * width)) | 0;
      }
      i += take;
      left -= take;
      c.pos += (h.perMiniblock * width) / 8;
    }
  }
  return { values: out, end: Math.min(c.pos, src.length) };
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
        unpackBits(src, pos, width, take, raw, 0);
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
