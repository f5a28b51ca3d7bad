import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitSizes, type ObjectStore } from '@capstone/sdk/io';
import type { RunResult } from '@capstone/sdk/local';
import { startE2eHarness, type E2eHarness, type HttpFixtureServer } from '@capstone/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMl25mZip, type Ml25mSample } from './generate-ml25m.js';
import { pyarrowColumns } from './pyarrow-columns.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const RATINGS = 20_000;
const KEYS = ['movies', 'test', 'train', 'val'].map((name) => `ml-25m/${name}.parquet.gzip`);

/** Registers the movie-recommender end-to-end suite against the store the given env selects. */
export function describeMovieRecommenderE2e(label: string, makeEnv: () => Promise<NodeJS.ProcessEnv>): void {
  describe(`movie-recommender pipeline on the local runner (${label})`, () => {
    let harness: E2eHarness;
    let sample: Ml25mSample;
    let store: ObjectStore;
    let bucket: string;
    let server: HttpFixtureServer;
    let url: string;

    beforeAll(async () => {
      harness = await startE2eHarness({ root, prefix: 'mr-e2e', env: await makeEnv() });
      ({ store, bucket, server } = harness);
      sample = await writeMl25mZip(join(harness.dir, 'ml-25m.zip'), { ratings: RATINGS });
      url = server.route('/ml-25m.zip', { body: { file: sample.path } });
      server.route('/ml-25m.zip.md5', { body: { file: sample.md5Path } });
      server.route('/bad/ml-25m.zip', { body: { file: sample.path } });
      server.route('/bad/ml-25m.zip.md5', { body: { bytes: `${'0'.repeat(32)}  ml-25m.zip\n` } });
    }, 180_000);
    afterAll(async () => harness?.close());

    const run = (parameters: Record<string, unknown>): Promise<RunResult> =>
      harness.run('movie-recommender', { url, ...parameters });
    const log = (result: RunResult, task: string) => readFile(join(result.runDir, task, 'log.txt'), 'utf8');

    let first: RunResult;
    it('runs end to end: QA passes on the four objects of the book contract', async () => {
      first = await run({});
      expect(first.failures).toEqual([]);
      expect(first.status).toBe('succeeded');
      expect((await store.list(bucket, 'ml-25m/')).map((o) => o.key)).toEqual(KEYS);
      const report = first.tasks.qa?.artifacts?.report?.path;
      expect(await readFile(report ?? '', 'utf8')).toMatch(/^# ml-25m QA: passed/);
      expect(await log(first, 'download')).toContain(`verified md5 ${sample.md5}`);
      expect(await readFile(first.reportPath, 'utf8')).toContain('ml-25m QA: passed');
    });

    it('converts ratings and movies at the same time, then splits with the exact sizes', () => {
      const ratings = first.tasks['convert-ratings'];
      const movies = first.tasks['convert-movies'];
      const span = (t: typeof ratings) => [Date.parse(t?.startedAt ?? ''), Date.parse(t?.endedAt ?? '')];
      const [rStart, rEnd] = span(ratings);
      const [mStart, mEnd] = span(movies);
      expect(rStart).toBeLessThan(mEnd!);
      expect(mStart).toBeLessThan(rEnd!);
      expect(ratings?.outputParameters.rows).toBe(RATINGS);
      expect(movies?.outputParameters.rows).toBe(sample.movies);
      const sizes = splitSizes(RATINGS);
      expect(first.tasks.split?.outputParameters).toEqual({
        train_rows: sizes.train,
        val_rows: sizes.val,
        test_rows: sizes.test,
      });
    });

    it('writes Parquet that pyarrow reads with exactly the data columns', async (context) => {
      const splitsDir = first.tasks.split?.artifacts?.splits?.path ?? '';
      const movies = first.tasks['convert-movies']?.artifacts?.parquet?.path ?? '';
      const files = ['train', 'val', 'test'].map((s) => join(splitsDir, `${s}.parquet.gzip`));
      const read = pyarrowColumns([...files, movies]);
      if (!read) return context.skip('python3 cannot import pyarrow (pip install pyarrow from /opt/wheels)');
      const sizes = splitSizes(RATINGS);
      expect(read.map((f) => f.rows)).toEqual([sizes.train, sizes.val, sizes.test, sample.movies]);
      for (const f of read.slice(0, 3)) {
        expect(f.columns).toEqual(['userId:int32', 'movieId:int32', 'rating:float', 'timestamp:int64']);
        expect(f.compression).toEqual(['GZIP']);
      }
      expect(read[3]?.columns).toEqual(['movieId:int32', 'title:string', 'genres:string']);
    });

    it('is idempotent: a second run succeeds on the existing bucket and re-sends nothing', async () => {
      const again = await run({});
      expect(again.failures).toEqual([]);
      expect(again.status).toBe('succeeded');
      expect(again.tasks['upload-splits']?.outputParameters).toEqual({ objects: 3, uploaded: 0 });
      expect((await store.list(bucket, 'ml-25m/')).map((o) => o.key)).toEqual(KEYS);
    });

    it('stops before unzip when the MD5 sidecar does not match, with a clear message', async () => {
      const failed = await run({ url: server.url.replace(/\/$/, '') + '/bad/ml-25m.zip' });
      expect(failed.status).toBe('failed');
      expect(failed.failures.map((f) => f.task)).toEqual(['download']);
      expect(failed.failures[0]?.logTail.join('\n')).toMatch(
        new RegExp(`Checksum mismatch for .*ml-25m\\.zip: expected md5 0{32}, got ${sample.md5}`),
      );
      expect(failed.tasks.unzip?.status).toBe('skipped');
      expect(failed.tasks.qa?.status).toBe('skipped');
    });

    it('stops before unzip when an explicit checksum parameter does not match', async () => {
      const failed = await run({ checksum: `sha256:${'1'.repeat(64)}` });
      expect(failed.failures.map((f) => f.task)).toEqual(['download']);
      expect(failed.failures[0]?.logTail.join('\n')).toMatch(/Checksum mismatch .*expected sha256 1{64}/);
      expect(failed.tasks.unzip?.status).toBe('skipped');
    });
  });
}
