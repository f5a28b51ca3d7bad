import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ObjectStore } from '@capstone/sdk/io';
import type { RunResult } from '@capstone/sdk/local';
import { startE2eHarness, type E2eHarness } from '@capstone/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMidvArchive, type MidvSample } from './generate-midv.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const FRAMES = 40;

/** Registers the object-detection end-to-end suite against the store the given env selects. */
export function describeObjectDetectionE2e(label: string, makeEnv: () => Promise<NodeJS.ProcessEnv>): void {
  describe(`object-detection pipeline on the local runner (${label})`, () => {
    let harness: E2eHarness;
    let sample: MidvSample;
    let store: ObjectStore;
    let bucket: string;
    let url: string;

    beforeAll(async () => {
      harness = await startE2eHarness({ root, prefix: 'od-e2e', env: await makeEnv() });
      ({ store, bucket } = harness);
      const archive = join(harness.dir, 'DATA.gz');
      sample = await writeMidvArchive(archive, { frames: FRAMES, unmatchedImages: 2, unmatchedLabels: 1 });
      url = harness.server.route('/DATA.gz', { body: { file: archive } });
    }, 180_000);
    afterAll(async () => harness?.close());

    const run = (parameters: Record<string, unknown>, cache = false): Promise<RunResult> =>
      harness.run('object-detection', { url, ...parameters }, { cache });
    const artifactText = async (result: RunResult, task: string, output: string): Promise<string[]> => {
      const path = result.tasks[task]?.artifacts?.[output]?.path;
      if (!path) throw new Error(`task ${task} has no artifact ${output}`);
      return (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    };
    const stem = (key: string) => (key.split('/').pop() ?? '').replace(/\.[a-z]+$/, '');

    let first: RunResult;
    it('runs end to end and stores objects under the book contract', async () => {
      first = await run({ random_state: 42 });
      expect(first.failures).toEqual([]);
      expect(first.status).toBe('succeeded');
      const keys = (await store.list(bucket, 'dataset/')).map((o) => o.key);
      const expected = sample.files.map((f) => f.path.replace(/^DATA\//, 'dataset/'));
      expect(keys.filter((k) => !k.endsWith('_ingest.json')).sort()).toEqual(expected.sort());
    });

    it('splits 75/15/10 exactly, keeps every label with its image, reports unmatched files', async () => {
      const lists = Object.fromEntries(
        await Promise.all(
          ['x_train', 'y_train', 'x_val', 'y_val', 'x_test', 'y_test'].map(
            async (n) => [n, await artifactText(first, 'split-dataset', n)] as const,
          ),
        ),
      );
      expect([lists.x_train?.length, lists.x_val?.length, lists.x_test?.length]).toEqual([30, 6, 4]);
      for (const part of ['train', 'val', 'test']) {
        expect(lists[`x_${part}`]?.map(stem)).toEqual(lists[`y_${part}`]?.map(stem));
      }
      const all = [...(lists.x_train ?? []), ...(lists.x_val ?? []), ...(lists.x_test ?? [])].map(stem);
      expect(new Set(all).size).toBe(FRAMES);
      const log = await readFile(join(first.runDir, 'split-dataset', 'log.txt'), 'utf8');
      for (const file of sample.unmatched) expect(log).toContain(`unmatched: dataset/${file}`);
      expect(first.tasks['split-dataset']?.outputParameters).toMatchObject({ pairs: FRAMES, unmatched: 3 });
    });

    it('prints the validation lists in the print-contents task logs', async () => {
      const xVal = await artifactText(first, 'split-dataset', 'x_val');
      const printed = await readFile(join(first.runDir, 'print-contents', 'log.txt'), 'utf8');
      for (const key of xVal) expect(printed).toContain(key);
      const printedLabels = await readFile(join(first.runDir, 'print-contents-2', 'log.txt'), 'utf8');
      expect(printedLabels).toContain('labels/');
    });

    it('is deterministic per seed, differs across seeds, and does not re-upload unchanged objects', async () => {
      const again = await run({ random_state: 42 });
      expect(again.tasks['ingest-dataset']?.outputParameters).toMatchObject({
        uploaded: 0,
        objects: sample.files.length,
      });
      expect(await artifactText(again, 'split-dataset', 'x_train')).toEqual(
        await artifactText(first, 'split-dataset', 'x_train'),
      );
      const other = await run({ random_state: 7 });
      expect(await artifactText(other, 'split-dataset', 'x_train')).not.toEqual(
        await artifactText(first, 'split-dataset', 'x_train'),
      );
    });

    it('fails the ingest with a clear message on a checksum mismatch and leaves the bucket as it was', async () => {
      const before = await store.list(bucket, 'dataset/');
      const manifest = await store.getBytes(bucket, 'dataset/_ingest.json');
      const failed = await run({ checksum: `sha256:${'0'.repeat(64)}`, random_state: 1 });
      expect(failed.status).toBe('failed');
      expect(failed.failures[0]?.task).toBe('ingest-dataset');
      expect(failed.failures[0]?.logTail.join('\n')).toMatch(/sha256 mismatch/);
      // The failed run changed no object, so the earlier manifest still vouches for them (issue #15).
      expect(await store.list(bucket, 'dataset/')).toEqual(before);
      expect(await store.getBytes(bucket, 'dataset/_ingest.json')).toEqual(manifest);
      expect(failed.tasks['split-dataset']?.status).toBe('skipped');
    });
  });
}
