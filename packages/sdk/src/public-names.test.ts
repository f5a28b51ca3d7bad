import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nameCollisions, packageEntryPoints } from '../testing/public-names.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const packageJson = fileURLToPath(new URL('../package.json', import.meta.url));

// Compiling every entry point with type information takes seconds, much more on a busy machine.
describe('names across the public entry points', { timeout: 180_000 }, () => {
  it('each exported name means one thing in every subpath of package.json exports', () => {
    const entries = packageEntryPoints(packageJson);
    expect(Object.keys(entries)).toEqual(
      expect.arrayContaining(['.', './dsl', './local', './client', './io']),
    );
    expect(nameCollisions(entries, root.replace(/\/$/, ''))).toEqual([]);
  });

  it('finds a name two entry points declare differently, and accepts one symbol re-exported twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'public-names-'));
    try {
      await writeFile(
        join(dir, 'a.ts'),
        'export interface RunState { readonly id: string }\nexport const shared = 1;\n',
      );
      await writeFile(
        join(dir, 'b.ts'),
        "export type RunState = 'RUNNING' | 'DONE';\nexport { shared } from './a.js';\n",
      );
      const collisions = nameCollisions({ './a': join(dir, 'a.ts'), './b': join(dir, 'b.ts') }, dir);
      expect(collisions.map((c) => c.name)).toEqual(['RunState']);
      expect(collisions[0]?.meanings.map((m) => m.entries)).toEqual([['./a'], ['./b']]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
