import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { FsObjectStore } from '@capstone/sdk/io';
import { runComponent } from '@capstone/sdk/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { main as uploadMain } from '../src/components/upload.main.js';

describe('upload component', () => {
  let dir: string;
  let run: (source: string, name?: string) => Promise<{ code: number; stderr: string }>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mr-upload-'));
    await mkdir(join(dir, 'splits'));
    for (const s of ['train', 'val', 'test']) await writeFile(join(dir, 'splits', `${s}.parquet.gzip`), s);
    await writeFile(join(dir, 'parquet'), 'movies');
    let n = 0;
    run = async (source, name = '') => {
      const err = new PassThrough();
      const chunks: Buffer[] = [];
      err.on('data', (chunk: Buffer) => chunks.push(chunk));
      n += 1;
      const params = (p: string) => join(dir, 'params', String(n), p);
      const code = await runComponent(uploadMain, {
        argv: ['--source', source, '--bucket', 'datasets', '--prefix', 'ml-25m/', '--name', name].concat([
          '--s3_endpoint',
          '',
          '--s3_region',
          '',
          '--objects',
          params('objects'),
          '--uploaded',
          params('uploaded'),
        ]),
        env: { CAPSTONE_OBJECT_STORE_DIR: join(dir, 'objects') },
        stdout: new PassThrough(),
        stderr: err,
      });
      return { code, stderr: Buffer.concat(chunks).toString('utf8') };
    };
  });

  it('uploads a file under its new name and a folder file by file, into a bucket that may exist', async () => {
    expect(await run(join(dir, 'parquet'), 'movies.parquet.gzip')).toEqual({ code: 0, stderr: '' });
    expect(await run(join(dir, 'splits'))).toEqual({ code: 0, stderr: '' });
    expect(await run(join(dir, 'splits'))).toEqual({ code: 0, stderr: '' });
    const keys = (await new FsObjectStore(join(dir, 'objects')).list('datasets')).map((o) => o.key);
    expect(keys).toEqual(['movies', 'test', 'train', 'val'].map((k) => `ml-25m/${k}.parquet.gzip`));
  });

  it('refuses a name for a folder source', async () => {
    const result = await run(join(dir, 'splits'), 'x.parquet');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("name 'x.parquet' applies to a file source, but");
  });
});
