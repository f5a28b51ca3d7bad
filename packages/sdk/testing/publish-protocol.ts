import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStore } from '../src/io/store/object-store.js';
import {
  acquireLease,
  commitStaging,
  getVerifiedBytes,
  LeaseHeldError,
  LeaseLostError,
  ObjectIntegrityError,
  openStaging,
  publishKeys,
  readCommittedVersion,
  readCurrentManifest,
  readLease,
  resumeStaging,
  sha256Hex,
  type DatasetLocation,
} from '../src/io/publish/index.js';
import { asError } from '../src/util/as-error.js';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/** `name → content` of a version, as `stage` writes it. */
type Files = Readonly<Record<string, string>>;

const files = (count: number, tag: string): Files =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `images/img${String(i).padStart(2, '0')}.txt`,
      `image ${i} ${tag === 'same' ? '' : tag}`,
    ]),
  );

/** A process that exits at once: its pid is then free (a dead runner). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid ?? 999_999;
}

/**
 * The publish protocol against a real store: every case asserts the bucket's contents by value (keys and
 * bytes of the book keys, the manifest's objects read back and hashed). `open` returns a fresh store.
 */
export function describePublishProtocol(name: string, open: () => Promise<ObjectStore> | ObjectStore): void {
  describe(`publish protocol: ${name}`, () => {
    let store: ObjectStore;
    const bucket = `publish-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    let n = 0;
    const dataset = (): DatasetLocation => ({ bucket, prefix: `ds${++n}` });
    const fast = { ttlMs: 60_000, pollMs: 50 };

    beforeAll(async () => {
      store = await open();
      await store.ensureBucket(bucket);
    });
    afterAll(async () => {
      for (const info of await store.list(bucket)) await store.delete(bucket, info.key);
    });

    /** Stages `content` as one version and commits it. */
    async function publish(at: DatasetLocation, content: Files, parameters = {}) {
      const staging = await openStaging(store, at, { owns: ['images/', 'lists/'], ...fast });
      for (const [name, body] of Object.entries(content)) await staging.stageBytes(name, body);
      staging.addParameters(parameters);
      staging.addInput({ archive: sha256Hex(JSON.stringify(content)) });
      return { staging, result: await commitStaging(staging) };
    }

    /** The book keys under `images/` and `lists/`, with their text. */
    async function bookContents(at: DatasetLocation): Promise<Record<string, string>> {
      const out: Record<string, string> = {};
      for (const area of ['images/', 'lists/']) {
        for (const info of await store.list(bucket, `${at.prefix}/${area}`))
          out[info.key.slice(at.prefix.length + 1)] = text(await store.getBytes(bucket, info.key));
      }
      return out;
    }

    /** Every object the current manifest names, read through it and checked. */
    async function manifestContents(at: DatasetLocation): Promise<Record<string, string>> {
      const current = await readCurrentManifest(store, at);
      if (!current) return {};
      const out: Record<string, string> = {};
      for (const object of current.manifest.objects)
        out[object.name] = text(await getVerifiedBytes(store, current.manifest, object.name));
      return out;
    }

    it('commits a version: the manifest names every object with its size and SHA-256, the book keys hold the same bytes', async () => {
      const at = dataset();
      const content = files(5, 'v1');
      const { result } = await publish(at, content, { random_state: 42 });
      expect(await manifestContents(at)).toEqual(content);
      expect(await bookContents(at)).toEqual(content);
      const { manifest } = result;
      expect(manifest.parameters).toEqual({ random_state: 42 });
      expect(manifest.input.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(manifest.objects.map((o) => [o.name, o.size, o.sha256])).toEqual(
        Object.entries(content).map(([k, v]) => [k, Buffer.byteLength(v), sha256Hex(v)]),
      );
      expect(result.sha256).toBe(sha256Hex(await store.getBytes(bucket, publishKeys(at.prefix).manifest)));
      expect(await readLease(store, at)).toBeUndefined();
    });

    it('a smaller version leaves exactly its objects in the book keys; unchanged bytes are not sent again', async () => {
      const at = dataset();
      await publish(at, files(20, 'same'));
      const { staging, result } = await publish(at, files(10, 'same'));
      expect(staging.stats).toMatchObject({ uploaded: 0, reused: 10 });
      expect(await bookContents(at)).toEqual(files(10, 'same'));
      expect(await manifestContents(at)).toEqual(files(10, 'same'));
      expect(result.mirror).toMatchObject({ removed: 10 });
      // The previous version stays readable through its manifest (readers that hold it finish).
      const previous = await readCommittedVersion(store, at, result.manifest.previous?.version ?? '');
      expect(previous.manifest.objects).toHaveLength(20);
    });

    it('keeps two versions: the third commit removes what only the first named', async () => {
      const at = dataset();
      const first = await publish(at, files(3, 'a'));
      await publish(at, files(3, 'b'));
      await publish(at, files(3, 'c'));
      const keys = (await store.list(bucket, publishKeys(at.prefix).versionsDir)).map((o) => o.key);
      expect(keys.some((k) => k.includes(first.result.manifest.version))).toBe(false);
      expect(keys).toHaveLength(6);
      await expect(readCommittedVersion(store, at, first.result.manifest.version)).rejects.toThrow(
        /no committed version/,
      );
    });

    it('a run that stops before its commit leaves the previous version complete; the next run collects its staging', async () => {
      const at = dataset();
      await publish(at, files(4, 'old'));
      const before = await bookContents(at);
      const crashed = await openStaging(store, at, { owns: ['images/'], ...fast });
      await crashed.stageBytes('images/img00.txt', 'half-written new version');
      await crashed.stageBytes('images/extra.txt', 'new');
      await crashed.save();
      crashed.lease.stop(); // the process dies: no renewal, no release
      expect(await bookContents(at)).toEqual(before);
      expect(await manifestContents(at)).toEqual(files(4, 'old'));
      // Its lease names a process that is gone, so the next run breaks it at once and removes the leftovers.
      const lease = await readLease(store, at);
      await store.putBytes(
        bucket,
        publishKeys(at.prefix).lease,
        JSON.stringify({ ...lease?.record, runnerPid: await deadPid() }),
      );
      const logs: string[] = [];
      const next = await openStaging(store, at, { owns: ['images/'], ...fast, log: (l) => logs.push(l) });
      expect(logs.join('\n')).toMatch(/breaking a stale lease: .*is no longer running on this host/);
      expect(logs.join('\n')).toMatch(/garbage-collected .*2 objects, 1 records/);
      const staged = (await store.list(bucket, publishKeys(at.prefix).versionsDir)).filter((o) =>
        o.key.includes(crashed.version),
      );
      expect(staged).toEqual([]);
      await next.stageBytes('images/img00.txt', 'finally');
      await commitStaging(next);
      expect(await bookContents(at)).toEqual({ 'images/img00.txt': 'finally' });
    });

    it('a second writer fails fast naming the holder, or waits until the first commits', async () => {
      const at = dataset();
      const first = await openStaging(store, at, { owns: ['images/'], ...fast, runId: 'run-A' });
      const refused = openStaging(store, at, { owns: ['images/'], ...fast, runId: 'run-B' });
      await expect(refused).rejects.toBeInstanceOf(LeaseHeldError);
      await expect(refused).rejects.toThrow(
        new RegExp(`being published by version ${first.version} \\(run run-A, host .*pid ${process.pid}`),
      );
      const logs: string[] = [];
      const waiting = openStaging(store, at, {
        owns: ['images/'],
        ...fast,
        waitMs: 20_000,
        log: (l) => logs.push(l),
      });
      await first.stageBytes('images/a.txt', 'A');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await commitStaging(first);
      const second = await waiting;
      expect(logs.join('\n')).toMatch(/waiting for .*held by version/);
      await second.stageBytes('images/b.txt', 'B');
      await commitStaging(second);
      expect(await bookContents(at)).toEqual({ 'images/b.txt': 'B' });
    });

    it('of many concurrent openers exactly one gets the lease', async () => {
      const at = dataset();
      const tries = await Promise.allSettled(
        Array.from({ length: 6 }, () => openStaging(store, at, { owns: ['images/'], ...fast })),
      );
      const won = tries.filter((t) => t.status === 'fulfilled');
      expect(won).toHaveLength(1);
      expect(tries.flatMap((t) => (t.status === 'rejected' ? [asError(t.reason).name] : []))).toEqual(
        Array(5).fill('LeaseHeldError'),
      );
      await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof openStaging>>>).value.lease.release();
    });

    it('a later task of the same run continues the version; an expired lease taken by another run voids the commit', async () => {
      const at = dataset();
      const opened = await openStaging(store, at, { owns: ['images/'], ...fast });
      await opened.stageBytes('images/one.txt', '1');
      await opened.save();
      opened.lease.stop();
      const resumed = await resumeStaging(store, at, opened.version, fast);
      expect(resumed.manifest.objects.map((o) => o.name)).toEqual(['images/one.txt']);
      await resumed.stageBytes('images/two.txt', '2');
      resumed.lease.stop();
      // The lease expires; another run breaks it and takes the dataset.
      const lease = await readLease(store, at);
      await store.putBytes(
        bucket,
        publishKeys(at.prefix).lease,
        JSON.stringify({ ...lease?.record, expiresAt: new Date(0).toISOString() }),
      );
      const other = await acquireLease(store, at, { holder: 'someone-else', ...fast });
      await expect(commitStaging(resumed)).rejects.toBeInstanceOf(LeaseLostError);
      expect(await readCurrentManifest(store, at)).toBeUndefined();
      await other.release();
    });

    it('refuses to commit when a staged object vanished, and a reader refuses bytes the manifest does not vouch for', async () => {
      const at = dataset();
      const staging = await openStaging(store, at, { owns: ['images/'], ...fast });
      const object = await staging.stageBytes('images/x.txt', 'payload');
      await store.delete(bucket, object.key);
      await expect(commitStaging(staging)).rejects.toThrow(/staged, but the store no longer has it/);
      await staging.lease.release();
      const { result } = await publish(at, { 'images/y.txt': 'good bytes' });
      const [y] = result.manifest.objects;
      await store.putBytes(bucket, y!.key, 'bad! bytes');
      await expect(getVerifiedBytes(store, result.manifest, 'images/y.txt')).rejects.toBeInstanceOf(
        ObjectIntegrityError,
      );
      await expect(getVerifiedBytes(store, result.manifest, 'images/y.txt')).rejects.toThrow(
        /expected sha256 .* as the manifest says/,
      );
    });

    it('restores book keys someone deleted: the next open mirrors the current version first', async () => {
      const at = dataset();
      await publish(at, files(3, 'x'));
      for (const info of await store.list(bucket, `${at.prefix}/images/`))
        await store.delete(bucket, info.key);
      await store.delete(bucket, publishKeys(at.prefix).mirrored);
      const logs: string[] = [];
      const staging = await openStaging(store, at, { owns: ['images/'], ...fast, log: (l) => logs.push(l) });
      expect(logs.join('\n')).toMatch(/book keys lag behind version/);
      expect(await bookContents(at)).toEqual(files(3, 'x'));
      await staging.lease.release();
    });
  });
}
