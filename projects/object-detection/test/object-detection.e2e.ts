import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { splitSizes, type ObjectStore } from '@capstone/sdk/io';
import type { RunResult } from '@capstone/sdk/local';
import { runPythonJson, startE2eHarness, type E2eHarness } from '@capstone/sdk/testing';
import { pythonModules, skipOrFail } from '@capstone/sdk/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapArchivePath } from '../src/components/dataset-layout.js';
import { generateMidvSample, type MidvSample } from '../src/samples/generate-midv.js';
import { MIDV_SAMPLE_FRAMES, sample as startSample } from '../src/samples/sample.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** `pnpm start`'s sample: the archive its `src/samples/sample.ts` writes and serves. */
const FRAMES = MIDV_SAMPLE_FRAMES.small;

/** SHA-256 of every regular file in a .tar.gz, read by Python's tarfile (not our extractor). */
const TAR_DIGESTS = `
import hashlib, json, sys, tarfile
with tarfile.open(json.loads(sys.argv[1]), "r:gz") as tar:
    print(json.dumps({m.name: hashlib.sha256(tar.extractfile(m).read()).hexdigest() for m in tar if m.isfile()}))
`;

/** The book keys under `dataset/` (images and labels; not the manifest, the publish folder or the lists), sorted. */
export async function bookObjects(store: ObjectStore, bucket: string) {
  const listed = await store.list(bucket, 'dataset/');
  return listed
    .filter((o) => o.key.startsWith('dataset/images/') || o.key.startsWith('dataset/labels/'))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Registers the object-detection end-to-end suite against the store the given env selects. */
export function describeObjectDetectionE2e(label: string, makeEnv: () => Promise<NodeJS.ProcessEnv>): void {
  describe(`object-detection pipeline on the local runner (${label})`, () => {
    let harness: E2eHarness;
    let sample: MidvSample;
    let store: ObjectStore;
    let bucket: string;
    let url: string;
    let archive: string;

    beforeAll(async () => {
      harness = await startE2eHarness({ root, prefix: 'od-e2e', env: await makeEnv() });
      ({ store, bucket } = harness);
      const prepared = await startSample.prepare({ dir: join(harness.dir, 'sample'), scale: 'small' });
      for (const { path, route } of prepared.routes) harness.server.route(path, route);
      url = prepared.parameters(harness.server.url.replace(/\/$/, '')).url as string;
      archive = (prepared.routes[0]!.route.body as { file: string }).file;
      // The files src/samples/sample.ts put in that archive (the generator is deterministic).
      sample = generateMidvSample({ frames: FRAMES });
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
      const keys = (await bookObjects(store, bucket)).map((o) => o.key);
      const expected = sample.files.map((f) => f.path.replace(/^DATA\//, 'dataset/'));
      expect(keys).toEqual(expected.sort());
    });

    it('stores every archive entry byte for byte (SHA-256 of each entry, read by Python tarfile)', async (context) => {
      const { missing } = pythonModules('tarfile', 'hashlib');
      if (missing) skipOrFail(context, missing);
      const entries = runPythonJson<Record<string, string>>(TAR_DIGESTS, archive);
      const expected = Object.entries(entries)
        .map(([path, digest]) => [mapArchivePath(path, 'dataset'), digest] as const)
        .filter((e): e is readonly [string, string] => e[0] !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1));
      expect(expected).toHaveLength(sample.files.length);
      const stored = await bookObjects(store, bucket);
      const actual = await Promise.all(
        stored.map(async (o) => {
          const bytes = await store.getBytes(bucket, o.key);
          return [o.key, createHash('sha256').update(bytes).digest('hex')] as const;
        }),
      );
      expect(actual).toEqual(expected);
    });

    it('splits 75/15/10 exactly, keeps every label with its image, reports unmatched files', async () => {
      const lists = Object.fromEntries(
        await Promise.all(
          ['x_train', 'y_train', 'x_val', 'y_val', 'x_test', 'y_test'].map(
            async (n) => [n, await artifactText(first, 'split-dataset', n)] as const,
          ),
        ),
      );
      const sizes = splitSizes(FRAMES);
      expect([lists.x_train?.length, lists.x_val?.length, lists.x_test?.length]).toEqual([
        sizes.train,
        sizes.val,
        sizes.test,
      ]);
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
      const before = await bookObjects(store, bucket);
      const manifest = await store.getBytes(bucket, 'dataset/_manifest.json');
      const failed = await run({ checksum: `sha256:${'0'.repeat(64)}`, random_state: 1 });
      expect(failed.status).toBe('failed');
      expect(failed.failures[0]?.task).toBe('ingest-dataset');
      expect(failed.failures[0]?.logTail.join('\n')).toMatch(/sha256 mismatch/);
      // The failed run staged, never committed: the published version and its book keys are as they were.
      expect(await bookObjects(store, bucket)).toEqual(before);
      expect(await store.getBytes(bucket, 'dataset/_manifest.json')).toEqual(manifest);
      expect(failed.tasks['split-dataset']?.status).toBe('skipped');
    });
  });
}
