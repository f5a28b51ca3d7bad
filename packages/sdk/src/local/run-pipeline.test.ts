import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ParameterError } from './errors.js';
import {
  asyncScript,
  fixturePipeline,
  tempDir,
  waitForFileSource,
} from '../../testing/local-runner/fixture-pipeline.js';
import { runFixture, times } from '../../testing/local-runner/run-fixture.js';
import { passthroughImageResolver } from './image-resolver.js';
import { buildPipelineModel } from './load-pipeline.js';
import type { RunEvent } from './run-events.js';
import { runPipeline } from './run-pipeline.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});

describe('runPipeline scheduling', () => {
  it('runs independent tasks at the same time and starts a join only after both', async () => {
    // Each side announces itself and waits for the other: they can only both succeed if they overlap.
    const side = (me: string, other: string) => ({
      script: asyncScript(
        `fs.writeFileSync(${JSON.stringify(join(dir, me))}, ''); ${waitForFileSource(join(dir, other))}`,
      ),
      cache: false,
    });
    const spec = fixturePipeline('parallel', {
      left: side('left', 'right'),
      right: side('right', 'left'),
      join: { script: '', after: ['left', 'right'], cache: false },
    });
    const { result, state } = await runFixture(spec, dir, { parallelism: 2 });
    expect(result.status).toBe('succeeded');
    const [left, right, joined] = [times(state, 'left'), times(state, 'right'), times(state, 'join')];
    expect(left.start).toBeLessThan(right.end);
    expect(right.start).toBeLessThan(left.end);
    expect(joined.start).toBeGreaterThanOrEqual(Math.max(left.end, right.end));
  });

  it('never runs more than `parallelism` tasks at once', async () => {
    const spec = fixturePipeline('serial', {
      x: { script: '', cache: false },
      y: { script: '', cache: false },
      z: { script: '', cache: false },
    });
    const { state } = await runFixture(spec, dir, { parallelism: 1 });
    const spans = ['x', 'y', 'z'].map((task) => times(state, task)).sort((a, b) => a.start - b.start);
    for (let index = 1; index < spans.length; index++) {
      expect(spans[index]?.start).toBeGreaterThanOrEqual(spans[index - 1]?.end ?? Infinity);
    }
  });
});

describe('runPipeline data flow', () => {
  it('passes typed parameters and artifacts, creating output parents but not output paths', async () => {
    const produce = asyncScript(`
      const [n, artifact, out] = process.argv.slice(1);
      if (fs.existsSync(artifact)) throw new Error('artifact path exists before the run');
      if (!fs.existsSync(require('node:path').dirname(artifact))) throw new Error('artifact parent missing');
      fs.mkdirSync(artifact); fs.writeFileSync(artifact + '/rows.txt', 'a\\nb\\n');
      fs.writeFileSync(out, String(Number(n) + 1) + '\\n');`);
    const consume = asyncScript(`
      const [n, flag, data, out] = process.argv.slice(1);
      const rows = fs.readFileSync(data + '/rows.txt', 'utf8').trim().split('\\n');
      fs.writeFileSync(out, JSON.stringify({ n, flag, rows }));`);
    const spec = fixturePipeline(
      'flow',
      {
        produce: {
          script: produce,
          inputs: { n: 'NUMBER_INTEGER' },
          pass: { n: { componentInputParameter: 'start' } },
          args: [
            "{{$.inputs.parameters['n']}}",
            "{{$.outputs.artifacts['data'].path}}",
            "{{$.outputs.parameters['next'].output_file}}",
          ],
          outputs: { next: 'NUMBER_INTEGER' },
          outputArtifacts: ['data'],
        },
        consume: {
          script: consume,
          inputs: { n: 'NUMBER_INTEGER', flag: { type: 'BOOLEAN', default: true } },
          inputArtifacts: ['data'],
          pass: { n: { taskOutputParameter: { producerTask: 'produce', outputParameterKey: 'next' } } },
          artifactsFrom: { data: ['produce', 'data'] },
          args: [
            "{{$.inputs.parameters['n']}}",
            "{{$.inputs.parameters['flag']}}",
            "{{$.inputs.artifacts['data'].path}}",
            "{{$.outputs.parameters['summary'].output_file}}",
          ],
          outputs: { summary: 'STRUCT' },
        },
      },
      { parameters: { start: { type: 'NUMBER_INTEGER', default: 2.0 } } },
    );
    const { result, state } = await runFixture(spec, dir, { parameters: { start: 40 } });
    expect(result.status).toBe('succeeded');
    expect(state.parameters).toEqual({ start: 40 });
    expect(state.tasks['produce']?.outputParameters).toEqual({ next: 41 });
    expect(state.tasks['consume']?.outputParameters).toEqual({
      summary: { n: '41', flag: 'true', rows: ['a', 'b'] },
    });
    const artifact = state.tasks['produce']?.artifacts['data'];
    expect(artifact?.path).toBe(join(result.runDir, 'produce', 'data'));
    expect(artifact?.uri).toBe(`file://${join(result.runDir, 'produce', 'data')}`);
    expect(await readFile(join(result.runDir, 'produce', 'data', 'rows.txt'), 'utf8')).toBe('a\nb\n');
  });

  it('rejects unknown or mistyped parameters before running anything', async () => {
    const spec = fixturePipeline('params', { t: { script: '' } }, { parameters: { n: 'NUMBER_INTEGER' } });
    await expect(runFixture(spec, dir, { parameters: { n: 1, extra: 2 } })).rejects.toThrow(ParameterError);
    await expect(runFixture(spec, dir, { parameters: { n: 'one' } })).rejects.toThrow(
      /expected NUMBER_INTEGER/,
    );
    expect(existsSync(join(dir, '.runs', 'params'))).toBe(false);
  });
});

describe('runPipeline failures', () => {
  it('skips everything downstream of a failed task, runs the rest, and reports the exit code and log tail', async () => {
    const spec = fixturePipeline('failing', {
      broken: { script: 'for (let i = 1; i <= 30; i++) console.log("boom " + i); process.exit(3);' },
      down: { script: '', after: ['broken'] },
      further: { script: '', after: ['down'] },
      free: { script: 'console.log("independent")' },
    });
    const { result, state } = await runFixture(spec, dir);
    expect(result.status).toBe('failed');
    expect(result.exitCode).toBe(1);
    expect(
      Object.fromEntries(Object.entries(state.tasks).map(([name, record]) => [name, record.status])),
    ).toEqual({
      broken: 'failed',
      down: 'skipped',
      further: 'skipped',
      free: 'succeeded',
    });
    expect(state.tasks['broken']?.exitCode).toBe(3);
    const [failure] = result.failures;
    expect(failure).toMatchObject({ task: 'broken', exitCode: 3, error: 'exited with code 3' });
    expect(failure?.logTail).toHaveLength(20);
    expect(failure?.logTail).toContain('boom 30');
    expect(await readFile(join(result.runDir, 'broken', 'log.txt'), 'utf8')).toContain('boom 1\n');
  });

  it('fails a task whose output parameter file is missing', async () => {
    const spec = fixturePipeline('no-output', {
      quiet: {
        script: '',
        outputs: { rows: 'NUMBER_INTEGER' },
        args: ["{{$.outputs.parameters['rows'].output_file}}"],
      },
    });
    const { result, state } = await runFixture(spec, dir);
    expect(result.status).toBe('failed');
    expect(state.tasks['quiet']?.error).toMatch(
      /output parameter 'rows': the component did not write its output file/,
    );
  });

  it('only warns about a missing output artifact', async () => {
    const spec = fixturePipeline('no-artifact', {
      lazy: { script: '', outputArtifacts: ['report'], args: ["{{$.outputs.artifacts['report'].path}}"] },
    });
    const { result, state, events } = await runFixture(spec, dir);
    expect(result.status).toBe('succeeded');
    expect(state.tasks['lazy']?.warnings).toEqual(["output artifact 'report' was not created"]);
    expect(state.tasks['lazy']?.artifacts['report']?.exists).toBe(false);
    expect(events).toContainEqual({
      type: 'task-message',
      task: 'lazy',
      level: 'warn',
      message: "output artifact 'report' was not created",
    });
  });

  it('fails a task whose image has no local build, with the build hint in its log', async () => {
    const spec = fixturePipeline('no-image', { t: { script: '' } });
    const { result } = await runFixture(spec, dir, {
      imageResolver: () => {
        throw new Error('no local build for image node:20. Run `pnpm build:pipelines`');
      },
    });
    expect(result.status).toBe('failed');
    expect(result.failures[0]?.logTail.join('\n')).toMatch(/pnpm build:pipelines/);
  });
});

describe('task environment', () => {
  const dumpEnv = asyncScript(
    `const keys = ['GREETING', 'DB_PASSWORD', 'API_TOKEN', 'CAPSTONE_OBJECT_STORE_DIR', 'S3_ENDPOINT', 'UNRELATED']; fs.writeFileSync(process.argv[1], JSON.stringify(Object.fromEntries(keys.map((k) => [k, process.env[k] ?? null]))));`,
  );
  const spec = (): Record<string, unknown> =>
    fixturePipeline('env', {
      show: {
        script: dumpEnv,
        env: [{ name: 'GREETING', value: 'hi' }],
        outputs: { env: 'STRUCT' },
        args: ["{{$.outputs.parameters['env'].output_file}}"],
        cache: false,
      },
    });
  const platform = {
    platforms: {
      kubernetes: {
        deploymentSpec: {
          executors: {
            'exec-show': {
              secretAsEnv: [
                {
                  secretName: 'db',
                  keyToEnv: [
                    { secretKey: 'password', envVar: 'DB_PASSWORD' },
                    { secretKey: 'token', envVar: 'API_TOKEN' },
                  ],
                },
                {
                  secretName: 'mlpipeline-minio-artifact',
                  keyToEnv: [{ secretKey: 'accesskey', envVar: 'AWS_ACCESS_KEY_ID' }],
                },
              ],
            },
          },
        },
      },
    },
  };

  it('passes container env, the embedded object store dir and mapped secrets, but not the rest of the shell', async () => {
    const events: RunEvent[] = [];
    const result = await runPipeline({
      spec: buildPipelineModel(spec(), platform),
      cwd: dir,
      runsDir: join(dir, '.runs'),
      env: { PATH: process.env['PATH'], DB_PASSWORD: 's3cret', UNRELATED: 'x' },
      imageResolver: passthroughImageResolver,
      onEvent: (event) => events.push(event),
    });
    expect(result.tasks['show']?.outputParameters['env']).toEqual({
      GREETING: 'hi',
      DB_PASSWORD: 's3cret',
      API_TOKEN: null,
      CAPSTONE_OBJECT_STORE_DIR: join(dir, '.data', 'objects'),
      S3_ENDPOINT: null,
      UNRELATED: null,
    });
    expect(result.tasks['show']?.warnings).toEqual([
      'secret db/token maps to $API_TOKEN, which is not set in your environment',
    ]);
    expect(JSON.stringify(events.filter((event) => event.type === 'task-message'))).not.toContain('s3cret');
    expect(await readFile(join(result.runDir, 'show', 'log.txt'), 'utf8')).not.toContain('s3cret');
  });

  it('passes the S3 configuration through instead of the embedded store when an endpoint is set', async () => {
    const env = { PATH: process.env['PATH'], S3_ENDPOINT: 'http://127.0.0.1:9000' };
    const result = await runPipeline({
      spec: buildPipelineModel(spec(), platform),
      cwd: dir,
      runsDir: join(dir, '.runs'),
      env,
      imageResolver: passthroughImageResolver,
    });
    expect(result.tasks['show']?.outputParameters['env']).toMatchObject({
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      CAPSTONE_OBJECT_STORE_DIR: null,
    });
    // Missing S3 credentials are worth a warning only here, where S3 is used (not on the embedded store above).
    expect(result.tasks['show']?.warnings).toContain(
      'secret mlpipeline-minio-artifact/accesskey maps to $AWS_ACCESS_KEY_ID, which is not set in your environment',
    );
  });
});
