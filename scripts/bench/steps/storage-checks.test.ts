import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FsObjectStore } from '@capstone/sdk/io';
import { readBackProblems, verdict } from './storage-checks.js';

const dir = await mkdtemp(join(tmpdir(), 'storage-checks-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readBackProblems', () => {
  it('passes when every object equals its source, and names the object whose bytes differ or that is missing', async () => {
    const store = new FsObjectStore(join(dir, 'store'));
    await store.ensureBucket('bench');
    const files = ['a.bin', 'b.bin', 'c.bin'].map((key) => ({ key, path: join(dir, key) }));
    for (const [i, file] of files.entries()) {
      await writeFile(file.path, Buffer.alloc(1000 + i, i + 1));
      await store.putFile('bench', `p/${file.key}`, file.path);
    }
    expect(verdict(await readBackProblems(store, 'bench', 'p', files), 3)).toMatch(/^PASS \(3 objects/);
    const flipped = Buffer.alloc(1001, 2);
    flipped.writeUInt8(3, 500);
    await store.putBytes('bench', 'p/b.bin', flipped);
    await store.delete('bench', 'p/c.bin');
    const problems = await readBackProblems(store, 'bench', 'p', files);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^p\/b\.bin: 1001 bytes read back differ from .*b\.bin$/);
    expect(problems[1]).toMatch(/^p\/c\.bin: /);
    expect(verdict(problems, 3)).toMatch(/^FAIL: 2 object\(s\) differ: p\/b\.bin/);
  });
});
