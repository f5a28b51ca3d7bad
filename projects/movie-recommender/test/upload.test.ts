import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { FsObjectStore, getVerifiedBytes, readStagedVersion } from '@capstone/sdk/io';
import { runComponent } from '@capstone/sdk/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { main as uploadMain } from '../src/components/upload.main.js';

describe('upload component', () => {
  let dir: string;
  let run: (
    source: string,
    name?: string,
    version?: string,
  ) => Promise<{ code: number; stderr: string; version: string }>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mr-upload-'));
    await mkdir(join(dir, 'splits'));
    for (const s of ['train', 'val', 'test']) await writeFile(join(dir, 'splits', `${s}.parquet.gzip`), s);
    await writeFile(join(dir, 'parquet'), 'movies');
    let n = 0;
    run = async (source, name = '', version = '') => {
      const err = new PassThrough();
      const chunks: Buffer[] = [];
      err.on('data', (chunk: Buffer) => chunks.push(chunk));
      n += 1;
      const params = (p: string) => join(dir, 'params', String(n), p);
      const code = await runComponent(uploadMain, {
        argv: ['--source', source, '--bucket', 'datasets', '--prefix', 'ml-25m/', '--name', name].concat([
          '--into_version',
          version,
          '--s3_endpoint',
          '',
          '--s3_region',
          '',
          '--objects',
          params('objects'),
          '--uploaded',
          params('uploaded'),
          '--version',
          params('version'),
        ]),
        env: { CAPSTONE_OBJECT_STORE_DIR: join(dir, 'objects') },
        stdout: new PassThrough(),
        stderr: err,
      });
      const staged = await readFile(params('version'), 'utf8').catch(() => '');
      return { code, stderr: Buffer.concat(chunks).toString('utf8'), version: staged };
    };
  });

  it('stages a file under its new name and a folder file by file into one version; readers see nothing yet', async () => {
    const movies = await run(join(dir, 'parquet'), 'movies.parquet.gzip');
    expect(movies).toMatchObject({ code: 0, stderr: '' });
    expect(await run(join(dir, 'splits'), '', movies.version)).toMatchObject({
      code: 0,
      version: movies.version,
    });
    const store = new FsObjectStore(join(dir, 'objects'));
    const staged = await readStagedVersion(store, { bucket: 'datasets', prefix: 'ml-25m' }, movies.version);
    expect(staged.manifest.objects.map((o) => o.name)).toEqual(
      ['movies', 'test', 'train', 'val'].map((k) => `${k}.parquet.gzip`),
    );
    for (const object of staged.manifest.objects) {
      const source = object.name.startsWith('movies')
        ? join(dir, 'parquet')
        : join(dir, 'splits', object.name);
      expect(Buffer.from(await getVerifiedBytes(store, staged.manifest, object.name))).toEqual(
        await readFile(source),
      );
    }
    const keys = (await store.list('datasets', 'ml-25m/')).map((o) => o.key);
    expect(keys.filter((key) => !key.startsWith('ml-25m/_publish/'))).toEqual([]);
  });

  it('refuses a name for a folder source', async () => {
    const result = await run(join(dir, 'splits'), 'x.parquet');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("name 'x.parquet' applies to a file source, but");
  });
});
