// oneOf() and collected() of conditions on the local runner, in the shapes of the official goldens
// if_elif_else_with_oneof_parameters, if_elif_else_complex and conditional_producer_and_consumers: compiled
// to YAML, run from it, and checked by value.
import { beforeEach, describe, expect, it } from 'vitest';
import { compilePipelineToYaml } from '../compiler/index.js';
import { defineContainerComponent, definePipeline, param, type PipelineDefinition } from '../dsl/index.js';
import { tempDir } from '../../testing/local-runner/fixture-pipeline.js';
import { conditionalMathPipeline } from '../../testing/golden/control-flow/one-of.js';
import { emit, nodeScript } from '../../testing/local-runner/node-components.js';
import { passthroughImageResolver } from './image-resolver.js';
import { parsePipelineYaml } from './load-pipeline.js';
import { readRunState, type RunState } from './run-state.js';
import { runPipeline } from './run-pipeline.js';

/** Returns its text (and prints it); fails when the text is `fail`. */
const echo = defineContainerComponent({
  name: 'echo',
  inputs: { text: param.string() },
  outputs: { Output: param.string() },
  image: 'node:24',
  command: ({ inputs, outputs }) => [
    'node',
    '-e',
    nodeScript(
      'if (a[0] === "fail") throw new Error("asked to fail"); console.log(a[0]); fs.writeFileSync(a[1], a[0]);',
    ),
    inputs.text,
    outputs.Output.outputFile,
  ],
});
/** The same with another output name (the golden's `special-print-and-return`). */
const echoKey = defineContainerComponent({
  name: 'echo-key',
  inputs: { text: param.string() },
  outputs: { output_key: param.string() },
  image: 'node:24',
  command: ({ inputs, outputs }) => [
    'node',
    '-e',
    nodeScript('fs.writeFileSync(a[1], a[0]);'),
    inputs.text,
    outputs.output_key.outputFile,
  ],
});
const parity = defineContainerComponent({
  name: 'parity',
  inputs: { num: param.int() },
  outputs: { Output: param.string() },
  image: 'node:24',
  command: ({ inputs, outputs }) => [
    'node',
    '-e',
    nodeScript('fs.writeFileSync(a[1], Number(a[0]) % 2 ? "odd" : "even");'),
    inputs.num,
    outputs.Output.outputFile,
  ],
});
const double = defineContainerComponent({
  name: 'double',
  inputs: { num: param.int() },
  outputs: { Output: param.int() },
  image: 'node:24',
  command: ({ inputs, outputs }) => [
    'node',
    '-e',
    nodeScript('fs.writeFileSync(a[1], String(2 * Number(a[0])));'),
    inputs.num,
    outputs.Output.outputFile,
  ],
});
const add = defineContainerComponent({
  name: 'add',
  inputs: { nums: param.list<number>() },
  outputs: { Output: param.int() },
  image: 'node:24',
  command: ({ inputs, outputs }) => [
    'node',
    '-e',
    nodeScript('fs.writeFileSync(a[1], String(JSON.parse(a[0]).reduce((s, n) => s + n, 0)));'),
    inputs.nums,
    outputs.Output.outputFile,
  ],
});

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});

async function run(
  definition: unknown,
  parameters: Record<string, unknown>,
): Promise<{ status: string; state: RunState }> {
  const yaml = compilePipelineToYaml(definition as PipelineDefinition, { project: 'test' });
  const result = await runPipeline({
    spec: parsePipelineYaml(yaml),
    parameters,
    cwd: dir,
    imageResolver: passthroughImageResolver,
    parallelism: 4,
  });
  // A failed run names its failures in the assertion message.
  const status =
    result.status === 'succeeded' ? 'succeeded' : `${result.status}: ${JSON.stringify(result.failures)}`;
  return { status, state: await readRunState(result.runDir) };
}

/** if_elif_else_with_oneof_parameters: a three-way chain's oneOf, returned by a pipeline used as a task. */
const rollDie = definePipeline({
  name: 'roll-die',
  params: { n: param.int() },
  outputs: { Output: param.string() },
  build: ({ params, task, condition }) => {
    const die = task(emit, { value: params.n });
    const text = condition(die.output.lt(20), ({ task }) => task(echo, { text: 'low' }).output)
      .elif(die.output.eq(20), ({ task }) => task(echo, { text: 'two' }).output)
      .else(({ task }) => task(echoKey, { text: 'high' }).outputs.output_key)
      .oneOf();
    return { Output: text };
  },
});
const outer = definePipeline({
  name: 'outer',
  params: { n: param.int() },
  outputs: { Output: param.string() },
  build: ({ params, task }) => {
    const rolled = task(rollDie, { n: params.n });
    return { Output: task(echo, { text: rolled.output }, { name: 'final' }).output };
  },
});

describe('oneOf on the local runner', () => {
  it.each([
    [1, 'condition-2', 'low'],
    [2, 'condition-3', 'two'],
    [7, 'condition-4', 'high'],
  ])(
    'n=%s: %s runs and its output is the oneOf (%s), through the nested pipeline',
    async (n, branch, text) => {
      const { status, state } = await run(outer, { n });
      expect(status).toBe('succeeded');
      for (const other of ['condition-2', 'condition-3', 'condition-4']) {
        expect(state.tasks[`roll-die/condition-branches-1/${other}`]?.status).toBe(
          other === branch ? 'succeeded' : 'skipped',
        );
      }
      expect(state.tasks['roll-die/condition-branches-1']?.outputParameters).toEqual({
        'pipelinechannel--condition-branches-1-oneof-1': text,
      });
      expect(state.tasks['roll-die']?.outputParameters).toEqual({ Output: text });
      expect(state.tasks['final']?.outputParameters).toEqual({ Output: text });
    },
  );

  it('a failing branch fails the run; the oneOf consumer is skipped, not given a value', async () => {
    const failing = definePipeline({
      name: 'failing-branch',
      params: { n: param.int() },
      build: ({ params, task, condition }) => {
        const text = condition(params.n.eq(1), ({ task }) => task(echo, { text: 'fail' }).output)
          .else(({ task }) => task(echo, { text: 'fine' }).output)
          .oneOf();
        task(echo, { text }, { name: 'consumer' });
      },
    });
    const failed = await run(failing, { n: 1 });
    expect(failed.status).toMatch(/^failed: /);
    expect(failed.state.tasks['condition-branches-1/condition-2/echo']?.status).toBe('failed');
    expect(failed.state.tasks['consumer']?.status).toBe('skipped');
    const fine = await run(failing, { n: 2 });
    expect(fine.status).toBe('succeeded');
    expect(fine.state.tasks['consumer']?.outputParameters).toEqual({ Output: 'fine' });
  });
});

/** if_elif_else_complex: chains nested in a chain inside a loop, a oneOf in two branches, the values collected. */
const lucky = definePipeline({
  name: 'lucky',
  params: { trials: param.list<number>({ items: 'int' }) },
  outputs: { values: param.list<number>() },
  build: ({ params, parallelFor }) => {
    const values = parallelFor(params.trials, (trial, { task, condition }) => {
      const value = task(emit, { value: trial });
      condition(value.output.lt(50), ({ task, condition }) => {
        const kind = task(parity, { num: trial });
        const text = condition(kind.output.eq('even'), ({ task }) => task(echo, { text: 'low even' }).output)
          .else(({ task }) => task(echo, { text: 'low odd' }).output)
          .oneOf();
        task(echo, { text }, { name: 'low-report' });
      })
        .elif(value.output.gt(50), ({ task, condition }) => {
          const kind = task(parity, { num: trial });
          const text = condition(
            kind.output.eq('even'),
            ({ task }) => task(echo, { text: 'high even' }).output,
          )
            .else(({ task }) => task(echo, { text: 'high odd' }).output)
            .oneOf();
          task(echo, { text }, { name: 'high-report' });
        })
        .else(({ task }) => void task(echo, { text: 'exactly 50' }, { name: 'lucky-report' }));
      return value.output;
    });
    return { values };
  },
});

describe('nested chains with oneOf inside a loop', () => {
  it('each iteration runs its own branch and reports the oneOf of its inner chain', async () => {
    const trials = [1, 6, 3, 5, 8];
    const { status, state } = await run(lucky, { trials });
    expect(status).toBe('succeeded');
    const reports = Object.entries(state.tasks)
      // Two iterations with the same text may share a cache entry: the later one is 'cached', still done.
      .filter(
        ([path, record]) =>
          /-report$/.test(path) && (record.status === 'succeeded' || record.status === 'cached'),
      )
      .map(([path, record]) => [
        path.split('/')[1],
        path.split('/').pop(),
        record.outputParameters['Output'],
      ]);
    expect(reports.sort()).toEqual([
      ['0', 'low-report', 'low odd'],
      ['1', 'high-report', 'high even'],
      ['2', 'low-report', 'low odd'],
      ['3', 'lucky-report', 'exactly 50'],
      ['4', 'high-report', 'high even'],
    ]);
    const loop = Object.entries(state.tasks).find(([, r]) => r.kind === 'loop');
    expect(loop?.[1].outputParameters).toEqual({ 'pipelinechannel--emit-out': [10, 60, 30, 50, 80] });
  });
});

/** conditional_producer_and_consumers, with components that run here. */
const math = conditionalMathPipeline(double, add);

describe('collected through conditions', () => {
  it('threshold 2: the loop collects only the iterations whose condition held; the sum is surfaced', async () => {
    const { status, state } = await run(math, { threshold: 2 });
    expect(status).toBe('succeeded');
    expect(state.tasks['for-loop-2']?.outputParameters).toEqual({ 'pipelinechannel--double-Output': [4, 6] });
    expect(state.tasks['condition-4/add']?.outputParameters).toEqual({ Output: 10 });
    // As on KFP (the driver follows valueFromParameter): the block's single value, although declared a list.
    expect(state.tasks['condition-4']?.outputParameters).toEqual({ 'pipelinechannel--add-Output': 10 });
  });

  it('threshold 3: one doubled value; the consuming condition does not hold, so nothing is added', async () => {
    const { status, state } = await run(math, { threshold: 3 });
    expect(status).toBe('succeeded');
    expect(state.tasks['for-loop-2']?.outputParameters).toEqual({ 'pipelinechannel--double-Output': [6] });
    expect(state.tasks['condition-4']?.status).toBe('skipped');
    expect(state.tasks['condition-4/add']).toBeUndefined();
  });
});
