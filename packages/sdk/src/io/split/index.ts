// Seeded 75/15/10 splits of Parquet tables and of (image, label) pairs.
export { DEFAULT_SPLIT_NAMES, splitParquet } from './split-table.js';
export type { SplitParquetOptions, SplitParquetResult } from './split-table.js';
export { IMAGE_EXTENSIONS, LABEL_EXTENSION, matchPairs, splitPairs } from './split-pairs.js';
export type { PairSplit, SplitPairsOptions } from './split-pairs.js';
export {
  DEFAULT_FRACTIONS,
  SPLIT_NAMES,
  SplitLabel,
  assignSplits,
  seededPermutation,
  splitSizes,
} from './seeded-shuffle.js';
export type { SplitFractions, SplitName, SplitSizes } from './seeded-shuffle.js';
