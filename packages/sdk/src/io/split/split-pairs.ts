// A pair-preserving split of (image, label) files matched by stem, never by list position.
import { basename, extname } from 'node:path';
import { DEFAULT_FRACTIONS, seededPermutation, splitSizes } from './seeded-shuffle.js';
import type { SplitFractions } from './seeded-shuffle.js';

export const IMAGE_EXTENSIONS = ['.tif', '.tiff', '.png', '.jpg', '.jpeg', '.bmp'] as const;
export const LABEL_EXTENSION = '.txt';

export interface PairSplit {
  readonly x_train: string[];
  readonly y_train: string[];
  readonly x_val: string[];
  readonly y_val: string[];
  readonly x_test: string[];
  readonly y_test: string[];
  /** Images without a label, labels without an image, and files of other kinds; sorted. */
  readonly unmatched: string[];
}

export interface SplitPairsOptions {
  readonly seed: number | string;
  readonly fractions?: SplitFractions;
}

interface Pair {
  readonly stem: string;
  readonly image: string;
  readonly label: string;
}

/** Matches files by stem; a stem with two images or two labels is reported as unmatched. */
export function matchPairs(files: readonly string[]): { pairs: Pair[]; unmatched: string[] } {
  const images = new Map<string, string[]>();
  const labels = new Map<string, string[]>();
  const unmatched: string[] = [];
  for (const file of files) {
    const ext = extname(file);
    const stem = basename(file, ext);
    const lower = ext.toLowerCase();
    const target = (IMAGE_EXTENSIONS as readonly string[]).includes(lower)
      ? images
      : lower === LABEL_EXTENSION
        ? labels
        : undefined;
    if (!target) unmatched.push(file);
    else target.set(stem, [...(target.get(stem) ?? []), file]);
  }
  const pairs: Pair[] = [];
  for (const [stem, imgs] of images) {
    const lbls = labels.get(stem) ?? [];
    if (imgs.length === 1 && lbls.length === 1) pairs.push({ stem, image: imgs[0]!, label: lbls[0]! });
    else unmatched.push(...imgs, ...lbls);
    labels.delete(stem);
  }
  for (const lbls of labels.values()) unmatched.push(...lbls);
  pairs.sort((a, b) => (a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0));
  return { pairs, unmatched: unmatched.sort() };
}

/**
 * Sorts pairs by stem (so listing order never matters), shuffles them with the seeded permutation and
 * cuts with the book's sizes; each list is sorted by stem and `x_*[i]` pairs with `y_*[i]`.
 */
export function splitPairs(files: readonly string[], options: SplitPairsOptions): PairSplit {
  const { pairs, unmatched } = matchPairs(files);
  const sizes = splitSizes(pairs.length, options.fractions ?? DEFAULT_FRACTIONS);
  const perm = seededPermutation(pairs.length, options.seed);
  const take = (from: number, to: number): Pair[] =>
    Array.from(perm.subarray(from, to))
      .sort((a, b) => a - b)
      .map((i) => pairs[i]!);
  const train = take(0, sizes.train);
  const val = take(sizes.train, sizes.train + sizes.val);
  const test = take(sizes.train + sizes.val, pairs.length);
  return {
    x_train: train.map((p) => p.image),
    y_train: train.map((p) => p.label),
    x_val: val.map((p) => p.image),
    y_val: val.map((p) => p.label),
    x_test: test.map((p) => p.image),
    y_test: test.map((p) => p.label),
    unmatched,
  };
}
