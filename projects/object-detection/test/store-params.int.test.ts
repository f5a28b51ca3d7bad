// Ingest and split with the store's location only in the run parameters (the tasks' env names a decoy), into
// a bucket laid out like Kubeflow's `mlpipeline` for a per-namespace SeaweedFS key: objects and listings
// allowed only under `private/<namespace>/`. A second run finds every object unchanged there.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { objectStoreFromEnv, StorageAuthError, type ObjectStore } from '@capstone/sdk/io';
import type { RunResult } from '@capstone/sdk/local';
import { startE2eHarness, type E2eHarness } from '@capstone/sdk/testing';
import { describeWithS3, restrictBucketToPrefix } from '@capstone/sdk/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMidvSample } from '../src/samples/generate-midv.js';
import { MIDV_SAMPLE_FRAMES, sample } from '../src/samples/sample.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const LIMIT = 'private/team-b';
const PREFIX = `${LIMIT}/midv500`;

describeWithS3('object-detection: the store is where the run parameters say (S3)', (s3) => {
  describe(`ingest and split into ${PREFIX}/ of a bucket limited to ${LIMIT}/`, () => {
    let harness: E2eHarness;
    let real: ObjectStore;
    let undoPolicy: (() => Promise<void>) | undefined;
    let parameters: Record<string, unknown>;
    const runs: RunResult[] = [];

    beforeAll(async () => {
      // No S3_ENDPOINT: the runner gives the tasks its local filesystem store, plus a decoy AWS_ENDPOINT_URL.
      const decoy = { ...s3, AWS_ENDPOINT_URL: 'http://127.0.0.1:9', S3_ENDPOINT: '', AWS_REGION: 'decoy-1' };
      harness = await startE2eHarness({ root, prefix: 'od-store-params', env: decoy });
      real = objectStoreFromEnv(s3);
      await real.ensureBucket(harness.bucket);
      undoPolicy = await restrictBucketToPrefix(s3, harness.bucket, LIMIT);
      const prepared = await sample.prepare({ dir: join(harness.dir, 'sample'), scale: 'small' });
      for (const { path, route } of prepared.routes) harness.server.route(path, route);
      parameters = {
        ...prepared.parameters(harness.server.url.replace(/\/$/, '')),
        s3_endpoint: s3.S3_ENDPOINT,
        s3_region: process.env.S3_REGION ?? 'us-east-1',
        prefix: PREFIX,
      };
      runs.push(await harness.run('object-detection', parameters));
    }, 600_000);
    afterAll(async () => {
      await undoPolicy?.();
      for (const object of real ? await real.list(harness.bucket) : []) {
        await real.delete(harness.bucket, object.key);
      }
      await harness?.close();
    });

    it('stores every dataset file under the prefix, byte for byte, and splits what it stored', async () => {
      const [first] = runs;
      expect(first?.failures).toEqual([]);
      const files = generateMidvSample({ frames: MIDV_SAMPLE_FRAMES.small }).files;
      const expected = new Map(files.map((f) => [f.path.replace(/^DATA\//, `${PREFIX}/`), f.data]));
      const stored = await real.list(harness.bucket, `${PREFIX}/`);
      // The dataset's book keys, the split lists and the manifest; the publish protocol keeps its own folder.
      const readable = stored
        .map((o) => o.key)
        .filter((key) => !key.startsWith(`${PREFIX}/_publish/`))
        .sort();
      const lists = ['x_train', 'y_train', 'x_val', 'y_val', 'x_test', 'y_test'].map((n) => `${n}.txt`);
      expect(readable).toEqual(
        [
          ...expected.keys(),
          ...[...lists, 'data.yaml'].map((n) => `${PREFIX}/splits/${n}`),
          `${PREFIX}/_manifest.json`,
        ].sort(),
      );
      for (const [key, data] of expected) {
        const bytes = await real.getBytes(harness.bucket, key);
        expect(createHash('sha256').update(bytes).digest('hex'), key).toBe(
          createHash('sha256').update(data).digest('hex'),
        );
      }
      const xVal = await readFile(first?.tasks['split-dataset']?.artifacts?.x_val?.path ?? '', 'utf8');
      const lines = xVal.split('\n').filter(Boolean);
      expect(lines.length).toBeGreaterThan(0);
      for (const key of lines) expect(expected.has(key), key).toBe(true);
      const log = await readFile(join(first?.runDir ?? '', 'ingest-dataset', 'log.txt'), 'utf8');
      expect(log).toContain(`S3 object store at ${s3.S3_ENDPOINT} (endpoint from parameter s3_endpoint`);
    });

    it('a second run lists and checks the prefix and re-sends nothing', async () => {
      const second = await harness.run('object-detection', parameters);
      expect(second.failures).toEqual([]);
      expect(second.tasks['ingest-dataset']?.outputParameters?.uploaded).toBe(0);
    }, 300_000);

    it('the bucket really is limited: writing or listing outside the prefix is refused', async () => {
      await expect(real.putBytes(harness.bucket, 'dataset/outside.txt', 'x')).rejects.toThrow(
        StorageAuthError,
      );
      await expect(real.list(harness.bucket, 'dataset/')).rejects.toThrow(StorageAuthError);
    });
  });
});
