import { existsSync } from 'node:fs';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { md5File } from '../src/samples/generate-ml25m.js';
import { ML25M_SAMPLE_PATH, sample } from '../src/samples/sample.js';

describe('pnpm start sample', () => {
  it('serves the generated zip and its .md5, points the url at it and reuses the files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mr-sample-'));
    const prepared = await sample.prepare({ dir, scale: 'small' });
    expect(sample.pipeline).toBe('movie-recommender');
    expect(prepared.routes.map((r) => r.path)).toEqual([ML25M_SAMPLE_PATH, `${ML25M_SAMPLE_PATH}.md5`]);
    expect(prepared.parameters('http://127.0.0.1:1')).toEqual({
      url: `http://127.0.0.1:1${ML25M_SAMPLE_PATH}`,
    });
    expect(prepared.summary).toContain('20,000 ratings');
    const [zip, md5] = prepared.routes.map((r) => (r.route.body as { file: string }).file);
    expect(await readFile(md5!, 'utf8')).toBe(`${await md5File(zip!)}  ml-25m.zip\n`);
    const written = (await stat(zip!)).mtimeMs;
    await sample.prepare({ dir, scale: 'small' });
    expect((await stat(zip!)).mtimeMs).toBe(written);
    expect(existsSync(`${zip}.${process.pid}.tmp`)).toBe(false);
  });
});
