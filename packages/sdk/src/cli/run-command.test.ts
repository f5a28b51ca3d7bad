import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fixturePipeline, tempDir } from '../../testing/local-runner/fixture-pipeline.js';
import { UsageError, type CliContext } from './command.js';
import { parseRunFlags, runCommand } from './run-command.js';

const IMAGE = 'ghcr.io/capstone/demo-hello';

interface Captured {
  readonly context: CliContext;
  readonly out: () => string;
  readonly err: () => string;
}

function capture(cwd: string, signal = new AbortController().signal): Captured {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return {
    context: { cwd, env: process.env, stdout, stderr, isTTY: false, signal },
    out: () => out,
    err: () => err,
  };
}

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
  await writeFile(join(dir, 'pnpm-workspace.yaml'), 'packages: []\n');
  await writeFile(
    join(dir, 'hello.mjs'),
    'const [, , name, times] = process.argv; for (let i = 0; i < Number(times); i++) console.log(`hello ${name}`);\n',
  );
  const spec = fixturePipeline(
    'demo',
    {
      hello: {
        script: '',
        image: `${IMAGE}:latest`,
        inputs: { name: 'STRING', times: 'NUMBER_INTEGER' },
        pass: { name: { componentInputParameter: 'name' }, times: { componentInputParameter: 'times' } },
        args: ["{{$.inputs.parameters['name']}}", "{{$.inputs.parameters['times']}}"],
      },
    },
    {
      parameters: {
        name: { type: 'STRING', default: 'world' },
        times: { type: 'NUMBER_INTEGER', default: 1 },
      },
    },
  );
  const executor = (
    spec['deploymentSpec'] as { executors: Record<string, { container: { command: string[] } }> }
  ).executors['exec-hello'];
  if (executor) executor.container.command = ['node', '/app/main.mjs'];
  await mkdir(join(dir, 'dist', 'pipelines'), { recursive: true });
  await writeFile(join(dir, 'dist', 'pipelines', 'demo.yaml'), stringify(spec));
  await writeFile(
    join(dir, 'dist', 'pipelines', 'images.json'),
    JSON.stringify({
      images: [
        {
          image: `${IMAGE}:latest`,
          repository: IMAGE,
          command: ['node', '/app/main.mjs'],
          localCommand: ['node', join(dir, 'hello.mjs')],
        },
      ],
    }),
  );
});

describe('capstone run', () => {
  it('prints help', async () => {
    const { context, out } = capture(dir);
    expect(await runCommand.run(['--help'], context)).toBe(0);
    expect(out()).toContain('Usage: capstone run <pipeline.yaml | pipeline-name>');
  });

  it('runs a pipeline by name through the image manifest, parsing params by type, then serves it from cache', async () => {
    const first = capture(dir);
    expect(
      await runCommand.run(
        ['demo', '--param', 'name=kubeflow', '--param=times=2', '--parallelism', '2'],
        first.context,
      ),
    ).toBe(0);
    expect(first.out()).toContain('[hello] hello kubeflow\n[hello] hello kubeflow\n');
    expect(first.out()).toMatch(/Run \S+ succeeded: 1 tasks, 0 from cache/);
    const second = capture(dir);
    expect(
      await runCommand.run(
        ['dist/pipelines/demo.yaml', '-p', 'name=kubeflow', '-p', 'times=2'],
        second.context,
      ),
    ).toBe(0);
    expect(second.out()).toMatch(/1 tasks, 1 from cache/);
    const uncached = capture(dir);
    expect(
      await runCommand.run(
        ['demo', '--param', 'name=kubeflow', '--param', 'times=2', '--no-cache', '--runs-dir', 'elsewhere'],
        uncached.context,
      ),
    ).toBe(0);
    expect(uncached.out()).toContain(join(dir, 'elsewhere', 'demo'));
    expect(uncached.out()).toMatch(/0 from cache/);
  });

  it('exits 1 with the failing task, its log tail and the build hint when an image has no local build', async () => {
    await writeFile(join(dir, 'empty.json'), JSON.stringify({ images: [] }));
    const { context, err, out } = capture(dir);
    expect(await runCommand.run(['demo', '--manifest', 'empty.json'], context)).toBe(1);
    expect(err()).toContain("Task 'hello' failed");
    expect(err()).toContain('pnpm build:pipelines');
    expect(out()).toMatch(/resume: capstone run demo --resume \S+/);
  });

  it('exits 130 when interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { context } = capture(dir, controller.signal);
    expect(await runCommand.run(['demo'], context)).toBe(130);
  });

  it.each([
    [['demo', '--param', 'nme=x'], /unknown parameter 'nme'; demo takes name, times/],
    [['demo', '--param', 'times=many'], /--param times: expected an integer, got 'many'/],
    [['missing-pipeline'], /no compiled pipeline named 'missing-pipeline'.*Known pipelines: demo/],
    [['nowhere/p.yaml'], /no such pipeline file/],
    [['demo', '--resume', 'no-such-run'], /cannot resume run 'no-such-run'/],
  ])('rejects %j with a usage error', async (args, message) => {
    const { context } = capture(dir);
    await expect(runCommand.run(args, context)).rejects.toThrow(message);
    await expect(runCommand.run(args, context)).rejects.toThrow(UsageError);
  });
});

describe('parseRunFlags', () => {
  it('reads every flag', () => {
    expect(
      parseRunFlags([
        'p.yaml',
        '--param',
        'a=1=2',
        '--parallelism=3',
        '--no-cache',
        '--resume',
        'r1',
        '--runs-dir',
        'd',
        '--manifest',
        'm.json',
        '--engine',
        'container',
      ]),
    ).toEqual({
      pipeline: 'p.yaml',
      params: [['a', '1=2']],
      parallelism: 3,
      cache: false,
      resume: 'r1',
      runsDir: 'd',
      manifest: 'm.json',
      engine: 'container',
      help: false,
    });
    expect(parseRunFlags(['p.yaml']).engine).toBe('local');
  });
  it.each([
    [[], /name a pipeline/],
    [['a', 'b'], /expected one pipeline, got a b/],
    [['a', '--parallelism', '0'], /at least 1, got '0'/],
    [['a', '--param', 'novalue'], /NAME=VALUE/],
    [['a', '--resume'], /--resume needs a value/],
    [['a', '--fast'], /unknown option --fast/],
    [['a', '--engine', 'docker'], /--engine must be one of local, container, got 'docker'/],
  ])('rejects %j', (args, message) => {
    expect(() => parseRunFlags(args)).toThrow(message);
  });
});
