import { describe, expect, it } from 'vitest';
import { FastKind, fastRecord } from './csv-fast-record.js';
import type { FastSink } from './csv-fast-record.js';

function ratingsSinks(): { sinks: FastSink[]; ints: Int32Array; rating: Float32Array; ts: BigInt64Array } {
  const ints = new Int32Array(4);
  const rating = new Float32Array(2);
  const ts = new BigInt64Array(2);
  const sinks: FastSink[] = [
    { kind: FastKind.int32, words: ints.subarray(0, 2), valid: undefined },
    { kind: FastKind.int32, words: ints.subarray(2, 4), valid: undefined },
    { kind: FastKind.float, words: rating, valid: undefined },
    { kind: FastKind.int64, words: new Int32Array(ts.buffer), valid: undefined },
  ];
  return { sinks, ints, rating, ts };
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('fastRecord', () => {
  it('parses a plain numeric record and returns the position after its line ending', () => {
    const { sinks, ints, rating, ts } = ratingsSinks();
    const buf = bytes('7,-2175,3.5,1132919301\r\n1,2,0.5,-5000000000\n');
    const next = fastRecord(buf, 0, buf.length, sinks, 0);
    expect(next).toBe(24);
    expect(fastRecord(buf, next, buf.length, sinks, 1)).toBe(buf.length);
    expect([...ints]).toEqual([7, 1, -2175, 2]);
    expect([...rating]).toEqual([3.5, 0.5]);
    expect([...ts]).toEqual([1132919301n, -5000000000n]);
  });

  it.each([
    ['an exponent', '1,2,3e0,4\n'],
    ['a quoted field', '"1",2,3,4\n'],
    ['an int32 overflow', '3000000000,2,3,4\n'],
    ['a decimal in an int column', '1.5,2,3,4\n'],
    ['too few fields', '1,2,3\n'],
    ['too many fields', '1,2,3,4,5\n'],
    ['an empty field', '1,,3,4\n'],
    ['a bare carriage return', '1,2,3,4\r5\n'],
    ['more than 15 digits', '1,2,3,1234567890123456\n'],
    ['a plus sign', '+1,2,3,4\n'],
  ])('declines %s', (_, text) => {
    const { sinks } = ratingsSinks();
    const buf = bytes(text);
    expect(fastRecord(buf, 0, buf.length, sinks, 0)).toBe(-1);
  });

  it('declines string columns', () => {
    const buf = bytes('abc\n');
    expect(
      fastRecord(buf, 0, buf.length, [{ kind: FastKind.none, words: undefined, valid: undefined }], 0),
    ).toBe(-1);
  });
});
