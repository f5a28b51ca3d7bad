import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
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
});
