// Deterministic permutations and the book's split arithmetic.
//
// Algorithm (stable across platforms and Node versions): seedrandom's Alea generator seeded with
// String(randomState); a Fisher–Yates shuffle of [0, n) that, for i = n−1 down to 1, swaps i with
// j = floor(alea() · (i + 1)). Alea works on IEEE doubles only, so every platform draws the same
// sequence. This does not reproduce numpy's permutation (sklearn's); it reproduces itself.
import seedrandom from 'seedrandom';
import { SplitError } from './table-errors.js';

export interface SplitFractions {
  readonly train: number;
  readonly val: number;
  readonly test: number;
}

export interface SplitSizes {
  readonly train: number;
  readonly val: number;
  readonly test: number;
}

export const DEFAULT_FRACTIONS: SplitFractions = { train: 0.75, val: 0.15, test: 0.1 };

/** Split labels stored per row. */
export const SplitLabel = { train: 0, val: 1, test: 2 } as const;
export type SplitLabel = (typeof SplitLabel)[keyof typeof SplitLabel];
export const SPLIT_NAMES = ['train', 'val', 'test'] as const;

/** Rounds away float noise such as 0.1 / 0.25 = 0.4000000000000001. */
const clean = (x: number): number => Math.round(x * 1e12) / 1e12;

/**
 * sklearn's `train_test_split` arithmetic applied twice, as the book does: holdout =
 * ceil((1 − train)·n), train = n − holdout; then test = ceil(test/(val+test) · holdout), val = the rest.
 */
export function splitSizes(n: number, fractions: SplitFractions = DEFAULT_FRACTIONS): SplitSizes {
  const { train, val, test } = fractions;
  if (!Number.isInteger(n) || n < 0) throw new SplitError('row count must be a non-negative integer', n);
  if ([train, val, test].some((f) => !(f >= 0 && f <= 1)) || Math.abs(train + val + test - 1) > 1e-9) {
    throw new SplitError('fractions must be in [0, 1] and sum to 1', fractions);
  }
  const holdout = Math.ceil(clean(clean(1 - train) * n));
  const testShare = val + test === 0 ? 0 : clean(test / (val + test));
  const testSize = Math.ceil(clean(testShare * holdout));
  return { train: n - holdout, val: holdout - testSize, test: testSize };
}

/** A seeded Fisher–Yates permutation of [0, n). */
export function seededPermutation(n: number, randomState: number | string): Uint32Array {
  const random = seedrandom.alea(String(randomState));
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm;
}

/** Per-row split label: the first `train` positions of the permutation are train, then val, then test. */
export function assignSplits(n: number, sizes: SplitSizes, randomState: number | string): Uint8Array {
  const perm = seededPermutation(n, randomState);
  const labels = new Uint8Array(n);
  const valEnd = sizes.train + sizes.val;
  for (let i = sizes.train; i < n; i++) labels[perm[i]!] = i < valEnd ? SplitLabel.val : SplitLabel.test;
  return labels;
}
