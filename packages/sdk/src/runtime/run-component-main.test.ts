import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const runtime = fileURLToPath(new URL('./index.ts', import.meta.url));
const dsl = fileURLToPath(new URL('../dsl/index.ts', import.meta.url));

describe('runComponentMain', () => {
  it('turns work that can never finish into exit 1 with a message (Node alone would exit 13 silently)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'runtime-main-'));
    const script = join(dir, 'stuck.mts');
    await writeFile(
      script,
      `import { defineComponent } from ${JSON.stringify(dsl)};
import { implementComponent, runComponentMain } from ${JSON.stringify(runtime)};
const stuck = defineComponent({ name: 'stuck', implementation: 'file:///unused', inputs: {}, outputs: {} });
// A stream that neither ends nor errors: nothing keeps the event loop alive, so the await never settles.
await runComponentMain(implementComponent(stuck, () => new Promise<void>(() => {})));
`,
    );
    const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', script], {
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('error: stuck: stopped with work unfinished');
  });
});
