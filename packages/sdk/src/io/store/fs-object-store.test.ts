import { spawnSync } from 'node:child_process';
import { link, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FsObjectStore } from './fs-object-store.js';
import { describeObjectStoreContract } from '../../../testing/object-store-contract.js';
import { StorageRequestError } from './storage-errors.js';

const roots: string[] = [];
async function freshStore(): Promise<FsObjectStore> {
  const root = await mkdtemp(join(tmpdir(), 'fs-object-store-'));
  roots.push(root);
  return new FsObjectStore(root);
}
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describeObjectStoreContract('filesystem', freshStore);

describe('FsObjectStore layout', () => {
  it('stores <root>/<bucket>/<key> with metadata in a sidecar outside the bucket', async () => {
    const store = await freshStore();
    await store.ensureBucket('data');
    await store.putBytes('data', 'a/b.json', '{}', { metadata: { sha256: 'abc' } });
    // A key that looks like a sidecar is an ordinary object and does not disturb the real one.
    await store.putBytes('data', 'a/b.json.json', 'x');
    expect((await readdir(store.root)).sort()).toEqual(['.meta', '.tmp', 'data']);
    expect(await readdir(join(store.root, 'data', 'a'))).toEqual(['b.json', 'b.json.json']);
    expect((await store.head('data', 'a/b.json'))?.metadata).toEqual({ sha256: 'abc' });
    expect(await readdir(join(store.root, '.tmp'))).toEqual([]);
    expect(store.description).toBe(`file://${store.root}`);
  });

  it('refuses a key that would need a file and a directory at the same path', async () => {
    const store = await freshStore();
    await store.ensureBucket('data');
    await store.putBytes('data', 'x/y', '1');
    await expect(store.putBytes('data', 'x', '2')).rejects.toBeInstanceOf(StorageRequestError);
    await expect(store.putBytes('data', 'x/y/z', '3')).rejects.toBeInstanceOf(StorageRequestError);
  });
});

describe('FsObjectStore.abortIncompleteUploads', () => {
  it("removes temp files of processes that are gone and old ones, keeping a live writer's", async () => {
    const store = await freshStore();
    await store.ensureBucket('data');
    await store.putBytes('data', 'k', 'v');
    const tmp = join(store.root, '.tmp');
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid ?? 0;
    await writeFile(join(tmp, `${deadPid}-aaaa`), 'crashed writer');
    await writeFile(join(tmp, `${process.pid}-bbbb`), 'live writer');
    await writeFile(join(tmp, `${process.pid}-cccc`), 'live but ancient');
    const longAgo = new Date(Date.now() - 2 * 3_600_000);
    await utimes(join(tmp, `${process.pid}-cccc`), longAgo, longAgo);
    expect(await store.abortIncompleteUploads('data', '')).toBe(2);
    expect(await readdir(tmp)).toEqual([`${process.pid}-bbbb`]);
    expect(await store.abortIncompleteUploads('data', '', { olderThanMs: 0 })).toBe(1);
    expect(await store.getBytes('data', 'k')).toEqual(new Uint8Array(Buffer.from('v')));
  });
});

describe('FsObjectStore.copy', () => {
  it('copies without moving bytes, yet the copy keeps its content when either key is rewritten or deleted', async () => {
    const store = await freshStore();
    await store.ensureBucket('data');
    await store.putBytes('data', 'a', 'first', { metadata: { sha256: 'x' } });
    await store.copy('data', 'a', 'b');
    expect((await stat(join(store.root, 'data', 'b'))).nlink).toBe(2);
    expect(await store.head('data', 'b')).toMatchObject({ size: 5, metadata: { sha256: 'x' } });
    await store.putBytes('data', 'a', 'second');
    expect(Buffer.from(await store.getBytes('data', 'b')).toString()).toBe('first');
    await store.copy('data', 'a', 'c');
    await store.delete('data', 'a');
    expect(Buffer.from(await store.getBytes('data', 'c')).toString()).toBe('second');
  });

  it("keeps a live writer's fresh link of an old object while clean-up runs", async () => {
    const store = await freshStore();
    await store.ensureBucket('data');
    await store.putBytes('data', 'old', 'stored long ago');
    const longAgo = new Date(Date.now() - 2 * 3_600_000);
    await utimes(join(store.root, 'data', 'old'), longAgo, longAgo);
    const tmp = join(store.root, '.tmp', `${process.pid}-dddd`);
    await link(join(store.root, 'data', 'old'), tmp);
    expect(await store.abortIncompleteUploads('data', '')).toBe(0);
    expect(await readdir(join(store.root, '.tmp'))).toEqual([`${process.pid}-dddd`]);
  });
});
