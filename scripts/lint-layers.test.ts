import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root, ignore: false });

async function ruleIds(text: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: `${root}/${filePath}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

// ESLint with type information loads the whole TypeScript project first: seconds alone, much more on a busy machine.
describe('lint enforces the layer picture (eslint.layers.js)', { timeout: 180_000 }, () => {
  it('refuses an io/store module importing the local runner', async () => {
    const messages = await ruleIds(
      "import { runPipeline } from '../../local/index.js';\nexport const x = runPipeline;\n",
      'packages/sdk/src/io/store/object-store.ts',
    );
    expect(messages.join('\n')).toMatch(/no-restricted-paths: .*io\/store may import only: secrets, util/);
  });

  it('refuses the DSL importing the compiler, and src/ importing test support', async () => {
    const dsl = await ruleIds(
      "import { compilePipeline } from '../compiler/index.js';\nexport const x = compilePipeline;\n",
      'packages/sdk/src/dsl/parameters.ts',
    );
    expect(dsl.join('\n')).toMatch(/no-restricted-paths: .*dsl may import only/);
    const local = await ruleIds(
      "import { startFakeKfpServer } from '../../testing/index.js';\nexport const x = startFakeKfpServer;\n",
      'packages/sdk/src/local/retry.ts',
    );
    expect(local.join('\n')).toMatch(/no-restricted-paths/);
  });

  it('accepts an allowed import (compiler → dsl)', async () => {
    const messages = await ruleIds(
      "import { param } from '../dsl/index.js';\nexport const x = param;\n",
      'packages/sdk/src/compiler/resources.ts',
    );
    expect(messages.filter((m) => m.startsWith('import-x'))).toEqual([]);
  });

  it('runs the type-checked rules (typescript-eslint recommendedTypeChecked)', async () => {
    const messages = await ruleIds(
      'export function f(v: unknown): string {\n  return String(JSON.parse(v as string).name);\n}\n',
      'packages/sdk/src/util/as-error.ts',
    );
    expect(messages.join('\n')).toMatch(/@typescript-eslint\/no-unsafe-member-access/);
  });

  it('refuses an import cycle', async () => {
    const results = await eslint.lintFiles(['scripts/lint-fixtures/cycle-a.ts']);
    const messages = results.flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(messages).toContain('import-x/no-cycle');
  });
});

describe('docs/architecture.md', () => {
  it('states the same allowed imports as eslint.layers.js', async () => {
    const { SDK_LAYERS } = (await import(pathToFileURL(join(root, 'eslint.layers.js')).href)) as {
      SDK_LAYERS: Record<string, string[]>;
    };
    const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
    const rows = new Map(
      [...doc.matchAll(/^\| `([a-z0-9/]+)\/` \| [^|]+ \| ([^|]+) \|$/gm)].map((m) => [
        m[1]!,
        m[2]!.trim() === 'nothing' ? [] : m[2]!.split(',').map((s) => s.trim()),
      ]),
    );
    for (const [area, allowed] of Object.entries(SDK_LAYERS)) {
      if (area === 'io') continue; // the index only re-exports its sub-areas
      expect(rows.get(area)?.sort(), area).toEqual([...allowed].sort());
    }
  });
});
