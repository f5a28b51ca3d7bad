import { describe, expect, it } from 'vitest';
import { PairKeys, type PairReport } from '../src/components/pair-keys.js';
import { SPLITS, type SplitName } from '../src/components/qa-types.js';

const ids = (...values: number[]) => Int32Array.from(values);

describe('(userId, movieId) pair check', () => {
  it('finds no repeat in sorted splits and counts the pairs', () => {
    const keys = new PairKeys();
    for (const [split, rows] of [
      ['train', 3],
      ['val', 2],
      ['test', 1],
    ] as const)
      keys.reserve(split, rows);
    keys.add('train', ids(1, 1, 2), ids(5, 9, 1));
    keys.add('val', ids(1, 3), ids(7, 1));
    keys.add('test', ids(2), ids(2));
    expect(keys.report()).toEqual({ pairs: 6, repeats: 0, examples: [] });
  });

  it('sorts unsorted splits and names pairs repeated across and within splits', () => {
    const keys = new PairKeys();
    for (const split of SPLITS) keys.reserve(split, 2);
    // Row groups arrive in any order; the arrays grow past the footer's row counts when needed.
    keys.add('train', ids(9, 2), ids(1, 8));
    keys.add('train', ids(4, 2147483647), ids(4, 2147483647));
    keys.add('val', ids(4, 3), ids(4, 3));
    keys.add('test', ids(3, 7, 3), ids(3, 7, 3));
    expect(keys.report()).toEqual({
      pairs: 6,
      repeats: 3,
      examples: [
        { userId: 3, movieId: 3, splits: ['val', 'test', 'test'] },
        { userId: 4, movieId: 4, splits: ['train', 'val'] },
      ],
    });
  });

  it('tells pairs apart that share a user or a movie, and keeps up to the example limit', () => {
    const n = 50;
    const keys = new PairKeys(4);
    const users = Int32Array.from({ length: n }, (_, i) => n - i);
    const movies = Int32Array.from({ length: n }, (_, i) => i % 3);
    keys.add('train', users, movies);
    keys.add('val', users, movies);
    const report = keys.report();
    expect(report).toMatchObject({ pairs: n, repeats: n });
    expect(report.examples).toHaveLength(4);
    expect(report.examples[0]).toEqual({ userId: 1, movieId: 49 % 3, splits: ['train', 'val'] });
  });

  it('streams the largest split: same report as keeping it, for sorted keys with repeats anywhere', () => {
    const rows = randomSplits(20_000, 11, { repeats: 40, sorted: true });
    const expected = reference(rows);
    expect(expected.repeats).toBeGreaterThan(30);
    for (const stream of SPLITS) {
      expect(streamedReport(rows, stream, 1_000), stream).toEqual(expected);
      expect(keptReport(rows), stream).toEqual(expected);
    }
  });

  it('refuses a streamed split whose keys arrive out of order; adding them instead gives the full report', () => {
    const rows = randomSplits(5_000, 5, { repeats: 10, sorted: false });
    const keys = new PairKeys();
    keys.add('val', ...columns(rows.val));
    keys.add('test', ...columns(rows.test));
    const groups = chunks(rows.train, 700);
    const accepted = groups.map((g) => keys.stream('train', ...columns(g)));
    expect(accepted).toContain(false);
    expect(accepted.lastIndexOf(true)).toBeLessThan(accepted.indexOf(false));
    expect(() => keys.report()).toThrow(/train was refused and not added/);
    for (const g of groups) keys.add('train', ...columns(g));
    expect(keys.report()).toEqual(reference(rows));
  });

  it('finds a repeat at a row-group boundary of the streamed split, and ids at the unsigned extremes', () => {
    const keys = new PairKeys();
    keys.add('val', ids(-1), ids(-1));
    keys.add('test', ids(0), ids(0));
    expect(keys.stream('train', ids(0, 5), ids(0, 2))).toBe(true);
    expect(keys.stream('train', ids(5, 2147483647, -1), ids(2, 1, -1))).toBe(true);
    expect(keys.report()).toEqual({
      pairs: 4,
      repeats: 3,
      examples: [
        { userId: 0, movieId: 0, splits: ['train', 'test'] },
        { userId: 5, movieId: 2, splits: ['train', 'train'] },
        { userId: -1, movieId: -1, splits: ['train', 'val'] },
      ],
    });
  });
});

type Row = readonly [user: number, movie: number];
type Rows = Record<SplitName, Row[]>;

/** Rows dealt to the splits at random (75/15/10); `repeats` rows copy an earlier row's pair. */
function randomSplits(n: number, seed: number, options: { repeats: number; sorted: boolean }): Rows {
  let s = seed;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const all: Row[] = Array.from({ length: n }, () => [
    1 + Math.floor(next() * 300),
    1 + Math.floor(next() * 2_000),
  ]);
  for (let r = 0; r < options.repeats; r++) all[Math.floor(next() * n)] = all[Math.floor(next() * n)]!;
  if (options.sorted) all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const rows: Rows = { train: [], val: [], test: [] };
  for (const row of all) {
    const p = next();
    rows[p < 0.75 ? 'train' : p < 0.9 ? 'val' : 'test'].push(row);
  }
  return rows;
}

/** The report by definition: pairs counted in a Map, examples in key order. */
function reference(rows: Rows, limit = 5): PairReport {
  const seen = new Map<string, SplitName[]>();
  for (const split of SPLITS)
    for (const [u, m] of rows[split]) {
      const key = `${u >>> 0}:${m >>> 0}`;
      seen.set(key, [...(seen.get(key) ?? []), split]);
    }
  const total = SPLITS.reduce((t, s) => t + rows[s].length, 0);
  const examples = [...seen]
    .filter(([, splits]) => splits.length > 1)
    .map(([key, splits]) => {
      const [u, m] = key.split(':').map(Number) as [number, number];
      return { userId: u | 0, movieId: m | 0, splits, order: u * 2 ** 32 + m };
    })
    .sort((a, b) => a.order - b.order)
    .slice(0, limit)
    .map(({ order: _, ...e }) => ({
      ...e,
      splits: [...e.splits].sort((a, b) => SPLITS.indexOf(a) - SPLITS.indexOf(b)),
    }));
  return { pairs: seen.size, repeats: total - seen.size, examples };
}

const columns = (rows: readonly Row[]): [Int32Array, Int32Array] => [
  Int32Array.from(rows, (r) => r[0]),
  Int32Array.from(rows, (r) => r[1]),
];
const chunks = (rows: readonly Row[], size: number): Row[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

function streamedReport(rows: Rows, stream: SplitName, groupRows: number): PairReport {
  const keys = new PairKeys();
  for (const s of SPLITS)
    if (s !== stream) for (const g of chunks(rows[s], groupRows)) keys.add(s, ...columns(g));
  for (const g of chunks(rows[stream], groupRows)) expect(keys.stream(stream, ...columns(g))).toBe(true);
  return keys.report();
}

function keptReport(rows: Rows): PairReport {
  const keys = new PairKeys();
  for (const s of [...SPLITS].reverse()) keys.add(s, ...columns([...rows[s]].reverse()));
  return keys.report();
}
