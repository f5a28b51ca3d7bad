import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePublishProtocol } from '../../../testing/publish-protocol.js';
import { FsObjectStore } from '../store/fs-object-store.js';
import type { ObjectStore } from '../store/object-store.js';
import { probeConditionalWrites } from './conditional-writes.js';
import { openStaging } from './publish.js';
import { LeaseHeldError } from './publish-errors.js';

describePublishProtocol(
  'filesystem store',
  async () => new FsObjectStore(await mkdtemp(join(tmpdir(), 'publish-'))),
);

describe('publish protocol on a store that ignores If-None-Match', () => {
  /** The filesystem store with conditional creates turned into plain writes, as such servers behave. */
  async function careless(): Promise<ObjectStore> {
    const fs = new FsObjectStore(await mkdtemp(join(tmpdir(), 'publish-careless-')));
    return Object.assign(Object.create(fs) as FsObjectStore, {
      putBytesIfAbsent: (bucket: string, key: string, body: Uint8Array | string) =>
        fs.putBytes(bucket, key, body),
    });
  }

  it('is detected by the probe, and the lease falls back to write-and-verify: one of several openers wins', async () => {
    const store = await careless();
    await store.ensureBucket('data');
    expect(await probeConditionalWrites(store, 'data', 'x/')).toBe(false);
    const logs: string[] = [];
    const options = { owns: ['a/'], settleMs: 300, log: (line: string) => logs.push(line) };
    const tries = await Promise.allSettled(
      Array.from({ length: 4 }, () => openStaging(store, { bucket: 'data', prefix: 'p' }, options)),
    );
    expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
    expect(logs.join('\n')).toMatch(/ignores If-None-Match: \*; the lease falls back to write-and-verify/);
    await expect(openStaging(store, { bucket: 'data', prefix: 'p' }, options)).rejects.toBeInstanceOf(
      LeaseHeldError,
    );
  });

  it('the real filesystem store honours it', async () => {
    const store = new FsObjectStore(await mkdtemp(join(tmpdir(), 'publish-probe-')));
    await store.ensureBucket('data');
    expect(await probeConditionalWrites(store, 'data', 'x/')).toBe(true);
  });
});
