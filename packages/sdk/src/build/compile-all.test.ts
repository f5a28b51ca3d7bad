import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { compileAll, type CompileAllResult } from './compile-all.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('compileAll on this repository', () => {
  let out: string;
  let result: CompileAllResult;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'compile-all-'));
    result = await compileAll({
      root,
      outDir: out,
      images: { registry: 'reg.test/team', tag: 'sha-1' },
      bundle: true,
    });
  }, 120_000);

  it('writes a valid 2.1.0 pipeline YAML for every example and project pipeline', async () => {
    const names = result.pipelines.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['example-first-pipeline', 'example-value-passing']));
    for (const pipeline of result.pipelines) {
      const [spec] = parseAllDocuments(await readFile(pipeline.file, 'utf8')).map(
        (d) => d.toJS() as Record<string, unknown>,
      );
      expect(spec?.['schemaVersion']).toBe('2.1.0');
      expect((spec?.['pipelineInfo'] as { name: string }).name).toBe(pipeline.name);
    }
  });

  it('writes one component YAML per component and a manifest entry per runtime component', async () => {
    const manifest = JSON.parse(await readFile(result.manifestFile, 'utf8')) as typeof result.manifest;
    expect(manifest.images.length).toBeGreaterThan(0);
    for (const image of manifest.images) {
      expect(image.image).toBe(`reg.test/team/${image.project}-${image.component}:sha-1`);
      expect(image.command).toEqual(['node', '/app/main.mjs']);
      expect(result.components.some((c) => c.project === image.project && c.name === image.component)).toBe(
        true,
      );
    }
    const yaml = await readFile(join(out, 'components/examples/compute-average.yaml'), 'utf8');
    expect(yaml).toContain('image: reg.test/team/examples-compute-average:sha-1');
  });

  it('bundles a component that runs with plain node from an empty folder', async () => {
    const entry = result.manifest.images.find((i) => i.component === 'compute-average');
    const empty = await mkdtemp(join(tmpdir(), 'bundle-run-'));
    await cp(join(root, entry?.bundleDir ?? 'missing'), join(empty, 'app'), { recursive: true });
    const data = join(empty, 'data.csv');
    await import('node:fs/promises').then((fs) => fs.writeFile(data, 'id,value\n1,2\n2,4\n'));
    const avg = join(empty, 'out', 'average');
    await run(process.execPath, [join(empty, 'app/main.mjs'), '--data', data, '--average', avg], {
      cwd: empty,
    });
    expect(await readFile(avg, 'utf8')).toBe('3');
  });

  it('runs worker threads from the bundle itself: the CSV parse workers write the one-thread file', async () => {
    const entry = result.manifest.images.find((i) => i.component === 'csv-to-parquet');
    const empty = await mkdtemp(join(tmpdir(), 'bundle-workers-'));
    await cp(join(root, entry?.bundleDir ?? 'missing'), join(empty, 'app'), { recursive: true });
    const csv = join(empty, 'ratings.csv');
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `${1 + (i >> 7)},${1 + i},${1 + (i % 9) / 2},${1e9 + i}`,
    );
    await writeFile(csv, `userId,movieId,rating,timestamp\n${rows.join('\n')}\n`);
    const convert = async (workers: string) => {
      const out = join(empty, `out-${workers}`);
      const args = [
        '--csv',
        csv,
        '--csv_name',
        'ratings.csv',
        '--schema',
        'ratings',
        '--compression',
        'gzip',
        '--parquet',
        join(out, 'p'),
      ];
      args.push('--rows', join(out, 'rows'), '--fingerprint', join(out, 'fingerprint'));
      await run(process.execPath, [join(empty, 'app/main.mjs'), ...args], {
        cwd: empty,
        env: { ...process.env, CAPSTONE_PARSE_WORKERS: workers },
      });
      return readFile(join(out, 'p'));
    };
    const [one, two] = [await convert('0'), await convert('2')];
    expect(one.length).toBeGreaterThan(1000);
    expect(two.equals(one)).toBe(true);
  });
});
