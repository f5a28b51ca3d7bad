import { describe, expect, it } from 'vitest';
import { decodeRleHybrid } from './rle-hybrid.js';

/** LSB-first bit packing of `values` (a multiple of 8 of them) at `width` bits. */
function pack(values: readonly number[], width: number): number[] {
  const bytes = new Array<number>((values.length * width) / 8).fill(0);
  values.forEach((v, k) => {
    for (let b = 0; b < width; b++)
      if (Math.floor(v / 2 ** b) % 2) bytes[(k * width + b) >> 3]! |= 1 << ((k * width + b) & 7);
  });
  return bytes;
}

const varint = (n: number): number[] => {
  const out: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n & 0x7f) | 0x80);
  return [...out, n];
};

/** A bit-packed run of `values` (padded with zeros to groups of 8), then a repeated run of `count` × `value`. */
function stream(values: readonly number[], width: number, count: number, value: number): Uint8Array {
  const padded = [...values, ...new Array<number>((8 - (values.length % 8)) % 8).fill(0)];
  const repeated = Array.from(
    { length: Math.ceil(width / 8) },
    (_, i) => Math.floor(value / 2 ** (8 * i)) & 0xff,
  );
  return Uint8Array.from([
    ...varint(((padded.length / 8) << 1) | 1),
    ...pack(padded, width),
    ...varint(count << 1),
    ...repeated,
  ]);
}

function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) | 0) >>> 0) / 2 ** 32;
}

describe('decodeRleHybrid', () => {
  it('decodes bit-packed and repeated runs of every width from 1 to 32, to the last byte of the data', () => {
    const rand = random(5);
    for (let width = 1; width <= 32; width++) {
      for (const n of [8, 13, 64, 203]) {
        const max = 2 ** width - 1;
        const values = Array.from({ length: n }, () => Math.floor(rand() * (max + 1)));
        const data = stream(values, width, 5, max);
        const out = new Int32Array(n + (n % 8 ? 0 : 5));
        // Values of the packed run only when n is not a multiple of 8 (the padding is never read).
        const end = decodeRleHybrid(data, 0, data.length, width, out, max);
        const expected = n % 8 ? values : [...values, ...new Array<number>(5).fill(max)];
        expect(
          Array.from(out, (v) => v >>> 0),
          `width ${width}, ${n} values`,
        ).toEqual(expected);
        expect(end).toBeLessThanOrEqual(data.length);
      }
    }
  });

  it('fails on a value above the maximum, naming the first such value, wherever it is in the run', () => {
    for (const at of [0, 37, 99]) {
      const values = Array.from({ length: 100 }, (_, k) => (k === at ? 12 : k === at + 1 ? 13 : k % 10));
      const data = stream(values, 4, 0, 0).subarray(0, -1);
      expect(() => decodeRleHybrid(data, 0, data.length, 4, new Int32Array(100), 9)).toThrow(
        'RLE: value 12 is above the maximum 9',
      );
    }
  });

  it('fails when the data ends before the values do', () => {
    const data = stream([1, 2, 3, 4, 5, 6, 7, 8], 3, 0, 0);
    expect(() => decodeRleHybrid(data, 0, 3, 3, new Int32Array(8), 7)).toThrow('RLE: data ends after 0 of 8');
  });
});
