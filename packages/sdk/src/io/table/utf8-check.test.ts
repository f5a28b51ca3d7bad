import { describe, expect, it } from 'vitest';
import type { ColumnChunk } from './column-chunk.js';
import { describeInvalidUtf8, invalidUtf8Row } from './utf8-check.js';

const fatal = new TextDecoder('utf-8', { fatal: true });
const isValid = (bytes: Uint8Array) => {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

function column(values: readonly Uint8Array[]): ColumnChunk {
  const offsets = new Int32Array(values.length + 1);
  values.forEach((v, i) => (offsets[i + 1] = offsets[i]! + v.length));
  const bytes = new Uint8Array(offsets[values.length]!);
  values.forEach((v, i) => bytes.set(v, offsets[i]));
  return { spec: { name: 's', type: 'string' }, length: values.length, offsets, bytes, nullCount: 0 };
}

describe('UTF-8 checks of string columns', () => {
  it('agrees with a fatal TextDecoder on random byte strings, value by value', () => {
    let seed = 99;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
    // Bytes biased to the interesting ranges: ASCII, continuation, lead bytes, and never-valid ones.
    const pool = [0x41, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
    for (let round = 0; round < 3_000; round++) {
      const values = Array.from({ length: 1 + (next() % 4) }, () =>
        Uint8Array.from({ length: next() % 6 }, () => pool[next() % pool.length]!),
      );
      const expected = values.findIndex((v) => !isValid(v));
      expect(invalidUtf8Row(column(values))).toBe(expected);
      for (const v of values) expect(describeInvalidUtf8(v) === '').toBe(isValid(v));
    }
  });

  it('names the first invalid byte: overlong, surrogate, above U+10FFFF, truncated, stray continuation', () => {
    expect(describeInvalidUtf8(Buffer.from('Amélie'))).toBe('');
    expect(describeInvalidUtf8(Uint8Array.of(0x41, 0xc0, 0x80))).toBe('byte 0xc0 at offset 1');
    expect(describeInvalidUtf8(Uint8Array.of(0xed, 0xa0, 0x80))).toBe('byte 0xed at offset 0');
    expect(describeInvalidUtf8(Uint8Array.of(0xf4, 0x90, 0x80, 0x80))).toBe('byte 0xf4 at offset 0');
    expect(describeInvalidUtf8(Uint8Array.of(0x41, 0x42, 0xe2, 0x82))).toBe('byte 0xe2 at offset 2');
    expect(describeInvalidUtf8(Uint8Array.of(0x80))).toBe('byte 0x80 at offset 0');
  });

  it('finds a value cut mid-character even when the column bytes join up, and ignores number columns', () => {
    const cut = column([Uint8Array.of(0x61, 0xc3), Uint8Array.of(0xa9, 0x62)]);
    expect(invalidUtf8Row(cut)).toBe(0);
    expect(invalidUtf8Row(column([Buffer.from('東京物語'), Buffer.from(''), Buffer.from('Zoë')]))).toBe(-1);
    const numbers: ColumnChunk = {
      spec: { name: 'n', type: 'int32' },
      length: 1,
      values: Int32Array.of(1),
      nullCount: 0,
    };
    expect(invalidUtf8Row(numbers)).toBe(-1);
  });
});
