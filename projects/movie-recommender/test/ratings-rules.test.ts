import type { ColumnChunk } from '@capstone/sdk/io';
import { describe, expect, it } from 'vitest';
import { emptyTally, ERA_START, tallyRatings } from '../src/components/ratings-rules.js';

function group(users: number[], movies: number[], ratings: number[], stamps: bigint[]): ColumnChunk[] {
  const chunk = (name: string, type: 'int32' | 'float' | 'int64', values: ColumnChunk['values']) => ({
    spec: { name, type },
    length: values!.length,
    values,
    nullCount: 0,
  });
  return [
    chunk('userId', 'int32', Int32Array.from(users)),
    chunk('movieId', 'int32', Int32Array.from(movies)),
    chunk('rating', 'float', Float32Array.from(ratings)),
    chunk('timestamp', 'int64', BigInt64Array.from(stamps)),
  ];
}

describe('tallyRatings', () => {
  const now = ERA_START + 1000;
  it('accepts every half star and the era bounds', () => {
    const ratings = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];
    const tally = emptyTally();
    tallyRatings(
      group(
        ratings.map(() => 1),
        ratings.map(() => 2_147_483_647),
        ratings,
        ratings.map((_, i) => BigInt(i % 2 ? ERA_START : now)),
      ),
      now,
      tally,
    );
    expect(Object.values(tally).map((t) => t.count)).toEqual([0, 0, 0, 0]);
  });

  it('counts each broken rule with its first row, for values just outside and far outside', () => {
    const bad = [0, 0.25, 2.25, 5.5, 10, -0.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 4.75];
    const tally = emptyTally();
    tallyRatings(
      group(
        [5, 0, -1, -2_147_483_648, 3, 3, 3, 3, 3, 3],
        [1, 1, 1, 1, 1, 1, 1, 0, 1, 1],
        bad,
        [ERA_START - 1, now + 1, -1, 2n ** 62n, 0, 1, 1, 1, 1, BigInt(ERA_START)].map(BigInt),
      ),
      now,
      tally,
      100,
    );
    expect(tally.userId).toEqual({ count: 3, firstRow: 101, firstValue: '0' });
    expect(tally.movieId).toEqual({ count: 1, firstRow: 107, firstValue: '0' });
    expect(tally.rating).toEqual({ count: 10, firstRow: 100, firstValue: '0' });
    expect(tally.timestamp.count).toBe(9);
    expect(tally.timestamp.firstValue).toBe(String(ERA_START - 1));
  });
});
