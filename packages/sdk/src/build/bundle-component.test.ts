import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from '../../testing/run-node.js';
import { bundleComponent } from './bundle-component.js';
import { USAGE_EXIT_CODE } from './dockerfile-builds.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const upload = join(root, 'projects/movie-recommender/src/components/upload.main.ts');
// esbuild names each bundled file in a comment; the SDK's packages are scoped @aws-sdk/* and @smithy/*.
const AWS_SDK = /node_modules\/\.pnpm\/@(aws-sdk|smithy)\+/;

/** The files `file` imports statically (`import … from "./chunks/…"`), transitively. */
async function staticClosure(dir: string, file: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = await readFile(join(dir, file), 'utf8');
  for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"\.\/([^"]+)"/gm)) {
    await staticClosure(dir, file.startsWith('chunks/') ? `chunks/${match[1]}` : match[1]!, seen);
  }
  return seen;
}

describe('bundleComponent', { timeout: 120_000 }, () => {
  let dir = '';
  beforeAll(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'bundle-component-')), 'upload');
    await bundleComponent(upload, dir);
  });
  afterAll(async () => {
    if (dir) await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('keeps the AWS SDK out of what a filesystem-store task loads at start, in a chunk it imports on S3', async () => {
    const loaded = await staticClosure(dir, 'main.mjs');
    expect(loaded.size, 'main.mjs imports the chunk it shares with the S3 adapter').toBeGreaterThan(1);
    for (const file of loaded) {
      expect(await readFile(join(dir, file), 'utf8'), file).not.toMatch(AWS_SDK);
    }
    const chunks = (await readdir(join(dir, 'chunks'))).map((name) => `chunks/${name}`);
    const lazy = chunks.filter((file) => !loaded.has(file));
    const withSdk = [];
    for (const file of lazy) if (AWS_SDK.test(await readFile(join(dir, file), 'utf8'))) withSdk.push(file);
    expect(withSdk).toHaveLength(1);
    expect(await readFile(join(dir, 'main.mjs'), 'utf8')).toContain(`import("./${withSdk[0]}")`);
  });

  it('runs with plain node from its folder: an unknown argument ends in the usage error', async () => {
    const { code, stderr } = await runNode(['main.mjs', '--no-such-argument'], dir);
    expect(stderr).toContain('upload');
    expect(code).toBe(USAGE_EXIT_CODE);
  });
});
