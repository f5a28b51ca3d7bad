import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStore, TreeProgress } from '../src/io/store/object-store.js';
import { runPool } from '../src/io/store/put-tree.js';
import {
  BucketNotFoundError,
  InvalidBucketNameError,
  InvalidKeyError,
  InvalidRangeError,
  ObjectNotFoundError,
} from '../src/io/store/storage-errors.js';

/** Timeout for the bulk tests: they do thousands of operations and the machine may be shared. */
const HEAVY = 300_000;

export interface ContractOptions {
  /** Size of the large streamed object (multipart on S3). Default 64 MiB. */
  readonly largeBytes?: number;
  /** Number of files in the big directory upload. Default 5,000. */
  readonly treeFiles?: number;
  /** Number of keys in the pagination test (must exceed 1,000 for S3). Default 1,100. */
  readonly listKeys?: number;
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Writes `count` small files named `d<NN>/f<NNNNN>.txt` under `dir`; returns their relative paths. */
async function writeTree(dir: string, count: number): Promise<string[]> {
  const names = Array.from(
    { length: count },
    (_, i) => `d${String(i % 50).padStart(2, '0')}/f${String(i).padStart(5, '0')}.txt`,
  );
  await runPool(names, 32, async (name) => {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), `${name}\n${randomBytes(48).toString('hex')}\n`);
  });
  return names.sort();
}

/**
 * Registers the behaviour every `ObjectStore` adapter must share. `open` is called once (in `beforeAll`) and
 * returns the store under test; the suite creates its own uniquely named bucket.
 */
export function describeObjectStoreContract(
  name: string,
  open: () => Promise<ObjectStore | undefined> | ObjectStore | undefined,
  options: ContractOptions = {},
): void {
  const largeBytes = options.largeBytes ?? 64 * 1024 * 1024;
  const treeFiles = options.treeFiles ?? 5000;
  const listKeys = options.listKeys ?? 1100;

  describe(`ObjectStore contract: ${name}`, () => {
    let store: ObjectStore;
    let work: string;
    const bucket = `contract-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

    beforeAll(async () => {
      const opened = await open();
      if (opened === undefined) throw new Error(`${name}: no store to test`);
      store = opened;
      work = await mkdtemp(join(tmpdir(), 'object-store-contract-'));
      await store.ensureBucket(bucket);
    });
    afterAll(async () => {
      if (work) await rm(work, { recursive: true, force: true });
    });

    it('refuses the bucket names S3 refuses, before sending anything', async () => {
      for (const name of ['UPPER', 'a_b', '192.168.5.4', 'xn--abc', 'data-s3alias', 'ab', 'a..b']) {
        await expect(store.ensureBucket(name), name).rejects.toBeInstanceOf(InvalidBucketNameError);
      }
    });

    it('ensureBucket is idempotent and keeps existing objects', async () => {
      await store.putBytes(bucket, 'keep/me.txt', 'still here');
      await store.ensureBucket(bucket);
      await store.ensureBucket(bucket);
      expect(Buffer.from(await store.getBytes(bucket, 'keep/me.txt')).toString()).toBe('still here');
    });

    it('puts bytes and strings and reads them back with metadata', async () => {
      const bytes = randomBytes(1000);
      const info = await store.putBytes(bucket, 'basic/bytes.bin', bytes, { metadata: { Origin: 'test' } });
      expect(info.size).toBe(1000);
      expect(Buffer.from(await store.getBytes(bucket, 'basic/bytes.bin')).equals(bytes)).toBe(true);
      await store.putBytes(bucket, 'basic/text.txt', 'héllo');
      expect(Buffer.from(await store.getBytes(bucket, 'basic/text.txt')).toString()).toBe('héllo');
      const head = await store.head(bucket, 'basic/bytes.bin');
      expect(head?.size).toBe(1000);
      expect(head?.metadata?.origin).toBe('test');
    });

    it('puts a file and a stream of unknown length, and streams them back', async () => {
      const path = join(work, 'upload.bin');
      const bytes = randomBytes(300_000);
      await writeFile(path, bytes);
      await store.putFile(bucket, 'basic/file.bin', path);
      expect((await collect(await store.get(bucket, 'basic/file.bin'))).equals(bytes)).toBe(true);
      const info = await store.putStream(
        bucket,
        'basic/stream.bin',
        Readable.from([bytes.subarray(0, 7), bytes.subarray(7)]),
      );
      expect(info.size).toBe(bytes.length);
      expect(Buffer.from(await store.getBytes(bucket, 'basic/stream.bin')).equals(bytes)).toBe(true);
    });

    it('reads byte ranges, including suffix ranges', async () => {
      const bytes = Buffer.from('0123456789abcdefghij');
      await store.putBytes(bucket, 'range/r.txt', bytes);
      const read = async (range: Parameters<ObjectStore['getBytes']>[2]): Promise<string> =>
        Buffer.from(await store.getBytes(bucket, 'range/r.txt', range)).toString();
      expect(await read({ start: 0, end: 3 })).toBe('0123');
      expect(await read({ start: 15 })).toBe('fghij');
      expect(await read({ start: 18, end: 100 })).toBe('ij');
      expect(await read({ suffix: 8 })).toBe('cdefghij');
      expect(await read({ suffix: 50 })).toBe('0123456789abcdefghij');
      await expect(read({ start: 20 })).rejects.toBeInstanceOf(InvalidRangeError);
      await expect(read({ start: 5, end: 2 })).rejects.toBeInstanceOf(InvalidRangeError);
    });

    it('reports missing objects: head → undefined, get → ObjectNotFoundError', async () => {
      expect(await store.head(bucket, 'missing/nothing.txt')).toBeUndefined();
      await expect(store.getBytes(bucket, 'missing/nothing.txt')).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(store.get(bucket, 'missing/nothing.txt')).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it('rejects a missing bucket and invalid keys clearly', async () => {
      await expect(store.putBytes(`${bucket}-absent`, 'a.txt', 'x')).rejects.toBeInstanceOf(
        BucketNotFoundError,
      );
      for (const key of ['../escape.txt', '/abs.txt', 'a//b.txt', 'dir/', '']) {
        await expect(store.putBytes(bucket, key, 'x')).rejects.toBeInstanceOf(InvalidKeyError);
      }
    });

    it('deletes objects; deleting a missing key is not an error', async () => {
      await store.putBytes(bucket, 'del/a/b.txt', 'x');
      await store.delete(bucket, 'del/a/b.txt');
      expect(await store.head(bucket, 'del/a/b.txt')).toBeUndefined();
      expect(await store.list(bucket, 'del/')).toEqual([]);
      await store.delete(bucket, 'del/a/b.txt');
    });

    it('putBytesIfAbsent creates once: a second create of the key returns undefined and changes nothing', async () => {
      const created = await store.putBytesIfAbsent(bucket, 'cond/lease.json', 'first', {
        metadata: { holder: 'a' },
      });
      expect(created?.size).toBe(5);
      expect(await store.putBytesIfAbsent(bucket, 'cond/lease.json', 'second, longer')).toBeUndefined();
      expect(Buffer.from(await store.getBytes(bucket, 'cond/lease.json')).toString()).toBe('first');
      expect((await store.head(bucket, 'cond/lease.json'))?.metadata?.holder).toBe('a');
      await store.delete(bucket, 'cond/lease.json');
      expect(await store.putBytesIfAbsent(bucket, 'cond/lease.json', 'third')).toBeDefined();
      expect(Buffer.from(await store.getBytes(bucket, 'cond/lease.json')).toString()).toBe('third');
    });

    it('putBytesIfAbsent lets exactly one of many concurrent creates win', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.putBytesIfAbsent(bucket, 'cond/race.txt', `writer ${i}`)),
      );
      const winners = results.flatMap((r, i) => (r ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(Buffer.from(await store.getBytes(bucket, 'cond/race.txt')).toString()).toBe(
        `writer ${winners[0]}`,
      );
    });

    it('copies an object server-side with its metadata; the copy is independent of its source', async () => {
      const bytes = randomBytes(2000);
      await store.putBytes(bucket, 'copy/src.bin', bytes, { metadata: { sha256: 'abc' } });
      const info = await store.copy(bucket, 'copy/src.bin', 'copy/deeper/dst.bin');
      expect(info.size).toBe(2000);
      expect((await store.head(bucket, 'copy/deeper/dst.bin'))?.metadata?.sha256).toBe('abc');
      await store.putBytes(bucket, 'copy/src.bin', 'changed');
      expect(Buffer.from(await store.getBytes(bucket, 'copy/deeper/dst.bin')).equals(bytes)).toBe(true);
      await store.copy(bucket, 'copy/deeper/dst.bin', 'copy/replaced.bin', { metadata: { sha256: 'def' } });
      expect((await store.head(bucket, 'copy/replaced.bin'))?.metadata).toEqual({ sha256: 'def' });
      await expect(store.copy(bucket, 'copy/absent.bin', 'copy/x.bin')).rejects.toBeInstanceOf(
        ObjectNotFoundError,
      );
    });

    it('lists by prefix, sorted by key, including partial segments', async () => {
      for (const key of ['lst/b.txt', 'lst/a2/x.txt', 'lst/a1.txt', 'lst/a2/y/z.txt', 'lstx.txt']) {
        await store.putBytes(bucket, key, key);
      }
      const keys = async (prefix: string): Promise<string[]> =>
        (await store.list(bucket, prefix)).map((o) => o.key);
      expect(await keys('lst/')).toEqual(['lst/a1.txt', 'lst/a2/x.txt', 'lst/a2/y/z.txt', 'lst/b.txt']);
      expect(await keys('lst/a')).toEqual(['lst/a1.txt', 'lst/a2/x.txt', 'lst/a2/y/z.txt']);
      expect(await keys('lst/a2/')).toEqual(['lst/a2/x.txt', 'lst/a2/y/z.txt']);
      expect(await keys('nothing-here/')).toEqual([]);
      const [first] = await store.list(bucket, 'lst/a1');
      expect(first?.size).toBe('lst/a1.txt'.length);
    });

    it(
      `lists past one page (${listKeys} keys)`,
      async () => {
        const dir = join(work, 'many');
        const names = await writeTree(dir, listKeys);
        await store.putTree(bucket, dir, { prefix: 'many', concurrency: 16 });
        const listed = await store.list(bucket, 'many/');
        expect(listed.map((o) => o.key)).toEqual(names.map((n) => `many/${n}`));
      },
      HEAVY,
    );

    describe(`putTree with ${treeFiles} files`, () => {
      let dir: string;
      let names: string[];
      beforeAll(async () => {
        dir = join(work, 'tree');
        names = await writeTree(dir, treeFiles);
      }, HEAVY);

      it('uploads every file with bounded concurrency and reports progress', async () => {
        const progress: TreeProgress[] = [];
        const result = await store.putTree(bucket, dir, {
          prefix: 'tree/',
          concurrency: 16,
          onProgress: (p) => progress.push(p),
        });
        expect(result).toMatchObject({ uploaded: treeFiles, skipped: 0 });
        expect(result.keys).toEqual(names.map((n) => `tree/${n}`));
        expect(progress).toHaveLength(treeFiles);
        expect(progress.at(-1)).toMatchObject({ done: treeFiles, total: treeFiles, uploaded: treeFiles });
        const listed = await store.list(bucket, 'tree/');
        expect(listed).toHaveLength(treeFiles);
        const sample = names[Math.floor(treeFiles / 2)] as string;
        expect(
          Buffer.from(await store.getBytes(bucket, `tree/${sample}`)).equals(
            await readFile(join(dir, sample)),
          ),
        ).toBe(true);
      });

      it(
        'skips unchanged files on a re-run and re-uploads changed ones',
        async () => {
          const again = await store.putTree(bucket, dir, { prefix: 'tree', concurrency: 16 });
          expect(again).toMatchObject({ uploaded: 0, skipped: treeFiles, bytes: 0 });

          const sameSize = names[0] as string;
          const original = await readFile(join(dir, sameSize));
          const changed = Buffer.from(original);
          changed[changed.length - 2] = changed[changed.length - 2] === 0x30 ? 0x31 : 0x30;
          await writeFile(join(dir, sameSize), changed);
          await writeFile(join(dir, names[1] as string), 'a different size');
          const third = await store.putTree(bucket, dir, { prefix: 'tree', concurrency: 16 });
          expect(third).toMatchObject({ uploaded: 2, skipped: treeFiles - 2 });
          expect(Buffer.from(await store.getBytes(bucket, `tree/${sameSize}`)).equals(changed)).toBe(true);
        },
        HEAVY,
      );
    });

    it('putTree streams files over 8 MiB and skips them on a re-run by their stored sha256', async () => {
      const dir = join(work, 'big-tree');
      await mkdir(join(dir, 'sub'), { recursive: true });
      const big = randomBytes(9 * 1024 * 1024);
      await writeFile(join(dir, 'sub', 'big.bin'), big);
      await writeFile(join(dir, 'small.txt'), 'small');
      const first = await store.putTree(bucket, dir, { prefix: 'big-tree' });
      expect(first).toMatchObject({ uploaded: 2, skipped: 0, bytes: big.length + 5 });
      const head = await store.head(bucket, 'big-tree/sub/big.bin');
      expect(head?.metadata?.sha256).toBe(createHash('sha256').update(big).digest('hex'));
      expect(await store.putTree(bucket, dir, { prefix: 'big-tree' })).toMatchObject({
        uploaded: 0,
        skipped: 2,
      });
      const forced = await store.putTree(bucket, dir, { prefix: 'big-tree', skipUnchanged: false });
      expect(forced).toMatchObject({ uploaded: 2, skipped: 0 });
    });

    it(
      `streams a ${largeBytes >> 20} MiB object up and reads it back byte-identical`,
      async () => {
        const source = join(work, 'large.bin');
        const chunk = 1024 * 1024;
        await pipeline(
          Readable.from(
            (function* () {
              for (let done = 0; done < largeBytes; done += chunk)
                yield randomBytes(Math.min(chunk, largeBytes - done));
            })(),
          ),
          createWriteStream(source),
        );
        const info = await store.putStream(bucket, 'large/blob.bin', createReadStream(source));
        expect(info.size).toBe(largeBytes);
        expect((await store.head(bucket, 'large/blob.bin'))?.size).toBe(largeBytes);
        const target = join(work, 'out', 'large-copy.bin');
        const got = await store.getFile(bucket, 'large/blob.bin', target);
        expect(got.size).toBe(largeBytes);
        expect(await sha256Of(target)).toBe(await sha256Of(source));
        const tail = await store.getBytes(bucket, 'large/blob.bin', { suffix: 8 });
        expect(Buffer.from(tail).equals((await readFile(source)).subarray(largeBytes - 8))).toBe(true);
      },
      HEAVY,
    );

    it('getFile replaces the destination whole and leaves nothing behind on failure', async () => {
      const outDir = join(work, 'getfile');
      await mkdir(outDir, { recursive: true });
      const dest = join(outDir, 'dest.txt');
      await writeFile(dest, 'old content that is longer than the new one');
      await store.putBytes(bucket, 'getfile/new.txt', 'new');
      await store.getFile(bucket, 'getfile/new.txt', dest);
      expect(await readFile(dest, 'utf8')).toBe('new');
      await expect(
        store.getFile(bucket, 'getfile/absent.txt', join(outDir, 'absent.txt')),
      ).rejects.toBeInstanceOf(ObjectNotFoundError);
      expect((await readdir(outDir)).sort()).toEqual(['dest.txt']);
    });
  });
}
