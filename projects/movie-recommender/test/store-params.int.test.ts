// A local run whose tasks' environment names a store that does not exist: only the run parameters
// (s3_endpoint, s3_region, bucket, prefix) can point them at the real S3 server. The bucket is laid out like
// Kubeflow's `mlpipeline` for a per-namespace SeaweedFS key: objects and listings allowed only under
// `private/<namespace>/`.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { objectStoreFromEnv, parseManifest, StorageAuthError, type ObjectStore } from '@capstone/sdk/io';
import type { RunResult } from '@capstone/sdk/local';
import { startE2eHarness, type E2eHarness } from '@capstone/sdk/testing';
import { describeWithS3, restrictBucketToPrefix } from '@capstone/sdk/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOVIES_OBJECT } from '../src/components/ml25m-layout.js';
import { sample } from '../src/samples/sample.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const NAMESPACE_PREFIX = 'private/team-a';
const PREFIX = `${NAMESPACE_PREFIX}/datasets/ml-25m`;
const SPLITS = ['train', 'val', 'test'] as const;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** The dataset's readable keys: everything but the manifest and the publish protocol's own folder. */
const bookKeys = (keys: readonly string[]) =>
  keys.filter((key) => !key.startsWith(`${PREFIX}/_publish/`) && key !== `${PREFIX}/_manifest.json`);

describeWithS3('movie-recommender: the store is where the run parameters say (S3)', (s3) => {
  describe(`run parameters s3_endpoint=${s3.S3_ENDPOINT}, a bucket limited to ${NAMESPACE_PREFIX}/`, () => {
    let harness: E2eHarness;
    let real: ObjectStore;
    let bucket: string;
    let url: string;
    let undoPolicy: (() => Promise<void>) | undefined;
    let result: RunResult;

    beforeAll(async () => {
      // The tasks get the keys, and a decoy endpoint and region that would fail every request.
      const decoy = { ...s3, S3_ENDPOINT: 'http://127.0.0.1:9', AWS_REGION: 'decoy-region-1' };
      harness = await startE2eHarness({ root, prefix: 'mr-store-params', env: decoy });
      ({ bucket } = harness);
      real = objectStoreFromEnv(s3);
      await real.ensureBucket(bucket);
      undoPolicy = await restrictBucketToPrefix(s3, bucket, NAMESPACE_PREFIX);
      const prepared = await sample.prepare({ dir: join(harness.dir, 'sample'), scale: 'small' });
      for (const { path, route } of prepared.routes) harness.server.route(path, route);
      url = prepared.parameters(harness.server.url.replace(/\/$/, '')).url as string;
      result = await harness.run('movie-recommender', {
        url,
        s3_endpoint: s3.S3_ENDPOINT,
        s3_region: process.env.S3_REGION ?? 'us-east-1',
        bucket,
        prefix: PREFIX,
      });
    }, 600_000);
    afterAll(async () => {
      await undoPolicy?.();
      for (const object of real ? await real.list(bucket) : []) await real.delete(bucket, object.key);
      await harness?.close();
    });

    it('succeeds, QA passing, with the store the parameters name in every store task’s log', async () => {
      expect(result.failures).toEqual([]);
      expect(result.status).toBe('succeeded');
      const report = await readFile(result.tasks.qa?.artifacts?.report?.path ?? '', 'utf8');
      expect(report).toMatch(/^# ml-25m QA: passed/);
      for (const task of ['upload-movies', 'upload-splits', 'qa']) {
        const log = await readFile(join(result.runDir, task, 'log.txt'), 'utf8');
        expect(log, task).toContain(
          `S3 object store at ${s3.S3_ENDPOINT} (endpoint from parameter s3_endpoint, region ${process.env.S3_REGION ?? 'us-east-1'} from parameter s3_region`,
        );
      }
    });

    it('published exactly the four objects under the prefix, each byte equal to the file the run made', async () => {
      const stored = await real.list(bucket, `${PREFIX}/`);
      const names = [MOVIES_OBJECT, ...SPLITS.map((s) => `${s}.parquet.gzip`)];
      const expected = names.map((n) => `${PREFIX}/${n}`);
      expect(bookKeys(stored.map((o) => o.key)).sort()).toEqual(expected.sort());
      const manifest = parseManifest(
        await real.getBytes(bucket, `${PREFIX}/_manifest.json`),
        `${PREFIX}/_manifest.json`,
      );
      expect(manifest.objects.map((o) => o.name).sort()).toEqual([...names].sort());
      const splitsDir = result.tasks.split?.artifacts?.splits?.path ?? '';
      const sources: Record<string, string> = {
        [`${PREFIX}/${MOVIES_OBJECT}`]: result.tasks['convert-movies']?.artifacts?.parquet?.path ?? '',
        ...Object.fromEntries(
          SPLITS.map((s) => [`${PREFIX}/${s}.parquet.gzip`, join(splitsDir, `${s}.parquet.gzip`)]),
        ),
      };
      for (const [key, path] of Object.entries(sources)) {
        const local = await readFile(path);
        const remote = await real.getBytes(bucket, key);
        expect(remote.byteLength, key).toBe(local.byteLength);
        expect(sha256(remote), key).toBe(sha256(local));
        expect(manifest.objects.find((o) => key.endsWith(`/${o.name}`))?.sha256, key).toBe(sha256(local));
      }
    });

    it('the bucket really is limited to the prefix: the same user cannot write or list outside it', async () => {
      await expect(real.putBytes(bucket, 'ml-25m/outside.txt', 'x')).rejects.toThrow(StorageAuthError);
      await expect(real.list(bucket, 'ml-25m/')).rejects.toThrow(StorageAuthError);
      await expect(real.putBytes(bucket, `${NAMESPACE_PREFIX}/inside.txt`, 'x')).resolves.toBeDefined();
      await real.delete(bucket, `${NAMESPACE_PREFIX}/inside.txt`);
    });

    it('left nothing anywhere else in the bucket', async () => {
      await undoPolicy?.();
      undoPolicy = undefined;
      const everything = (await real.list(bucket)).map((o) => o.key);
      expect(
        everything.every((key) => key.startsWith(`${PREFIX}/`)),
        everything.join(', '),
      ).toBe(true);
      expect(bookKeys(everything)).toHaveLength(4);
    });
  });
});
