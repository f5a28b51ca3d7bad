import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestPath } from './cache.js';
import { IdleDigester } from './idle-digests.js';

/** Nice values of this process's threads, from /proc (field 19 of each thread's stat line). */
async function threadNiceValues(): Promise<number[]> {
  const tasks = await readdir('/proc/self/task');
  const stats = await Promise.all(tasks.map((t) => readFile(`/proc/self/task/${t}/stat`, 'utf8')));
  return stats.map((line) => Number(line.slice(line.lastIndexOf(')') + 2).split(' ')[16]));
}

describe('IdleDigester', () => {
  let dir: string;
  let digester: IdleDigester;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'idle-digests-'));
    digester = new IdleDigester();
  });
  afterEach(async () => {
    await digester.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives digestPath’s digest for a file, a folder tree and a missing path', async () => {
    await writeFile(join(dir, 'a.bin'), Buffer.alloc(5 << 20, 7));
    await mkdir(join(dir, 'tree', 'sub'), { recursive: true });
    await writeFile(join(dir, 'tree', 'x.txt'), 'x');
    await writeFile(join(dir, 'tree', 'sub', 'y.txt'), 'y');
    for (const path of [join(dir, 'a.bin'), join(dir, 'tree'), join(dir, 'nothing')])
      expect(await digester.digest(path)).toBe(await digestPath(path));
    expect(await digester.digest(join(dir, 'nothing'))).toBe('missing');
  });

  it('tells contents apart: one changed byte changes the digest', async () => {
    const file = join(dir, 'f.bin');
    const bytes = Buffer.alloc(1 << 20, 1);
    await writeFile(file, bytes);
    const before = await digester.digest(file);
    bytes[123_456] = 2;
    await writeFile(file, bytes);
    expect(await digester.digest(file)).not.toBe(before);
  });

  it('answers many requests at once, each with its own path', async () => {
    const files = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const file = join(dir, `f${i}.txt`);
        await writeFile(file, `content ${i}`);
        return file;
      }),
    );
    const digests = await Promise.all(files.map((f) => digester.digest(f)));
    expect(digests).toEqual(await Promise.all(files.map((f) => digestPath(f))));
    expect(new Set(digests).size).toBe(8);
  });

  it.runIf(process.platform === 'linux')('hashes on a thread running at the lowest priority', async () => {
    await writeFile(join(dir, 'f'), 'f');
    expect(await threadNiceValues()).not.toContain(19);
    await digester.digest(join(dir, 'f'));
    expect(digester.lowered).toBe(true);
    expect(await threadNiceValues()).toContain(19);
    await digester.close();
    expect(await threadNiceValues()).not.toContain(19);
  });

  it('starts again after close', async () => {
    await writeFile(join(dir, 'f'), 'again');
    await digester.digest(join(dir, 'f'));
    await digester.close();
    expect(await digester.digest(join(dir, 'f'))).toBe(await digestPath(join(dir, 'f')));
  });
});
