import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const sdk = fileURLToPath(new URL('../../', import.meta.url));
const root = join(sdk, '../..');
const bin = join(sdk, 'bin/capstone.js');
const examples = join(root, 'examples/src/pipelines.ts');

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'capstone-bin-'));
  // The state that used to break: a built dist/ next to the sources.
  await run('pnpm', ['--filter', '@capstone/sdk', 'run', 'build'], { cwd: root });
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

async function compileWith(env: NodeJS.ProcessEnv, dir: string): Promise<string[]> {
  await run(process.execPath, [bin, 'compile', examples, '--project', 'examples', '--out', dir], {
    cwd: root,
    env: { ...process.env, ...env },
  });
  return (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
}

describe('bin/capstone.js', () => {
  it('compiles TypeScript pipelines from the sources and from the built dist/', async () => {
    const fromSource = await compileWith({}, join(out, 'source'));
    const fromDist = await compileWith({ CAPSTONE_FROM_DIST: '1' }, join(out, 'dist'));
    expect(fromSource.length).toBeGreaterThan(0);
    expect(fromDist).toEqual(fromSource);
    for (const file of fromSource) {
      const [a, b] = await Promise.all(['source', 'dist'].map((d) => readFile(join(out, d, file), 'utf8')));
      expect(b, file).toBe(a);
    }
  });

  it('prints the version from either entry', async () => {
    const a = await run(process.execPath, [bin, '--version'], { cwd: root });
    const b = await run(process.execPath, [bin, '--version'], {
      cwd: root,
      env: { ...process.env, CAPSTONE_FROM_DIST: '1' },
    });
    expect(a.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(b.stdout).toBe(a.stdout);
  });
});
