import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileAll, type CompileAllResult } from '@capstone/sdk/build';
import { buildOptionsFromEnv, imagesMatrix, notebooksMatrix, type ImagesMatrix } from './images-matrix.js';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../', import.meta.url));
const script = join(root, 'scripts/images-matrix.ts');
const tsx = createRequire(import.meta.url).resolve('tsx/esm');
const sha = '0123456789abcdef0123456789abcdef01234567';

describe('scripts/images-matrix.ts', () => {
  let out: string;
  let compiled: CompileAllResult;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'images-matrix-'));
    const images = { registry: 'ghcr.io/owner', tag: sha };
    compiled = await compileAll({ root, outDir: out, images, bundle: false });
  }, 60_000);

  it('prints one row per manifest image and writes the step outputs', async () => {
    const outputs = join(out, 'github-output');
    await writeFile(outputs, '');
    const env = {
      PATH: process.env.PATH ?? '',
      GITHUB_SHA: sha,
      GITHUB_REF_TYPE: 'tag',
      GITHUB_REF_NAME: 'v0.3.0',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'owner/repo',
      GITHUB_OUTPUT: outputs,
    };
    const { stdout } = await exec(
      process.execPath,
      ['--conditions=source', '--import', tsx, script, compiled.manifestFile],
      { cwd: root, env },
    );
    const matrix = JSON.parse(stdout) as ImagesMatrix;
    const images = compiled.manifest.images;
    expect(images.length).toBeGreaterThan(0);
    expect(matrix.include.map((row) => row.name)).toEqual(images.map((i) => `${i.project}-${i.component}`));
    const first = matrix.include[0];
    const image = images[0];
    expect(first?.tags.split('\n')).toEqual([
      `${image?.repository}:${sha}`,
      `${image?.repository}:v0.3.0`,
      `${image?.repository}:latest`,
    ]);
    expect(first?.buildArgs.split('\n')).toEqual([
      `BUNDLE_DIR=${image?.bundleDir}`,
      `COMPONENT=${first?.name}`,
      `REVISION=${sha}`,
      'VERSION=v0.3.0',
      'SOURCE=https://github.com/owner/repo',
    ]);
    const written = await readFile(outputs, 'utf8');
    const notebooks = notebooksMatrix(compiled.manifest, buildOptionsFromEnv(env));
    expect(written).toBe(
      `matrix=${JSON.stringify(matrix)}\ncount=${images.length}\nnotebooks=${JSON.stringify(notebooks)}\n`,
    );
    expect(notebooks.include.map((row) => row.tags.split('\n'))).toEqual(
      ['jupyter', 'codeserver'].map((v) => [
        `ghcr.io/owner/capstone-${v}:${sha}`,
        `ghcr.io/owner/capstone-${v}:v0.3.0`,
        `ghcr.io/owner/capstone-${v}:latest`,
      ]),
    );
  });

  it('fails with a clear message when the file is not a manifest', async () => {
    const bad = join(out, 'not-a-manifest.json');
    await writeFile(bad, '{"pipelines": []}');
    const failed = exec(process.execPath, ['--conditions=source', '--import', tsx, script, bad], {
      cwd: root,
    });
    await expect(failed).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('is not an image manifest') as unknown,
    });
  });

  it('tags branch builds with the commit only, and main with latest too', () => {
    expect(
      buildOptionsFromEnv({ GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/main', GITHUB_REF_TYPE: 'branch' }),
    ).toEqual({
      revision: sha,
      latest: true,
    });
    const options = buildOptionsFromEnv({
      GITHUB_SHA: sha,
      GITHUB_REF_TYPE: 'branch',
      GITHUB_REF_NAME: 'main',
    });
    expect(options).toEqual({ revision: sha });
    const row = imagesMatrix(compiled.manifest, options).include[0];
    expect(row?.tags).toBe(`${compiled.manifest.images[0]?.repository}:${sha}`);
  });
});
