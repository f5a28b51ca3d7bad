import { describe, expect, it } from 'vitest';
import { decodeDeltaInt64, encodeDeltaBinaryPacked } from './delta-binary-packed.js';

const roundTrip = (values: readonly number[]): number[] => {
  const bytes = encodeDeltaBinaryPacked(values);
  expect(bytes).toBeDefined();
  const { values: out, end } = decodeDeltaInt64(bytes!);
  expect(end).toBe(bytes!.length);
  return [...out].map(Number);
};

describe('DELTA_BINARY_PACKED', () => {
  it.each([0, 1, 2, 31, 32, 33, 127, 128, 129, 1000])('round-trips %i mixed values', (n) => {
    const values = Array.from(
      { length: n },
      (_, i) => ((i * 7919) % 1000) - 500 + (i % 3 === 0 ? 2 ** 29 : -(2 ** 29)),
    );
    expect(roundTrip(values)).toEqual(values);
  });

  it('round-trips sorted ids, constants and epoch seconds beyond 32 bits', () => {
    const sorted = Array.from({ length: 300 }, (_, i) => Math.floor(i / 7) + 1);
    expect(roundTrip(sorted)).toEqual(sorted);
    expect(roundTrip(Array(200).fill(42))).toEqual(Array(200).fill(42));
    const big = Array.from({ length: 150 }, (_, i) => 2 ** 40 + i * 1_000_003 - (i % 2) * 1_500_000_000);
    expect(roundTrip(big)).toEqual(big);
  });

  it('refuses a block whose delta range needs more than 32 bits', () => {
    expect(encodeDeltaBinaryPacked([0, 2 ** 40, 0])).toBeUndefined();
  });
});
