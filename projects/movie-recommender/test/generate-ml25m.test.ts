import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractZipEntries, listZipEntries } from '@capstone/sdk/io';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  md5File,
  ML25M_ENTRY_ORDER,
  writeMl25mZip,
  type Ml25mSample,
} from '../src/samples/generate-ml25m.js';

/** Compression method of each central-directory record, in order. */
function zipMethods(zip: Buffer): number[] {
  const methods: number[] = [];
  for (let at = zip.indexOf('PK\x01\x02'); at >= 0; at = zip.indexOf('PK\x01\x02', at + 46)) {
    methods.push(zip.readUInt16LE(at + 10));
  }
  return methods;
}

describe('generated ml-25m.zip', () => {
  let dir: string;
  let sample: Ml25mSample;
  let ratings: string[];
  let movies: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mr-gen-'));
    sample = await writeMl25mZip(join(dir, 'ml-25m.zip'), { ratings: 5_000, movies: 400 });
    await extractZipEntries(sample.path, {
      'ml-25m/ratings.csv': join(dir, 'ratings.csv'),
      'ml-25m/movies.csv': join(dir, 'movies.csv'),
    });
    ratings = (await readFile(join(dir, 'ratings.csv'), 'utf8')).trimEnd().split('\n');
    movies = await readFile(join(dir, 'movies.csv'), 'utf8');
  }, 60_000);

  it('has the seven entries in the real order, directory first, deflated', async () => {
    expect(await listZipEntries(sample.path)).toEqual([...ML25M_ENTRY_ORDER]);
    expect(zipMethods(await readFile(sample.path))).toEqual([0, 8, 8, 8, 8, 8, 8, 8]);
  });

  it('writes a GNU-style MD5 sidecar that matches the archive', async () => {
    expect(await readFile(sample.md5Path, 'utf8')).toBe(`${sample.md5}  ml-25m.zip\n`);
    expect(await md5File(sample.path)).toBe(sample.md5);
  });

  it('writes ratings with the real header, sorted by userId then movieId, half-star ratings', () => {
    expect(ratings[0]).toBe('userId,movieId,rating,timestamp');
    expect(ratings).toHaveLength(1 + 5_000);
    const rows = ratings.slice(1).map((line) => line.split(','));
    for (let i = 1; i < rows.length; i++) {
      const [u0, m0] = rows[i - 1]!.map(Number);
      const [u1, m1] = rows[i]!.map(Number);
      expect(u1! > u0! || (u1 === u0 && m1! > m0!)).toBe(true);
    }
    expect(new Set(rows.map((r) => r[2]))).toEqual(
      new Set(['0.5', '1.0', '1.5', '2.0', '2.5', '3.0', '3.5', '4.0', '4.5', '5.0']),
    );
  });

  it('writes movies with quoted commas, doubled quotes, unicode and (no genres listed)', () => {
    expect(movies.startsWith('movieId,title,genres\n')).toBe(true);
    expect(movies.trimEnd().split('\n')).toHaveLength(1 + 400);
    expect(movies).toMatch(/^\d+,"[^"\n]*, The \(\d{4}\)",/m);
    expect(movies).toMatch(/^\d+,"[^\n]*""[A-Za-z]+""[^\n]*",/m);
    expect(movies).toMatch(/\P{ASCII}/u);
    expect(movies).toContain(',(no genres listed)\n');
  });

  it('gives the same bytes for the same options', async () => {
    const again = await writeMl25mZip(join(dir, 'again.zip'), { ratings: 5_000, movies: 400 });
    expect(again.md5).toBe(sample.md5);
  });
});
