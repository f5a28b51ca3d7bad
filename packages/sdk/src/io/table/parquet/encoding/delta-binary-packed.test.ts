import { describe, expect, it } from 'vitest';
import { decodeDeltaInt32 } from './delta-binary-packed-decode.js';
import { encodeDeltaInt32 } from './delta-binary-packed.js';

const roundTrip = (values: readonly number[]): number[] => {
  const bytes = encodeDeltaInt32(Int32Array.from(values));
  const { values: out, end } = decodeDeltaInt32(bytes);
  expect(end).toBe(bytes.length);
  return [...out];
};

/** The zigzag varint at `pos` (the block's minimum delta), as a number. */
function zigzagAt(bytes: Uint8Array, pos: number): number {
  let n = 0;
  for (let mul = 1; ; mul *= 128) {
    const b = bytes[pos++]!;
    n += (b & 0x7f) * mul;
    if (b < 0x80) break;
  }
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}

describe('DELTA_BINARY_PACKED INT32', () => {
  it.each([0, 1, 2, 31, 32, 33, 127, 128, 129, 1000])('round-trips %i mixed values', (n) => {
    const values = Array.from(
      { length: n },
      (_, i) => ((i * 7919) % 1000) - 500 + (i % 3 === 0 ? 2 ** 29 : -(2 ** 29)),
    );
    expect(roundTrip(values)).toEqual(values);
  });

  it('round-trips sorted ids, constants and the int32 limits side by side', () => {
    const sorted = Array.from({ length: 300 }, (_, i) => Math.floor(i / 7) + 1);
    expect(roundTrip(sorted)).toEqual(sorted);
    expect(roundTrip(Array(200).fill(42))).toEqual(Array(200).fill(42));
    const limits = Array.from({ length: 150 }, (_, i) => (i % 2 ? 2 ** 31 - 1 : -(2 ** 31)));
    expect(roundTrip(limits)).toEqual(limits);
  });

  it('keeps the minimum delta inside INT32 when neighbours are more than 2^31 apart (wrap-around)', () => {
    // Exact deltas here are -3e9 and +5e8 (a range below 2^32, but a minimum outside INT32): pyarrow
    // refuses such a block ("InitBlock EOF").
    const values = [2 ** 31 - 1, 2 ** 31 - 1 - 3e9, 2 ** 31 - 1 - 2.5e9];
    expect(roundTrip(values)).toEqual(values);
    const bytes = encodeDeltaInt32(Int32Array.from(values));
    let pos = 0;
    for (let i = 0; i < 4; i++) while (bytes[pos++]! >= 0x80); // block size, miniblocks, count, first value
    const min = zigzagAt(bytes, pos);
    expect(min).toBeGreaterThanOrEqual(-(2 ** 31));
    expect(min).toBeLessThan(2 ** 31);
  });

  it.each(Array.from({ length: 32 }, (_, w) => w))(
    'packs miniblocks of bit width %i LSB first, as a bit-by-bit reference does',
    (w) => {
      // 1 + 128 values: one block whose deltas span exactly w bits above the minimum (−7).
      const deltas = Array.from({ length: 128 }, (_, i) =>
        w === 0 ? -7 : -7 + (i % 5 === 1 ? 2 ** w - 1 : (i * 2654435761) % 2 ** w),
      );
      const values = [1000];
      for (const d of deltas) values.push((values.at(-1)! + d) | 0);
      const bytes = encodeDeltaInt32(Int32Array.from(values));
      expect(roundTrip(values)).toEqual(values);
      // Header: 128, 4, 129, zigzag(1000) = 2000 (two bytes), min −7 → 13, then four widths.
      expect([...bytes.subarray(0, 8)]).toEqual([128, 1, 4, 129, 1, 208, 15, 13]);
      expect([...bytes.subarray(8, 12)]).toEqual([w, w, w, w]);
      const packed = new Uint8Array(16 * w);
      deltas.forEach((d, i) => {
        for (let bit = 0; bit < w; bit++)
          if (Math.floor((d + 7) / 2 ** bit) % 2) packed[(i * w + bit) >> 3]! |= 1 << ((i * w + bit) & 7);
      });
      expect([...bytes.subarray(12)]).toEqual([...packed]);
    },
  );

  it('packs bit width 32 (deltas over the whole 32-bit range) so that it reads back', () => {
    const values = Array.from({ length: 300 }, (_, i) => {
      const h = Math.imul(i + 1, 2654435761);
      return Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    });
    const bytes = encodeDeltaInt32(Int32Array.from(values));
    let pos = 0;
    for (let i = 0; i < 5; i++) while (bytes[pos++]! >= 0x80); // block, miniblocks, count, first, min delta
    expect([...bytes.subarray(pos, pos + 4)]).toEqual([32, 32, 32, 32]);
    expect(roundTrip(values)).toEqual(values);
  });

  it('refuses a stream cut short instead of decoding zeros', () => {
    const bytes = encodeDeltaInt32(Int32Array.from({ length: 100 }, (_, i) => i * 1000));
    expect(() => decodeDeltaInt32(bytes.subarray(0, bytes.length - 5))).toThrow(/ends early/);
  });
});
