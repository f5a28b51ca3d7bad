import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { compilePipelineToYaml } from '../compiler/index.js';
import { artifact, defineContainerComponent, definePipeline, EXECUTOR_INPUT, param } from '../dsl/index.js';
import type { PipelineDefinition } from '../dsl/index.js';
import { tempDir } from '../../testing/local-runner/fixture-pipeline.js';
import { times } from '../../testing/local-runner/run-fixture.js';
import { passthroughImageResolver } from './image-resolver.js';
import { parsePipelineYaml } from './load-pipeline.js';
import { readRunState, type RunState } from './run-state.js';
import { runPipeline, type RunPipelineOptions } from './run-pipeline.js';

// Components are `node -e` programs, compiled to YAML and run from it, as on a cluster.
const js = (body: string) =>
  `const fs = require('node:fs'); const a = process.argv.slice(1); (async () => { ${body} })().catch((e) => { console.error(e.message); process.exit(1); });`;

const emit = defineContainerComponent({
  name: 'emit',
  inputs: { value: param.int(), delayMs: param.int({ default: 0 }) },
  outputs: { out: param.int() },
  image: 'node:24',
  command: ({ inputs, outputs }) => [
    'node',
    '-e',
    js(
      'await new Promise((r) => setTimeout(r, Number(a[1]))); fs.writeFileSync(a[2], String(Number(a[0]) * 10));',
    ),
    inputs.value,
    inputs.delayMs,
    outputs.out.outputFile,
  ],
});
const say = defineContainerComponent({
  name: 'say',
  inputs: { text: param.string() },
  image: 'node:24',
  command: ({ inputs }) => ['node', '-e', js('console.log("said", a[0]);'), inputs.text],
});
const sum = defineContainerComponent({
  name: 'sum',
  inputs: { numbers: param.list<number>() },
  outputs: { total: param.string() },
  image: 'node:24',
  command: ({ inputs, outputs }) => [
    'node',
    '-e',
    js('fs.writeFileSync(a[1], a[0]);'),
    inputs.numbers,
    outputs.total.outputFile,
  ],
});

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});

async function run(
  definition: PipelineDefinition,
  options: Partial<RunPipelineOptions> = {},
): Promise<{ status: string; state: RunState; runDir: string }> {
  const spec = parsePipelineYaml(compilePipelineToYaml(definition, { project: 'test' }));
  const result = await runPipeline({
    spec,
    cwd: dir,
    imageResolver: passthroughImageResolver,
    parallelism: 4,
    ...options,
  });
  return { status: result.status, state: await readRunState(result.runDir), runDir: result.runDir };
}

describe('conditions', () => {
  const pipeline = definePipeline({
    name: 'branches',
    params: { n: param.int() },
    build: ({ params, task, condition }) => {
      const value = task(emit, { value: params.n });
      condition(value.output.lt(20), ({ task }) => void task(say, { text: 'low' }))
        .elif(value.output.eq(20), ({ task }) => void task(say, { text: 'two' }))
        .else(({ task }) => void task(say, { text: 'high' }));
    },
  }) as unknown as PipelineDefinition;

  it.each([
    [1, 'condition-2/say'],
    [2, 'condition-3/say-2'],
    [7, 'condition-4/say-3'],
  ])('n=%s runs exactly one branch (%s) and skips the others', async (n, ran) => {
    const { status, state } = await run(pipeline, { parameters: { n } });
    expect(status).toBe('succeeded');
    const branches = ['condition-2', 'condition-3', 'condition-4'];
    for (const branch of branches) {
      expect(state.tasks[`condition-branches-1/${branch}`]?.status).toBe(
        ran.startsWith(branch) ? 'succeeded' : 'skipped',
      );
    }
    expect(state.tasks[`condition-branches-1/${ran}`]?.status).toBe('succeeded');
  });
});

describe('skipping', () => {
  it('skips every task downstream of a failure, whatever the order of their names', async () => {
    const fail = defineContainerComponent({
      name: 'fail-now',
      image: 'node:24',
      command: () => ['node', '-e', 'process.exit(3)'],
    });
    const pipeline = definePipeline({
      name: 'chain',
      build: ({ task }) => {
        const first = task(fail, {}, { name: 'zz-first' });
        const middle = task(say, { text: 'm' }, { name: 'mm-middle' }).after(first);
        task(say, { text: 'a' }, { name: 'aa-last' }).after(middle);
      },
    }) as unknown as PipelineDefinition;
    const { status, state } = await run(pipeline);
    expect(status).toBe('failed');
    expect(['zz-first', 'mm-middle', 'aa-last'].map((t) => state.tasks[t]?.status)).toEqual([
      'failed',
      'skipped',
      'skipped',
    ]);
  });
});

describe('loops', () => {
  it('collects outputs in item order although later items finish first, and honours parallelism', async () => {
    const pipeline = definePipeline({
      name: 'fan-in',
      build: ({ task, parallelFor }) => {
        const outs = parallelFor([3, 2, 1], (n, { task }) => task(emit, { value: n, delayMs: n }).output);
        task(sum, { numbers: outs });
        const serial = parallelFor(
          [1, 2, 3],
          (n, { task }) => task(emit, { value: n, delayMs: 150 }).output,
          { parallelism: 1 },
        );
        task(sum, { numbers: serial });
      },
    });
    const { status, state, runDir } = await run(pipeline);
    expect(status).toBe('succeeded');
    expect(state.tasks['sum']?.outputParameters['total']).toBe('[30,20,10]');
    // The report draws the root DAG and one graph per iteration; the timeline nests iterations under loops.
    const html = await readFile(join(runDir, 'report.html'), 'utf8');
    expect(html).toContain('data-task="for-loop-2" data-status="succeeded"');
    expect(html).toContain('data-dag="for-loop-2/1"');
    expect(html).toContain('data-task="for-loop-2/1/emit" data-status="succeeded"');
    expect(html).toMatch(/data-task="for-loop-2\/1"><span class="gantt-label" style="padding-left:12px">1</);
    expect(html).toMatch(
      /data-task="for-loop-2\/1\/emit"><span class="gantt-label" style="padding-left:24px">emit</,
    );
    expect(state.tasks['for-loop-4']?.outputParameters).toEqual({
      'pipelinechannel--emit-2-out': [10, 20, 30],
    });
    const spans = [0, 1, 2]
      .map((i) => times(state, `for-loop-4/${i}/emit-2`))
      .sort((x, y) => x.start - y.start);
    expect(spans[1]?.start).toBeGreaterThanOrEqual(spans[0]?.end ?? Infinity);
    expect(spans[2]?.start).toBeGreaterThanOrEqual(spans[1]?.end ?? Infinity);
  });

  it('resumes only the iteration that failed, and serves a repeated run per iteration from the cache', async () => {
    const marker = join(dir, 'allow');
    const flaky = defineContainerComponent({
      name: 'flaky',
      inputs: { n: param.int(), marker: param.string() },
      outputs: { out: param.int() },
      image: 'node:24',
      command: ({ inputs, outputs }) => [
        'node',
        '-e',
        js(
          'if (a[0] === "2" && !fs.existsSync(a[1])) throw new Error("item 2 not allowed yet"); fs.writeFileSync(a[2], a[0]);',
        ),
        inputs.n,
        inputs.marker,
        outputs.out.outputFile,
      ],
    });
    const pipeline = definePipeline({
      name: 'resumable',
      build: ({ task, parallelFor }) => {
        task(sum, { numbers: parallelFor([1, 2, 3], (n, { task }) => task(flaky, { n, marker }).output) });
      },
    }) as unknown as PipelineDefinition;
    const first = await run(pipeline, { runId: 'r1' });
    expect(first.status, Object.keys(first.state.tasks).join()).toBe('failed');
    expect(first.state.tasks['for-loop-2/1/flaky']?.status, Object.keys(first.state.tasks).join()).toBe(
      'failed',
    );
    expect(first.state.tasks['sum']?.status).toBe('skipped');
    const before = first.state.tasks['for-loop-2/0/flaky']?.startedAt;
    await writeFile(marker, '');
    const resumed = await run(pipeline, { resume: 'r1' });
    expect(resumed.status).toBe('succeeded');
    expect(resumed.state.tasks['for-loop-2/0/flaky']?.startedAt).toBe(before);
    expect(resumed.state.tasks['sum']?.outputParameters['total']).toBe('[1,2,3]');
    const again = await run(pipeline, { runId: 'r2' });
    expect(['0', '1', '2'].map((i) => again.state.tasks[`for-loop-2/${i}/flaky`]?.status)).toEqual([
      'cached',
      'cached',
      'cached',
    ]);
  });
});

describe('collected artifacts', () => {
  it('hands a list of artifacts, in item order, to a task that reads the executor input', async () => {
    const write = defineContainerComponent({
      name: 'write',
      inputs: { text: param.string() },
      outputs: { file: artifact.dataset() },
      image: 'node:24',
      command: ({ inputs, outputs }) => [
        'node',
        '-e',
        js('fs.writeFileSync(a[1], a[0]);'),
        inputs.text,
        outputs.file.path,
      ],
    });
    const readAll = defineContainerComponent({
      name: 'read-all',
      inputs: { files: artifact.dataset({ list: true }) },
      outputs: { text: param.string() },
      image: 'node:24',
      command: ({ outputs }) => [
        'node',
        '-e',
        js(
          'const x = JSON.parse(a[0]); const uris = x.inputs.artifacts.files.artifacts.map((f) => f.uri); fs.writeFileSync(a[1], uris.map((u) => fs.readFileSync(new URL(u), "utf8")).join(","));',
        ),
        EXECUTOR_INPUT,
        outputs.text.outputFile,
      ],
    });
    const pipeline = definePipeline({
      name: 'files',
      build: ({ task, parallelFor }) => {
        task(readAll, {
          files: parallelFor(['c', 'a', 'b'], (t, { task }) => task(write, { text: t }).outputs.file),
        });
      },
    }) as unknown as PipelineDefinition;
    const { status, state } = await run(pipeline);
    expect(status).toBe('succeeded');
    expect(state.tasks['read-all']?.outputParameters['text']).toBe('c,a,b');
  });
});

describe('exit handlers', () => {
  const report = defineContainerComponent({
    name: 'report',
    inputs: { status: param.taskFinalStatus() },
    outputs: { seen: param.string() },
    image: 'node:24',
    command: ({ inputs, outputs }) => [
      'node',
      '-e',
      js('fs.writeFileSync(a[1], a[0]);'),
      inputs.status,
      outputs.seen.outputFile,
    ],
  });
  const fail = defineContainerComponent({
    name: 'fail',
    inputs: { really: param.bool() },
    image: 'node:24',
    command: ({ inputs }) => [
      'node',
      '-e',
      js('if (a[0] === "true") throw new Error("asked to fail");'),
      inputs.really,
    ],
  });
  const pipeline = definePipeline({
    name: 'with-exit',
    params: { really: param.bool() },
    build: ({ params, task, exitHandler }) => {
      const exit = task(report);
      exitHandler(exit, ({ task }) => {
        const first = task(fail, { really: params.really });
        task(say, { text: 'after' }).after(first);
      });
    },
  }) as unknown as PipelineDefinition;

  it('runs the exit task after a failure, with the failure in its status; the run fails', async () => {
    const { status, state } = await run(pipeline, { parameters: { really: true } });
    expect(status).toBe('failed');
    expect(state.tasks['exit-handler-1/say']?.status).toBe('skipped');
    const seen = JSON.parse(state.tasks['report']?.outputParameters['seen'] as string) as Record<
      string,
      unknown
    >;
    expect(seen).toMatchObject({ state: 'FAILED', pipelineTaskName: 'exit-handler-1' });
    expect(JSON.stringify(seen['error'])).toMatch(/exit-handler-1\/fail: exited with code 1/);
  });

  it('runs the exit task after success too, reporting SUCCEEDED', async () => {
    const { status, state } = await run(pipeline, { parameters: { really: false } });
    expect(status).toBe('succeeded');
    expect(JSON.parse(state.tasks['report']?.outputParameters['seen'] as string)).toMatchObject({
      state: 'SUCCEEDED',
      error: {},
    });
  });
});

describe('pipelines as tasks and importers', () => {
  it('runs a nested pipeline, passes its output on, and imports a local file', async () => {
    const inner = definePipeline({
      name: 'inner',
      params: { n: param.int() },
      outputs: { out: param.int() },
      build: ({ params, task }) => ({ out: task(emit, { value: params.n }).output }),
    });
    const file = join(dir, 'data.txt');
    await writeFile(file, 'x\ny\n');
    const lines = defineContainerComponent({
      name: 'lines',
      inputs: { data: artifact.dataset() },
      outputs: { count: param.int() },
      image: 'node:24',
      command: ({ inputs, outputs }) => [
        'node',
        '-e',
        js('fs.writeFileSync(a[1], String(fs.readFileSync(a[0], "utf8").trim().split("\\n").length));'),
        inputs.data.path,
        outputs.count.outputFile,
      ],
    });
    const outer = definePipeline({
      name: 'outer',
      build: ({ task, importer }) => {
        const nested = task(inner, { n: 4 });
        task(emit, { value: nested.output });
        task(lines, {
          data: importer({ uri: pathToFileURL(file).href, artifact: artifact.dataset() }).output,
        });
      },
    }) as unknown as PipelineDefinition;
    const { status, state } = await run(outer);
    expect(status).toBe('succeeded');
    expect(state.tasks['inner']?.outputParameters).toEqual({ out: 40 });
    expect(state.tasks['emit']?.outputParameters).toEqual({ out: 400 });
    expect(state.tasks['lines']?.outputParameters).toEqual({ count: 2 });
    expect(existsSync(join(dir, '.runs'))).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('x\ny\n');
  });
});
