import { describe, expect, it } from 'vitest';
import { generateMovies, moviesCsv } from '../src/samples/generate-movies.js';
import { RATINGS_HEADER, ratingsCsvChunks } from '../src/samples/generate-ratings.js';

const text = (rows: number, seed?: number): string =>
  Buffer.concat([...ratingsCsvChunks({ rows, seed, chunkBytes: 4096 })]).toString();

describe('generated ratings.csv', () => {
  it('has the MovieLens format: header, sorted keys, half stars, 1995–2019 epoch seconds', () => {
    const csv = text(20_000);
    expect(csv.startsWith(RATINGS_HEADER)).toBe(true);
    const rows = csv.trim().split('\n').slice(1);
    expect(rows).toHaveLength(20_000);
    const lo = Date.UTC(1995, 0, 1) / 1000;
    const hi = Date.UTC(2020, 0, 1) / 1000;
    let prev = [0, 0];
    const bad = rows.filter((row) => {
      const [user, movie, rating, ts] = row.split(',');
      const key = [Number(user), Number(movie)];
      const sorted = key[0]! > prev[0]! || (key[0] === prev[0] && key[1]! > prev[1]!);
      prev = key;
      return !sorted || !/^(0\.5|[1-4]\.[05]|5\.0)$/.test(rating!) || !(Number(ts) >= lo && Number(ts) < hi);
    });
    expect(bad).toEqual([]);
  });

  it('is deterministic per seed', () => {
    expect(text(5000, 1)).toBe(text(5000, 1));
    expect(text(5000, 2)).not.toBe(text(5000, 1));
  });
});

describe('generated movies.csv', () => {
  it('quotes titles with commas and doubles embedded quotes', () => {
    const csv = moviesCsv({ rows: 200 });
    expect(csv).toMatch(/\n\d+,"[^"\n]*, The[^\n]*\(\d{4}\)",/);
    expect(csv).toMatch(/""\w+""/);
    expect(csv).toContain(',(no genres listed)\n');
    expect(generateMovies({ rows: 200 })).toHaveLength(200);
  });
});
