import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sharedKfp, skipOrFail } from '../../packages/sdk/testing/requirements.js';

// ci.yml rebuilds ../shared/kfp from kubeflow/pipelines with scripts/ci/shared-from-upstream.sh and this list:
// it must name every data file the conformance suites read from ../shared/kfp.
const list = fileURLToPath(new URL('./shared-kfp-files.txt', import.meta.url));

async function dataFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.(ya?ml|json|py)$/.test(e.name))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('scripts/ci/shared-kfp-files.txt', () => {
  it('maps every data file of ../shared/kfp to a pinned kubeflow/pipelines file', async (context) => {
    const { missing, path: shared } = sharedKfp();
    if (missing) return skipOrFail(context, missing);
    const rows = (await readFile(list, 'utf8'))
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split(' '));
    for (const [, source] of rows) {
      expect(source).toMatch(/^(7b70c7b95f6832772efd6fd0029a4024491a0f44|2\.2\.0):[\w./-]+$/);
    }
    expect(rows.map(([target]) => target).sort()).toEqual(await dataFiles(shared));
  });
});
