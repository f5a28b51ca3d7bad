import { describe, expect, it } from 'vitest';
import { PairKeys } from '../src/components/pair-keys.js';

const ids = (...values: number[]) => Int32Array.from(values);

describe('(userId, movieId) pair check', () => {
  it('finds no repeat in sorted splits and counts the pairs', () => {
    const keys = new PairKeys({ train: 3, val: 2, test: 1 });
    keys.add('train', ids(1, 1, 2), ids(5, 9, 1));
    keys.add('val', ids(1, 3), ids(7, 1));
    keys.add('test', ids(2), ids(2));
    expect(keys.report()).toEqual({ pairs: 6, repeats: 0, examples: [] });
  });

  it('sorts unsorted splits and names pairs repeated across and within splits', () => {
    const keys = new PairKeys({ train: 2, val: 2, test: 2 });
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
    const keys = new PairKeys({ train: n, val: n, test: 0 });
    const users = Int32Array.from({ length: n }, (_, i) => n - i);
    const movies = Int32Array.from({ length: n }, (_, i) => i % 3);
    keys.add('train', users, movies);
    keys.add('val', users, movies);
    const report = keys.report(4);
    expect(report).toMatchObject({ pairs: n, repeats: n });
    expect(report.examples).toHaveLength(4);
    expect(report.examples[0]).toEqual({ userId: 1, movieId: 49 % 3, splits: ['train', 'val'] });
  });
});
