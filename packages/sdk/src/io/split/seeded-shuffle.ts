// Deterministic permutations and the book's split arithmetic.
//
// Algorithm (stable across platforms and Node versions): seedrandom's Alea generator seeded with
// String(randomState); a Fisher–Yates shuffle of [0, n) that, for i = n−1 down to 1, swaps i with
// j = floor(alea() · (i + 1)). Alea works on IEEE doubles only, so every platform draws the same
// sequence. This does not reproduce numpy's permutation (sklearn's); it reproduces itself.
import seedrandom from 'seedrandom';
import { SplitError } from '../table/table-errors.js';

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
/** One of the three splits. */
export type SplitName = (typeof SPLIT_NAMES)[number];

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

/** Alea's state after seeding (seedrandom computes it; the draws below replay its `next()`). */
interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

/**
 * A seeded Fisher–Yates permutation of [0, n). Alea's step is inlined on local doubles (the same
 * IEEE operations as seedrandom's `next()`, so the same sequence), without a closure call per draw.
 */
export function seededPermutation(n: number, randomState: number | string): Uint32Array {
  return shuffleTail(n, randomState, 1);
}

/**
 * The Fisher–Yates steps i = n−1 down to `stop` only. Step i fixes position i for good (later swaps
 * only touch j ≤ i' < i), so positions [stop, n) equal those of the full permutation.
 */
function shuffleTail(n: number, randomState: number | string, stop: number): Uint32Array {
  const seeded = seedrandom.alea(String(randomState), { state: true }) as unknown as {
    state(): AleaState;
  };
  let { c, s0, s1, s2 } = seeded.state();
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  // In batches: the draws first, then a read of every position they pick (independent loads the CPU
  // overlaps: the swaps' cache misses, most of this function's time at 25 M rows, are then paid in
  // parallel), then the swaps in order. The same draws and swaps as one step at a time.
  const picks = new Int32Array(SHUFFLE_BATCH);
  const low = Math.max(stop, 1);
  for (let top = n - 1; top >= low; top -= SHUFFLE_BATCH) {
    const count = Math.min(SHUFFLE_BATCH, top - low + 1);
    for (let k = 0; k < count; k++) {
      const t = 2091639 * s0 + c * 2.3283064365386963e-10;
      s0 = s1;
      s1 = s2;
      c = t | 0;
      s2 = t - c;
      picks[k] = Math.floor(s2 * (top - k + 1));
    }
    let touched = 0;
    for (let k = 0; k < count; k++) touched ^= perm[picks[k]!]!;
    _prefetchSink ^= touched;
    for (let k = 0; k < count; k++) {
      const i = top - k;
      const j = picks[k]!;
      const v = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = v;
    }
  }
  return perm;
}

const SHUFFLE_BATCH = 16;
/** Keeps the batch's reads from being optimised away. */
let _prefetchSink = 0;

/** Per-row split label: the first `train` positions of the permutation are train, then val, then test. */
export function assignSplits(n: number, sizes: SplitSizes, randomState: number | string): Uint8Array {
  // Only positions [train, n) decide labels: a quarter of the shuffle's random memory accesses.
  const perm = shuffleTail(n, randomState, sizes.train);
  const labels = new Uint8Array(n);
  const valEnd = sizes.train + sizes.val;
  for (let i = sizes.train; i < n; i++) labels[perm[i]!] = i < valEnd ? SplitLabel.val : SplitLabel.test;
  return labels;
}
