import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsObjectStore } from './fs-object-store.js';
import { SkipUnchangedSink } from './skip-unchanged-sink.js';

describe('SkipUnchangedSink', () => {
  it('skips objects whose bytes are unchanged and uploads changed or new ones', async () => {
    const store = new FsObjectStore(await mkdtemp(join(tmpdir(), 'sink-')));
    await store.ensureBucket('bkt');
    const first = await SkipUnchangedSink.open(store, 'bkt', 'p/');
    await first.putBytes('bkt', 'p/a', 'alpha');
    await first.putBytes('bkt', 'p/b', 'beta');
    expect(first.stats).toEqual({ uploaded: 2, skipped: 0 });

    const second = await SkipUnchangedSink.open(store, 'bkt', 'p/');
    await second.putBytes('bkt', 'p/a', 'alpha');
    await second.putBytes('bkt', 'p/b', 'BETA');
    await second.putBytes('bkt', 'p/c', 'gamma');
    expect(second.stats).toEqual({ uploaded: 2, skipped: 1 });
    expect(Buffer.from(await store.getBytes('bkt', 'p/b')).toString()).toBe('BETA');
  });
});

describe('SkipUnchangedSink bookkeeping', () => {
  it('runs beforeFirstWrite only when something is written, and removes only the keys it created', async () => {
    const store = new FsObjectStore(await mkdtemp(join(tmpdir(), 'sink-')));
    await store.ensureBucket('bkt');
    await store.putBytes('bkt', 'p/old', 'kept', { metadata: { sha256: sha('kept') } });
    let calls = 0;
    const beforeFirstWrite = async () => void (calls += 1);
    const unchanged = await SkipUnchangedSink.open(store, 'bkt', 'p/', { beforeFirstWrite });
    await unchanged.putBytes('bkt', 'p/old', 'kept');
    expect([calls, unchanged.stats]).toEqual([0, { uploaded: 0, skipped: 1 }]);

    const sink = await SkipUnchangedSink.open(store, 'bkt', 'p/', { beforeFirstWrite });
    await sink.putBytes('bkt', 'p/new-1', 'n1');
    await sink.putBytes('bkt', 'p/new-2', 'n2');
    await sink.putBytes('bkt', 'p/old', 'changed');
    expect(calls).toBe(1);
    expect(await sink.removeCreated('bkt')).toBe(2);
    expect((await store.list('bkt', 'p/')).map((o) => o.key)).toEqual(['p/old']);
  });
});

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
