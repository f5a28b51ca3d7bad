// DELTA_BINARY_PACKED decoding at every miniblock bit width, against a BigInt reference: streams are built
// here bit by bit (the writer only picks the narrowest width), at odd byte offsets and with the last
// miniblock's padding cut off, so every unpack path (4- and 5-byte windows, the bounds-checked tail) runs.
import { describe, expect, it } from 'vitest';
import { decodeDeltaInt32, decodeDeltaInt64 } from './delta-binary-packed-decode.js';

const uleb = (n: bigint): number[] => {
  const out: number[] = [];
  do {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    out.push(n > 0n ? b | 0x80 : b);
  } while (n > 0n);
  return out;
};
const zigzag = (v: bigint): bigint => (v >= 0n ? v * 2n : -v * 2n - 1n);

interface Stream {
  readonly bytes: Uint8Array;
  /** The values the stream holds, modulo 2^bits (as signed). */
  readonly values: bigint[];
}

/**
 * One block of 4 miniblocks of 32 values: miniblock m packs random deltas of `widths[m]` bits. `count`
 * values in all (the first plus up to 128 deltas); `cut` drops the last miniblock's unused padding.
 */
function stream(widths: number[], count: number, bits: 32 | 64, seed: number, cut: boolean): Stream {
  let s = BigInt(seed);
  const rand = (w: number): bigint => {
    s = (s * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return w === 0 ? 0n : (s ^ (s >> 29n)) & ((1n << BigInt(w)) - 1n);
  };
  const wrap = (v: bigint) => BigInt.asIntN(bits, v);
  const first = wrap(rand(bits));
  const min = wrap(rand(bits) - (1n << BigInt(bits - 1)));
  const bytes = [...uleb(128n), ...uleb(4n), ...uleb(BigInt(count)), ...uleb(zigzag(first))];
  bytes.push(...uleb(zigzag(min)), ...widths);
  const values = [first];
  let left = count - 1;
  for (let m = 0; m < 4 && left > 0; m++) {
    const take = Math.min(32, left);
    let acc = 0n;
    for (let k = 0; k < 32; k++) {
      const d = k < take ? rand(widths[m]!) : 0n;
      acc |= d << BigInt(k * widths[m]!);
      if (k < take) values.push(wrap(values.at(-1)! + min + d));
    }
    const start = bytes.length;
    for (let b = 0; b < 4 * widths[m]!; b++) bytes.push(Number((acc >> BigInt(8 * b)) & 0xffn));
    left -= take;
    if (left === 0 && cut) bytes.length = start + Math.ceil((take * widths[m]!) / 8);
  }
  return { bytes: Uint8Array.from(bytes), values };
}

/** `bytes` at byte offset `at` of a larger buffer (a misaligned view), followed by a junk byte. */
function placed(bytes: Uint8Array, at: number): Uint8Array {
  const buffer = new Uint8Array(at + bytes.length + 1).fill(0xa5);
  buffer.set(bytes, at);
  return buffer.subarray(at, at + bytes.length);
}

const widths32 = Array.from({ length: 34 }, (_, w) => w);
const widths64 = Array.from({ length: 65 }, (_, w) => w);

describe('DELTA_BINARY_PACKED unpacking at every width', () => {
  it.each(widths32)('INT32, width %i: every value, at odd offsets, with and without padding', (w) => {
    for (const [count, cut, at] of [
      [129, false, 0],
      [129, true, 1],
      [77, true, 3],
      [2, true, 5],
      [100, false, 7],
    ] as const) {
      const { bytes, values } = stream([w, (w + 7) % 34, w, w], count, 32, w * 31 + count, cut);
      const src = placed(bytes, at);
      const decoded = decodeDeltaInt32(src);
      expect(decoded.end).toBe(src.length);
      expect([...decoded.values]).toEqual(values.map(Number));
      const into = new Int32Array(count + 2).fill(-7);
      decodeDeltaInt32(src, 0, into.subarray(1, count + 1));
      expect([...into]).toEqual([-7, ...values.map(Number), -7]);
    }
  });

  it.each(widths64)('INT64, width %i: every value, at odd offsets, with and without padding', (w) => {
    for (const [count, cut, at] of [
      [129, false, 0],
      [129, true, 1],
      [45, true, 6],
    ] as const) {
      const { bytes, values } = stream([w, (w + 13) % 65, w, w], count, 64, w * 17 + count, cut);
      const decoded = decodeDeltaInt64(placed(bytes, at));
      expect([...decoded.values]).toEqual(values);
    }
  });

  it('refuses a stream one byte short at every width, and an output of the wrong size', () => {
    for (const w of widths32.slice(1)) {
      const { bytes } = stream([w, w, w, w], 129, 32, w, true);
      expect(() => decodeDeltaInt32(bytes.subarray(0, bytes.length - 1)), `width ${w}`).toThrow(/ends early/);
    }
    const { bytes } = stream([5, 5, 5, 5], 129, 32, 1, false);
    expect(() => decodeDeltaInt32(bytes, 0, new Int32Array(128))).toThrow(/holds 129 values where 128/);
  });
});
