import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunResult } from '@capstone/sdk/local';
import { makeZip, startE2eHarness, type E2eHarness } from '@capstone/sdk/testing';
import { ratingsCsvChunks } from '../src/samples/generate-ratings.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const RATINGS = Buffer.concat([...ratingsCsvChunks({ rows: 300, seed: 11 })]).toString('latin1');
const RATING_LINES = RATINGS.trimEnd().split('\n');
const MOVIES = 'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n2,"Heat, The (1995)",Crime\n';

/** ratings.csv with line 3 (the second data row) replaced. */
const withLine3 = (line: string) =>
  [...RATING_LINES.slice(0, 2), line, ...RATING_LINES.slice(3)].join('\n') + '\n';
const [user, movie, , stamp] = RATING_LINES[2]!.split(',');

interface BadInput {
  readonly name: string;
  readonly ratings?: string | Buffer;
  readonly movies?: string | Buffer;
  readonly task: 'convert-ratings' | 'convert-movies';
  /** What the task's log must say: file, line, what was expected and the value. */
  readonly message: string | RegExp;
}

const BAD: readonly BadInput[] = [
  {
    name: 'a Latin-1 movies.csv',
    movies: Buffer.from(`${MOVIES}3,Amélie (2001),Comedy|Romance\n`, 'latin1'),
    task: 'convert-movies',
    message:
      /ml-25m\/movies\.csv:4: column title is not valid UTF-8 \(byte 0xe9 at offset 2 of the value; is the file Latin-1 or Windows-1252\? convert it to UTF-8\): "Am\ufffdlie \(2001\)"/,
  },
  {
    name: 'a header-only ratings.csv',
    ratings: 'userId,movieId,rating,timestamp\n',
    task: 'convert-ratings',
    message: 'ml-25m/ratings.csv: no data rows after the header (line 1); expected at least one row',
  },
  {
    name: 'an empty ratings.csv',
    ratings: '',
    task: 'convert-ratings',
    message: 'ml-25m/ratings.csv: the file is empty; expected a header row "userId,movieId,rating,timestamp"',
  },
  {
    name: 'a NaN rating',
    ratings: withLine3(`${user},${movie},NaN,${stamp}`),
    task: 'convert-ratings',
    message: 'ml-25m/ratings.csv:3: column rating must be one of 0.5, 1.0, 1.5, …, 5.0 (half stars): "NaN"',
  },
  {
    name: 'an empty rating',
    ratings: withLine3(`${user},${movie},,${stamp}`),
    task: 'convert-ratings',
    message: `ml-25m/ratings.csv:3: column rating (float) got an empty field: "${user},${movie},,${stamp}"`,
  },
  {
    name: 'an out-of-range rating',
    ratings: withLine3(`${user},${movie},5.5,${stamp}`),
    task: 'convert-ratings',
    message: 'ml-25m/ratings.csv:3: column rating must be one of 0.5, 1.0, 1.5, …, 5.0 (half stars): "5.5"',
  },
  {
    name: 'a zero userId',
    ratings: withLine3(`0,${movie},4.0,${stamp}`),
    task: 'convert-ratings',
    message: 'ml-25m/ratings.csv:3: column userId must be a positive id (> 0): "0"',
  },
  {
    name: 'a timestamp in the future',
    ratings: withLine3(`${user},${movie},4.0,4102444800`),
    task: 'convert-ratings',
    message:
      /ml-25m\/ratings\.csv:3: column timestamp must be a time from 1995-01-01 \(788918400\) up to now, .*: "4102444800"/,
  },
  {
    name: 'a wrong header',
    ratings: RATINGS.replace('userId,movieId', 'user_id,item_id'),
    task: 'convert-ratings',
    message:
      'ml-25m/ratings.csv:1: header "user_id,item_id,rating,timestamp" does not match the schema; expected "userId,movieId,rating,timestamp"',
  },
  {
    name: 'a duplicated header row',
    ratings: `${RATING_LINES[0]}\n${RATINGS}`,
    task: 'convert-ratings',
    message: 'ml-25m/ratings.csv:2: column userId (int32) got "userId": "userId,movieId,rating,timestamp"',
  },
  {
    name: 'a header naming a column twice',
    ratings: RATINGS.replace('userId,movieId,rating,timestamp', 'userId,movieId,rating,rating'),
    task: 'convert-ratings',
    message: 'ml-25m/ratings.csv:1: header names column "rating" twice: "userId,movieId,rating,rating"',
  },
  {
    name: 'a row with a missing field',
    ratings: withLine3(`${user},${movie},4.0`),
    task: 'convert-ratings',
    message: `ml-25m/ratings.csv:3: expected 4 fields, found 3: "${user},${movie},4.0"`,
  },
  {
    name: 'a row with an extra field',
    ratings: withLine3(`${user},${movie},4.0,${stamp},7`),
    task: 'convert-ratings',
    message: `ml-25m/ratings.csv:3: expected 4 fields, found more: "${user},${movie},4.0,${stamp},7"`,
  },
];

describe('movie-recommender input validation at the door', () => {
  let harness: E2eHarness;
  let baseline: string[];

  /** Every object of the bucket: key, size and SHA-256 of its bytes. */
  const snapshot = async () =>
    Promise.all(
      (await harness.store.list(harness.bucket)).map(async (o) => {
        const bytes = await harness.store.getBytes(harness.bucket, o.key);
        return `${o.key} ${o.size} ${createHash('sha256').update(bytes).digest('hex')}`;
      }),
    );
  const serve = async (name: string, ratings: string | Buffer, movies: string | Buffer) => {
    const zip = join(harness.dir, `${name}.zip`);
    await makeZip(zip, [
      { path: 'ml-25m/' },
      { path: 'ml-25m/ratings.csv', content: ratings },
      { path: 'ml-25m/movies.csv', content: movies },
    ]);
    return harness.server.route(`/${name}/ml-25m.zip`, { body: { file: zip } });
  };
  const run = async (name: string, ratings: string | Buffer, movies: string | Buffer): Promise<RunResult> =>
    harness.run('movie-recommender', { url: await serve(name, ratings, movies) });

  beforeAll(async () => {
    harness = await startE2eHarness({ root, prefix: 'mr-door', env: {} });
    const good = await run('good', RATINGS, MOVIES);
    expect(good.failures).toEqual([]);
    baseline = await snapshot();
    expect(baseline.filter((line) => !line.startsWith('ml-25m/_'))).toHaveLength(4);
  }, 300_000);
  afterAll(async () => harness?.close());

  it.each(BAD.map((bad, i) => [bad.name, bad, i] as const))(
    'refuses %s with file, line and value, exits non-zero, and leaves the bucket as it was',
    async (_name, bad, i) => {
      const result = await run(`bad-${i}`, bad.ratings ?? RATINGS, bad.movies ?? MOVIES);
      expect(result.status).toBe('failed');
      expect(result.failures.map((f) => f.task)).toEqual([bad.task]);
      const log = result.failures[0]!.logTail.join('\n');
      if (typeof bad.message === 'string') expect(log).toContain(bad.message);
      else expect(log).toMatch(bad.message);
      for (const task of ['upload-movies', 'upload-splits', 'qa', 'publish'])
        expect(result.tasks[task]?.status).toBe('skipped');
      expect(await snapshot()).toEqual(baseline);
    },
  );
});
