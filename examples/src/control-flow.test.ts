// Every control-flow example, compiled and run on the local runner, checked by value.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type RunResult } from '@capstone/sdk/local';
import { compileForTest } from '@capstone/sdk/testing';

const root = fileURLToPath(new URL('../..', import.meta.url));
let compiled: Awaited<ReturnType<typeof compileForTest>>;
let cwd: string;

beforeAll(async () => {
  compiled = await compileForTest(root);
  cwd = await mkdtemp(join(tmpdir(), 'capstone-control-flow-'));
}, 180_000);

async function run(pipeline: string, parameters: Record<string, unknown> = {}): Promise<RunResult> {
  return runPipeline({
    pipelineFile: compiled.pipelineFile(pipeline),
    parameters,
    cwd,
    imageResolver: compiled.imageResolver,
    objectStoreDir: join(cwd, 'objects'),
  });
}

const log = (result: RunResult, task: string) => readFile(join(result.runDir, task, 'log.txt'), 'utf8');

describe('control-flow examples on the local runner', () => {
  it.each([
    [0, 'condition-2', 'low roll'],
    [3, 'condition-3', 'middle roll'],
    [4, 'condition-4', 'high roll'],
  ])('example-condition, seed %s: only %s runs (%s)', async (seed, branch, text) => {
    const result = await run('example-condition', { seed });
    expect(result.status).toBe('succeeded');
    for (const other of ['condition-2', 'condition-3', 'condition-4']) {
      expect(result.tasks[`condition-branches-1/${other}`]?.status).toBe(
        other === branch ? 'succeeded' : 'skipped',
      );
    }
    const printed = Object.keys(result.tasks).find((path) =>
      path.startsWith(`condition-branches-1/${branch}/`),
    );
    expect(await log(result, printed ?? '')).toContain(`received: ${text}`);
    expect(result.tasks['condition-5']?.status).toBe(seed === 4 ? 'succeeded' : 'skipped');
  });

  it('example-parallel-for: squares collected in item order, summed; struct items read by field', async () => {
    const result = await run('example-parallel-for', { numbers: [3, 1, 2] });
    expect(result.status).toBe('succeeded');
    const loop = Object.entries(result.tasks).find(
      ([, r]) => r.kind === 'loop' && r.outputParameters['pipelinechannel--square-squared'],
    );
    expect(loop?.[1].outputParameters['pipelinechannel--square-squared']).toEqual([9, 1, 4]);
    expect(result.tasks['sum-numbers']?.outputParameters).toEqual({ total: 14 });
    const sides = Object.keys(result.tasks).filter((path) => /\/\d\/print-number-\d+$/.test(path));
    const logs = await Promise.all(sides.map((path) => log(result, path)));
    expect(logs.map((text) => /sides = (\d+)/.exec(text)?.[1]).sort()).toEqual(['3', '4', '6']);
  });

  it('example-collected-artifacts: one file per word, joined in item order', async () => {
    const result = await run('example-collected-artifacts', { words: ['zeta', 'alpha', 'mu'] });
    expect(result.status).toBe('succeeded');
    const joined = result.tasks['join-notes']?.artifacts['joined']?.path ?? '';
    expect(await readFile(joined, 'utf8')).toBe('zeta\nalpha\nmu\n');
    expect(result.tasks['count-lines']?.outputParameters).toEqual({ count: 3 });
  });

  it('example-exit-handler: the report runs after success and after a failure, saying which', async () => {
    const ok = await run('example-exit-handler', { fail: false });
    expect(ok.status).toBe('succeeded');
    expect(await log(ok, 'report-status')).toContain('exit-handler-1 ended SUCCEEDED');
    const failed = await run('example-exit-handler', { fail: true });
    expect(failed.status).toBe('failed');
    expect(failed.exitCode).toBe(1);
    expect(failed.tasks['exit-handler-1/fail-if']?.status).toBe('failed');
    expect(failed.tasks['report-status']?.status).toBe('succeeded');
    expect(await log(failed, 'report-status')).toMatch(
      /exit-handler-1 ended FAILED: exit-handler-1\/fail-if: exited with code 1/,
    );
  });

  it('example-pipeline-in-pipeline: each nested pipeline returns its own sum', async () => {
    const result = await run('example-pipeline-in-pipeline');
    expect(result.status).toBe('succeeded');
    expect(result.tasks['sum-of-squares']?.outputParameters).toEqual({ total: 5 });
    expect(result.tasks['sum-of-squares-2']?.outputParameters).toEqual({ total: 500 });
  });

  it('example-importer: the object a task stored is imported and read', async () => {
    const result = await run('example-importer');
    expect(result.status).toBe('succeeded');
    expect(result.tasks['importer']?.artifacts['artifact']?.path).toBe(
      join(cwd, 'objects', 'examples', 'notes', 'imported.txt'),
    );
    expect(result.tasks['count-lines']?.outputParameters).toEqual({ count: 1 });
  });
});
