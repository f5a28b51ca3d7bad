// The run-time twins of the type rules (for JavaScript callers and casts), and the official compiler's
// topology rules, which refuse the same pipelines the official SDK refuses.
import { describe, expect, it } from 'vitest';
import { artifact, defineComponent, definePipeline, param, type PipelineDefinition } from '../dsl/index.js';
import { compilePipeline } from './compile-pipeline.js';

const impl = 'file:///unused';
const count = defineComponent({ name: 'count', implementation: impl, outputs: { n: param.int() } });
const takesFloat = defineComponent({
  name: 'takes-float',
  implementation: impl,
  inputs: { x: param.float() },
});
const takesInt = defineComponent({ name: 'takes-int', implementation: impl, inputs: { n: param.int() } });
const write = defineComponent({
  name: 'write',
  implementation: impl,
  outputs: { file: artifact.artifact() },
});
const readDataset = defineComponent({
  name: 'read-dataset',
  implementation: impl,
  inputs: { data: artifact.dataset() },
});
const readModels = defineComponent({
  name: 'read-models',
  implementation: impl,
  inputs: { m: artifact.model({ list: true }) },
});
const status = defineComponent({
  name: 'status',
  implementation: impl,
  inputs: { s: param.taskFinalStatus() },
});

// Untyped on purpose: these are the mistakes the types stop, made the way a JavaScript caller could.
/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment -- `context` is `any` here on purpose */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Build = (context: any) => unknown;
const compile = (build: Build) =>
  compilePipeline(
    definePipeline({ name: 'p', build: (context) => void build(context) }) as unknown as PipelineDefinition,
    { project: 'p' },
  );

describe('type rules at run time (the official SDK refuses these too)', () => {
  it('refuses an int channel into a float input, and accepts a literal number', () => {
    expect(() =>
      compile(({ task }) => task(takesFloat, { x: (task(count) as { output: never }).output })),
    ).toThrow(/input 'x' is a float parameter; output parameter 'n' of task 'count' is a int/);
    expect(() => compile(({ task }) => task(takesFloat, { x: 2 }))).not.toThrow();
  });

  it('lets system.Artifact meet any artifact type, but never a list meet a single artifact', () => {
    expect(() =>
      compile(({ task }) =>
        task(readDataset, { data: (task(write) as { outputs: { file: never } }).outputs.file }),
      ),
    ).not.toThrow();
    expect(() =>
      compile(({ task }) =>
        task(readModels, { m: (task(write) as { outputs: { file: never } }).outputs.file }),
      ),
    ).toThrow(/input 'm' expects a list of system.Model, got system.Artifact/);
  });

  it('refuses a final-status input outside an exit task', () => {
    expect(() => compile(({ task }) => task(status))).toThrow(/only an exit handler's exit task can take/);
  });
});

describe('topology rules of the official compiler', () => {
  it('refuses a task that reads an output from inside a condition it is not in', () => {
    expect(() =>
      compile(({ task, condition }) => {
        let inner: unknown;
        (
          condition as (
            c: unknown,
            b: (ctx: { task: (...a: unknown[]) => { output: unknown } }) => void,
          ) => unknown
        )(
          (task(count) as { output: { eq: (v: number) => unknown } }).output.eq(1),
          ({ task }) => void (inner = task(count).output),
        );
        task(takesInt, { n: inner });
      }),
    ).toThrow(/depends on 'count-2' inside condition-1, a condition block it is not in/);
  });

  it('refuses a task that reads an output from inside a loop without collecting it', () => {
    expect(() =>
      compile(({ task, parallelFor }) => {
        let inner: unknown;
        (
          parallelFor as (
            i: unknown,
            b: (x: unknown, ctx: { task: (...a: unknown[]) => { output: unknown } }) => void,
          ) => unknown
        )([1, 2], (_x, { task }) => void (inner = task(count).output));
        task(takesInt, { n: inner });
      }),
    ).toThrow(/uses an output of 'count' inside loop for-loop-2; return it from the loop body to collect it/);
  });

  it('refuses exit handlers inside blocks, exit tasks that depend on tasks, and elif without its condition', () => {
    expect(() =>
      compile(({ task, condition }) => {
        const exit = task(count);
        (
          condition as (
            c: unknown,
            b: (ctx: { exitHandler: (t: unknown, b: () => void) => void }) => void,
          ) => unknown
        )((task(count) as { output: { eq: (v: number) => unknown } }).output.eq(1), ({ exitHandler }) =>
          exitHandler(exit, () => undefined),
        );
      }),
    ).toThrow(/exitHandler\(\) can only be used at the top level/);
    expect(() =>
      compile(({ task, exitHandler }) => {
        const first = task(count) as { output: never };
        const exit = task(takesInt, { n: first.output });
        exitHandler(exit as never, () => undefined);
      }),
    ).toThrow(/an exit task cannot depend on other tasks/);
    expect(() =>
      compile(({ task, condition }) => {
        const n = (task(count) as { output: { eq: (v: number) => unknown } }).output;
        const chain = (
          condition as (c: unknown, b: () => void) => { elif: (c: unknown, b: () => void) => unknown }
        )(n.eq(1), () => undefined);
        task(count);
        chain.elif(n.eq(2), () => undefined);
      }),
    ).toThrow(/elif\(\)\/else\(\) must follow their condition\(\) directly/);
  });

  it('refuses parallelism below 0, empty static items and iterating over a non-list', () => {
    expect(() =>
      compile(({ parallelFor }) => parallelFor([1], () => undefined, { parallelism: -1 })),
    ).toThrow(/parallelism must be a whole number >= 0/);
    expect(() => compile(({ parallelFor }) => parallelFor([], () => undefined))).toThrow(
      /empty list of items/,
    );
    expect(() =>
      compile(({ task, parallelFor }) =>
        parallelFor((task(count) as { output: never }).output, () => undefined),
      ),
    ).toThrow(/cannot iterate over output parameter 'n' of task 'count' of kind int; expected a list/);
  });
});
