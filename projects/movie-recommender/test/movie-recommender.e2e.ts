import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCurrentManifest, splitSizes, type ObjectStore } from '@capstone/sdk/io';
import { runPipeline, type RunResult } from '@capstone/sdk/local';
import { startE2eHarness, type E2eHarness, type HttpFixtureServer } from '@capstone/sdk/testing';
import type { SampleScale } from '@capstone/sdk/samples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ML25M_ENTRIES } from '../src/components/ml25m-layout.js';
import { defaultMovieRows, md5File } from '../src/samples/generate-ml25m.js';
import { pyarrowValues, sklearnSplitSizes } from './pyarrow-values.js';
import { ML25M_SAMPLE_RATINGS, sample } from '../src/samples/sample.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const KEYS = ['movies', 'test', 'train', 'val'].map((name) => `ml-25m/${name}.parquet.gzip`);
/** Every value of `ratings_parquet_compression` the writer offers. */
const COMPRESSIONS = ['none', 'snappy', 'gzip', 'zstd'] as const;

/** The book keys under `ml-25m/` (not the manifest or the publish folder), sorted. */
export async function bookKeys(store: ObjectStore, bucket: string): Promise<string[]> {
  const listed = await store.list(bucket, 'ml-25m/');
  return listed
    .map((o) => o.key)
    .filter((key) => !key.startsWith('ml-25m/_'))
    .sort();
}

/**
 * Registers the movie-recommender end-to-end suite: `pnpm start`'s generated sample at `scale`, served from
 * loopback, on the store the given env selects.
 */
export function describeMovieRecommenderE2e(
  label: string,
  makeEnv: () => Promise<NodeJS.ProcessEnv>,
  scale: SampleScale = 'small',
): void {
  const ratings = ML25M_SAMPLE_RATINGS[scale];
  describe(`movie-recommender pipeline on the local runner (${label}, ${ratings.toLocaleString('en-US')} ratings)`, () => {
    let harness: E2eHarness;
    let zip: string;
    let store: ObjectStore;
    let bucket: string;
    let server: HttpFixtureServer;
    let url: string;

    beforeAll(async () => {
      harness = await startE2eHarness({ root, prefix: 'mr-e2e', env: await makeEnv() });
      ({ store, bucket, server } = harness);
      const prepared = await sample.prepare({ dir: join(harness.dir, 'sample'), scale });
      for (const { path, route } of prepared.routes) server.route(path, route);
      url = prepared.parameters(server.url.replace(/\/$/, '')).url as string;
      zip = (prepared.routes[0]!.route.body as { file: string }).file;
      server.route('/bad/ml-25m.zip', { body: { file: zip } });
      server.route('/bad/ml-25m.zip.md5', { body: { bytes: `${'0'.repeat(32)}  ml-25m.zip\n` } });
    }, 300_000);
    afterAll(async () => harness?.close());

    const run = (parameters: Record<string, unknown>): Promise<RunResult> =>
      harness.run('movie-recommender', { url, ...parameters });
    const log = (result: RunResult, task: string) => readFile(join(result.runDir, task, 'log.txt'), 'utf8');
    const runs = new Map<string, RunResult>();

    let first: RunResult;
    it('runs end to end: QA reads every value and passes on the four objects of the book contract', async () => {
      first = await run({});
      runs.set('none', first);
      expect(first.failures).toEqual([]);
      expect(first.status).toBe('succeeded');
      expect(await bookKeys(store, bucket)).toEqual(KEYS);
      const report = await readFile(first.tasks.qa?.artifacts?.report?.path ?? '', 'utf8');
      expect(report).toMatch(/^# ml-25m QA: passed/);
      expect(report).toContain(
        `| train ∪ val ∪ test = converted ratings | ok | ${ratings.toLocaleString('en-US')} rows of ratings.csv`,
      );
      expect(report).toContain('| (userId, movieId) pairs unique | ok |');
      expect(await log(first, 'download')).toContain(`verified md5 ${await md5File(zip)}`);
      expect(await log(first, 'split')).toContain('train = the converted ratings minus both');
      expect(await readFile(first.reportPath, 'utf8')).toContain('ml-25m QA: passed');
    });

    it('converts ratings and movies at the same time, then splits with sklearn’s sizes', (context) => {
      const converted = first.tasks['convert-ratings'];
      const movies = first.tasks['convert-movies'];
      const span = (t: typeof converted) => [Date.parse(t?.startedAt ?? ''), Date.parse(t?.endedAt ?? '')];
      const [rStart, rEnd] = span(converted);
      const [mStart, mEnd] = span(movies);
      expect(rStart).toBeLessThan(mEnd!);
      expect(mStart).toBeLessThan(rEnd!);
      expect(converted?.outputParameters.rows).toBe(ratings);
      expect(movies?.outputParameters.rows).toBe(defaultMovieRows(ratings));
      const sizes = sklearnSplitSizes(context, ratings);
      expect(splitSizes(ratings)).toEqual(sizes);
      expect(first.tasks.split?.outputParameters).toMatchObject({
        train_rows: sizes.train,
        val_rows: sizes.val,
        test_rows: sizes.test,
      });
    });

    it.for(COMPRESSIONS)(
      'ratings_parquet_compression=%s: pyarrow reads back exactly the archive’s ratings and movies',
      async (compression, context) => {
        const prefix = compression === 'none' ? 'ml-25m' : `ml-25m-${compression}`;
        const result =
          runs.get(compression) ?? (await run({ ratings_parquet_compression: compression, prefix }));
        expect(result.failures).toEqual([]);
        expect(await log(result, 'convert-ratings')).toContain(`Parquet (${compression})`);
        const local = join(harness.dir, 'read-back', compression);
        await mkdir(local, { recursive: true });
        const files = Object.fromEntries(
          await Promise.all(
            (['train', 'val', 'test', 'movies'] as const).map(async (name) => {
              const path = join(local, `${name}.parquet`);
              await store.getFile(bucket, `${prefix}/${name}.parquet.gzip`, path);
              return [name, path] as const;
            }),
          ),
        ) as Record<'train' | 'val' | 'test' | 'movies', string>;
        const read = pyarrowValues(context, {
          zip,
          ratingsEntry: ML25M_ENTRIES.ratings,
          moviesEntry: ML25M_ENTRIES.movies,
          files,
        });
        expect(read.ratingsUnion).toEqual({ rows: ratings, expectedRows: ratings, differences: [] });
        expect(read.moviesRows.differences).toEqual([]);
        expect(read.moviesRows.rows).toBe(defaultMovieRows(ratings));
        for (const split of ['train', 'val', 'test'] as const) {
          expect(read.splits[split].rows).toBe(splitSizes(ratings)[split]);
          expect(read.splits[split].columns).toEqual([
            'userId:int32',
            'movieId:int32',
            'rating:float',
            'timestamp:int64',
          ]);
          expect(read.splits[split].codecs).toEqual(['GZIP']);
        }
        expect(read.movies.columns).toEqual(['movieId:int32', 'title:string', 'genres:string']);
      },
    );

    it('is idempotent: a second run succeeds on the existing bucket and re-sends nothing', async () => {
      const again = await run({});
      expect(again.failures).toEqual([]);
      expect(again.status).toBe('succeeded');
      expect(again.tasks['upload-splits']?.outputParameters).toMatchObject({ objects: 3, uploaded: 0 });
      expect(await bookKeys(store, bucket)).toEqual(KEYS);
    });

    it.each([
      [
        { ratings_parquet_compression: 'lz4' },
        /ratings_parquet_compression': 'lz4' is not allowed; expected one of 'gzip', 'zstd', 'snappy', 'none' \(task 'convert-ratings' input 'compression'\)/,
      ],
      [{ random_state: 2 ** 53 }, /random_state': 9007199254740992 is above the maximum 4294967295/],
      [{ random_state: -1 }, /random_state': -1 is below the minimum 0/],
    ])('refuses %o before any task starts: no object is written', async (parameters, message) => {
      const target = `${bucket}-refused`;
      await expect(run({ bucket: target, ...parameters })).rejects.toThrow(message);
      expect(await store.list(target).catch(() => [])).toEqual([]);
    });

    it('two concurrent runs into one prefix: the bucket ends with one run’s complete output, never a mix', async () => {
      const target = `${bucket}-c`;
      // The small sample whatever the suite's scale: two whole runs at once must fit a test's time.
      const small = await sample.prepare({ dir: join(harness.dir, 'small-sample'), scale: 'small' });
      const smallUrl = server.route('/small/ml-25m.zip', small.routes[0]!.route);
      // The second waits for the lease; whichever run commits last owns every book key, byte for byte.
      const concurrent = (random_state: number, wait: string) =>
        runPipeline({
          pipelineFile: harness.compiled.pipelineFile('movie-recommender'),
          parameters: { url: smallUrl, bucket: target, random_state },
          imageResolver: harness.compiled.imageResolver,
          runsDir: join(harness.dir, 'concurrent-runs'),
          env: { ...harness.env, CAPSTONE_LEASE_WAIT_SECONDS: wait },
          cwd: root,
          cache: false,
          ...(harness.env.CAPSTONE_OBJECT_STORE_DIR
            ? { objectStoreDir: harness.env.CAPSTONE_OBJECT_STORE_DIR }
            : {}),
        });
      const results = await Promise.all([concurrent(1, '0'), concurrent(2, '300')]);
      const committed = results.filter((r) => r.status === 'succeeded');
      for (const failed of results.filter((r) => r.status !== 'succeeded')) {
        expect(failed.failures.map((f) => f.task)).toEqual(['upload-movies']);
        expect(failed.failures[0]?.logTail.join('\n')).toMatch(/is being published by version \S+ \(run /);
      }
      expect(committed.length).toBeGreaterThan(0);
      const current = await readCurrentManifest(store, { bucket: target, prefix: 'ml-25m' });
      const winner = committed.find((r) => r.runId === current?.manifest.runId);
      expect(winner).toBeDefined();
      const splitsDir = winner!.tasks.split?.artifacts?.splits?.path ?? '';
      for (const name of ['train', 'val', 'test']) {
        const stored = await store.getBytes(target, `ml-25m/${name}.parquet.gzip`);
        expect(Buffer.from(stored)).toEqual(await readFile(join(splitsDir, `${name}.parquet.gzip`)));
      }
      const report = await readFile(winner!.tasks.qa?.artifacts?.report?.path ?? '', 'utf8');
      expect(report).toContain(`| train ∪ val ∪ test = converted ratings | ok |`);
      expect(report).toContain('| (userId, movieId) pairs unique | ok |');
      expect(await bookKeys(store, target)).toEqual(KEYS);
    }, 600_000);

    it('stops before unzip when the MD5 sidecar does not match, with a clear message', async () => {
      const failed = await run({ url: server.url.replace(/\/$/, '') + '/bad/ml-25m.zip' });
      expect(failed.status).toBe('failed');
      expect(failed.failures.map((f) => f.task)).toEqual(['download']);
      expect(failed.failures[0]?.logTail.join('\n')).toMatch(
        new RegExp(`Checksum mismatch for .*ml-25m\\.zip: expected md5 0{32}, got ${await md5File(zip)}`),
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
