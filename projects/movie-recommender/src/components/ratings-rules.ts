// MovieLens value rules for ratings, in one place: `csv-to-parquet` applies them at the door (the first
// broken rule fails the conversion with its CSV line) and `qa` counts every broken rule in the stored splits.
import type { ColumnChunk, RowProblem } from '@capstone/sdk/io';

/** Half stars from 0.5 to 5.0, the only ratings MovieLens has. */
export const RATING_VALUES = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5] as const;
/** MovieLens started collecting ratings in 1995 (ml-25m's first is 1995-01-09). */
export const ERA_START = Date.UTC(1995, 0, 1) / 1000;

export const RATINGS_RULES = ['userId', 'movieId', 'rating', 'timestamp'] as const;
export type RatingsRule = (typeof RATINGS_RULES)[number];

/** How many rows break one rule, and the first of them (row index within the counted table). */
export interface RuleTally {
  count: number;
  firstRow: number;
  firstValue: string;
}
export type RatingsTally = Record<RatingsRule, RuleTally>;

const TWO32 = 2 ** 32;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/** What each rule expects, for messages. */
export function ruleText(rule: RatingsRule, now: number): string {
  switch (rule) {
    case 'userId':
    case 'movieId':
      return 'must be a positive id (> 0)';
    case 'rating':
      return 'must be one of 0.5, 1.0, 1.5, …, 5.0 (half stars)';
    case 'timestamp':
      return `must be a time from ${iso(ERA_START)} (${ERA_START}) up to now, ${iso(now)} (${Math.floor(now)})`;
  }
}

export function emptyTally(): RatingsTally {
  const rule = (): RuleTally => ({ count: 0, firstRow: -1, firstValue: '' });
  return { userId: rule(), movieId: rule(), rating: rule(), timestamp: rule() };
}

/**
 * Counts, per rule, the rows of one row group that break it (`base` numbers the rows within the whole
 * table). Columns are found by name; `now` is in epoch seconds.
 */
export function tallyRatings(
  columns: readonly ColumnChunk[],
  now: number,
  tally: RatingsTally,
  base = 0,
): void {
  const column = (name: string) => columns.find((c) => c.spec.name === name)?.values;
  const note = (rule: RatingsRule, row: number, value: string) => {
    const t = tally[rule];
    if (t.count++ === 0) {
      t.firstRow = base + row;
      t.firstValue = value;
    }
  };
  for (const id of ['userId', 'movieId'] as const) {
    const values = column(id) as Int32Array;
    for (let i = 0; i < values.length; i++) if (values[i]! <= 0) note(id, i, String(values[i]));
  }
  const ratings = column('rating') as Float32Array;
  for (let i = 0; i < ratings.length; i++) {
    const twice = ratings[i]! * 2;
    // NaN fails every comparison; within [1, 10] a whole number is its own int32.
    if (!(twice >= 1 && twice <= 10 && (twice | 0) === twice)) note('rating', i, String(ratings[i]));
  }
  const stamps = column('timestamp') as BigInt64Array;
  const halves = new Int32Array(stamps.buffer, stamps.byteOffset, stamps.length * 2);
  for (let i = 0; i < stamps.length; i++) {
    const seconds = halves[2 * i + 1]! * TWO32 + (halves[2 * i]! >>> 0);
    if (!(seconds >= ERA_START && seconds <= now)) note('timestamp', i, String(stamps[i]));
  }
}

/** The door's check: the earliest row of a row group that breaks a rule, for `csvToParquet`'s `checkRows`. */
export function firstRatingsProblem(columns: readonly ColumnChunk[], now: number): RowProblem | undefined {
  const tally = emptyTally();
  tallyRatings(columns, now, tally);
  const broken = RATINGS_RULES.filter((r) => tally[r].count > 0);
  if (broken.length === 0) return undefined;
  const rule = broken.reduce((a, b) => (tally[b].firstRow < tally[a].firstRow ? b : a));
  return {
    row: tally[rule].firstRow,
    column: rule,
    reason: ruleText(rule, now),
    value: tally[rule].firstValue,
  };
}
