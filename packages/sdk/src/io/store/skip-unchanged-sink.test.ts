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
