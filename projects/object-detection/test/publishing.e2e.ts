// The issue #14 scenarios on the object-detection pipeline, asserting the bucket's final contents by value.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  getVerifiedBytes,
  readCurrentManifest,
  type DatasetManifest,
  type ObjectStore,
} from '@capstone/sdk/io';
import type { RunResult } from '@capstone/sdk/local';
import { startE2eHarness, type E2eHarness } from '@capstone/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapArchivePath } from '../src/components/dataset-layout.js';
import { writeMidvArchive, type MidvSample } from '../src/samples/generate-midv.js';
import { bookObjects } from './object-detection.e2e.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const LISTS = ['x_train', 'y_train', 'x_val', 'y_val', 'x_test', 'y_test'] as const;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const stem = (key: string) => (key.split('/').pop() ?? '').replace(/\.[a-z]+$/, '');

/** `book key → sha256` of the sample's files: what the bucket must hold after publishing it. */
function expectedBook(sample: MidvSample): Record<string, string> {
  return Object.fromEntries(
    sample.files
      .map((file) => [mapArchivePath(file.path, 'dataset'), sha(file.data)] as const)
      .filter((entry): entry is readonly [string, string] => entry[0] !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** `book key → sha256` of what the bucket holds under `dataset/images/` and `dataset/labels/`. */
async function storedBook(store: ObjectStore, bucket: string): Promise<Record<string, string>> {
  const objects = await bookObjects(store, bucket);
  return Object.fromEntries(
    await Promise.all(objects.map(async (o) => [o.key, sha(await store.getBytes(bucket, o.key))] as const)),
  );
}

/** Every object the current manifest names, read and checked against its size and SHA-256. */
async function readPublished(store: ObjectStore, bucket: string): Promise<DatasetManifest> {
  const current = await readCurrentManifest(store, { bucket, prefix: 'dataset' });
  if (!current) throw new Error(`${bucket}/dataset/ has no manifest`);
  for (const object of current.manifest.objects) await getVerifiedBytes(store, current.manifest, object.name);
  return current.manifest;
}

async function eventually(check: () => Promise<boolean>, limitMs = 60_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Registers the publishing scenarios against the store the given env selects. */
export function describeObjectDetectionPublishing(
  label: string,
  makeEnv: () => Promise<NodeJS.ProcessEnv>,
): void {
  describe(`object-detection publishing (${label})`, () => {
    let harness: E2eHarness;
    let store: ObjectStore;
    const samples: Record<number, { url: string; slow: string; sample: MidvSample }> = {};

    beforeAll(async () => {
      harness = await startE2eHarness({ root, prefix: 'od-pub', env: await makeEnv() });
      store = harness.store;
      for (const frames of [10, 20, 40]) {
        const file = join(harness.dir, `midv-${frames}.gz`);
        const sample = await writeMidvArchive(file, { frames });
        const url = harness.server.route(`/midv-${frames}/DATA.gz`, { body: { file } });
        const slow = harness.server.route(`/slow-${frames}/DATA.gz`, {
          body: { file },
          faults: { bytesPerSecond: 40_000 },
        });
        samples[frames] = { url, slow, sample };
      }
    }, 180_000);
    afterAll(async () => harness?.close());

    const run = (bucket: string, parameters: Record<string, unknown>, cache = false): Promise<RunResult> =>
      harness.run('object-detection', { bucket, ...parameters }, { cache });
    const splitLists = async (result: RunResult) =>
      Object.fromEntries(
        await Promise.all(
          LISTS.map(async (name) => {
            const path = result.tasks['split-dataset']?.artifacts?.[name]?.path ?? '';
            return [name, await readFile(path, 'utf8')] as const;
          }),
        ),
      );

    it('wipe → re-run restores every object (cache on: tasks acting on the bucket are never cached)', async () => {
      const bucket = `${harness.bucket}-w`;
      const first = await run(bucket, { url: samples[20]!.url }, true);
      expect(first.status).toBe('succeeded');
      const expected = expectedBook(samples[20]!.sample);
      expect(await storedBook(store, bucket)).toEqual(expected);
      for (const o of await store.list(bucket)) await store.delete(bucket, o.key);
      expect(await store.list(bucket)).toEqual([]);
      const again = await run(bucket, { url: samples[20]!.url }, true);
      expect(again.status).toBe('succeeded');
      expect(again.tasks['ingest-dataset']?.status).toBe('succeeded');
      expect(again.tasks['split-dataset']?.status).toBe('succeeded');
      expect(await storedBook(store, bucket)).toEqual(expected);
      expect((await readPublished(store, bucket)).runId).toBe(again.runId);
    });

    it('20 → 10 pairs at the same URL leaves exactly the 10 (stale objects removed after the commit)', async () => {
      const bucket = `${harness.bucket}-s`;
      const url = harness.server.route('/same/DATA.gz', { body: { file: join(harness.dir, 'midv-20.gz') } });
      expect((await run(bucket, { url })).status).toBe('succeeded');
      expect(await storedBook(store, bucket)).toEqual(expectedBook(samples[20]!.sample));
      harness.server.route('/same/DATA.gz', { body: { file: join(harness.dir, 'midv-10.gz') } });
      const smaller = await run(bucket, { url }, true);
      expect(smaller.status).toBe('succeeded');
      expect(await storedBook(store, bucket)).toEqual(expectedBook(samples[10]!.sample));
      expect(smaller.tasks['split-dataset']?.outputParameters).toMatchObject({ pairs: 10 });
      const manifest = await readPublished(store, bucket);
      const names = manifest.objects.map((o) => o.name).filter((n) => !n.startsWith('splits/'));
      expect(names.map((n) => `dataset/${n}`)).toEqual(Object.keys(expectedBook(samples[10]!.sample)));
    });

    it('two concurrent runs: one publishes its complete output, the other fails naming the holder', async () => {
      const bucket = `${harness.bucket}-c`;
      const first = run(bucket, { url: samples[40]!.slow, random_state: 1 });
      await eventually(async () =>
        Boolean(await store.head(bucket, 'dataset/_publish/lease.json').catch(() => undefined)),
      );
      const second = await run(bucket, { url: samples[20]!.url, random_state: 2 });
      const winner = await first;
      expect(winner.status).toBe('succeeded');
      expect(second.status).toBe('failed');
      expect(second.failures.map((f) => f.task)).toEqual(['ingest-dataset']);
      expect(second.failures[0]?.logTail.join('\n')).toMatch(
        new RegExp(`${bucket}/dataset/ is being published by version \\S+ \\(run ${winner.runId}, host `),
      );
      // Exactly the winner's output: its archive's files, its lists; the lists' union is the input's pairs.
      expect(await storedBook(store, bucket)).toEqual(expectedBook(samples[40]!.sample));
      const manifest = await readPublished(store, bucket);
      expect(manifest.runId).toBe(winner.runId);
      const lists = await splitLists(winner);
      for (const name of LISTS) {
        const stored = await store.getBytes(bucket, `dataset/splits/${name}.txt`);
        expect(Buffer.from(stored).toString('utf8')).toBe(lists[name]);
      }
      const images = ['x_train', 'x_val', 'x_test'].flatMap((n) =>
        (lists[n] ?? '').split('\n').filter(Boolean),
      );
      expect(images.map(stem).sort()).toEqual([...samples[40]!.sample.pairedStems].sort());
      expect(new Set(images).size).toBe(images.length);
    });

    it('SIGKILL of `capstone run` during upload leaves the previous version readable; the next run completes', async () => {
      const bucket = `${harness.bucket}-k`;
      expect((await run(bucket, { url: samples[10]!.url })).status).toBe('succeeded');
      const before = await readPublished(store, bucket);
      const cli = spawn(
        process.execPath,
        [
          join(root, 'packages/sdk/bin/capstone.js'),
          'run',
          harness.compiled.pipelineFile('object-detection'),
          '--manifest',
          harness.compiled.result.manifestFile,
          '--runs-dir',
          join(harness.dir, 'killed-runs'),
          '--no-cache',
          '--param',
          `url=${samples[40]!.slow}`,
          '--param',
          `bucket=${bucket}`,
        ],
        { cwd: root, env: harness.env, detached: true, stdio: 'ignore' },
      );
      // Killed once it has staged objects of its new version, i.e. mid-upload.
      await eventually(async () =>
        (await store.list(bucket, 'dataset/_publish/versions/')).some(
          (o) => !before.objects.some((known) => known.key === o.key),
        ),
      );
      process.kill(-cli.pid!, 'SIGKILL');
      await new Promise((resolve) => cli.once('exit', resolve));
      const after = await readPublished(store, bucket);
      expect(after).toEqual(before);
      expect(await storedBook(store, bucket)).toEqual(expectedBook(samples[10]!.sample));
      const next = await run(bucket, { url: samples[20]!.url });
      expect(next.failures).toEqual([]);
      expect(await storedBook(store, bucket)).toEqual(expectedBook(samples[20]!.sample));
      expect(await readFile(join(next.runDir, 'ingest-dataset', 'log.txt'), 'utf8')).toMatch(
        /no longer running on this host/,
      );
    });

    it('an invalid parameter fails before any task starts and before any object is written', async () => {
      const bucket = `${harness.bucket}-p`;
      await expect(run(bucket, { url: samples[10]!.url, random_state: 2 ** 40 })).rejects.toThrow(
        /pipeline parameter 'random_state': 1099511627776 is above the maximum 4294967295 \(task 'split-dataset' input 'random_state'\)/,
      );
      expect(await store.list(bucket).catch(() => [])).toEqual([]);
    });
  });
}
