import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { assignSplits, seededPermutation, splitSizes, SplitLabel } from './seeded-shuffle.js';

/** The plain definition: seedrandom's Alea called once per Fisher–Yates step. */
function referencePermutation(n: number, seed: number | string): Uint32Array {
  const random = seedrandom.alea(String(seed));
  const perm = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  return perm;
}

describe('seededPermutation (inlined Alea)', () => {
  it.each([
    [1, 42],
    [2, 0],
    [10_007, 42],
    [50_000, 'book'],
  ] as const)('equals the per-call seedrandom shuffle for n=%i seed=%s', (n, seed) => {
    expect(seededPermutation(n, seed)).toEqual(referencePermutation(n, seed));
  });
});

describe('assignSplits (partial shuffle)', () => {
  it.each([
    [10_007, 42],
    [4, 7],
  ] as const)('labels rows as the full permutation does for n=%i', (n, seed) => {
    const sizes = splitSizes(n);
    const perm = referencePermutation(n, seed);
    const expected = new Uint8Array(n);
    for (let i = sizes.train; i < n; i++)
      expected[perm[i]!] = i < sizes.train + sizes.val ? SplitLabel.val : SplitLabel.test;
    expect(assignSplits(n, sizes, seed)).toEqual(expected);
  });
});
