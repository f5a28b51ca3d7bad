// oneOf() and collected() of condition blocks: the run-time twins of the type rules (for JavaScript callers
// and casts), the official compiler's rules, and the IR they compile to where no golden shows it.
import { describe, expect, it } from 'vitest';
import { artifact, defineComponent, definePipeline, param, type PipelineDefinition } from '../dsl/index.js';
import { compilePipeline } from './compile-pipeline.js';

const impl = 'file:///unused';
const count = defineComponent({ name: 'count', implementation: impl, outputs: { n: param.int() } });
const ratio = defineComponent({ name: 'ratio', implementation: impl, outputs: { x: param.float() } });
const write = defineComponent({ name: 'write', implementation: impl, outputs: { file: artifact.dataset() } });
const read = defineComponent({ name: 'read', implementation: impl, inputs: { file: artifact.dataset() } });
const takesInt = defineComponent({ name: 'takes-int', implementation: impl, inputs: { n: param.int() } });
const takesInts = defineComponent({
  name: 'takes-ints',
  implementation: impl,
  inputs: { ns: param.list<number>() },
});

/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- `context` is `any` here on purpose */
// Untyped on purpose: these are the mistakes the types stop, made the way a JavaScript caller could.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Context = any;
const compile = (build: (context: Context) => unknown, outputs?: Record<string, never>) =>
  compilePipeline(
    definePipeline({
      name: 'p',
      params: { n: param.int({ default: 1 }) },
      ...(outputs ? { outputs } : {}),
      build: (context) => build(context) as never,
    }) as unknown as PipelineDefinition,
    { project: 'p' },
  );

describe('oneOf() refusals', () => {
  it('refuses branches of different types, naming both', () => {
    expect(() =>
      compile(({ params, condition }) =>
        condition(params.n.eq(1), ({ task }: Context) => task(count).output)
          .else(({ task }: Context) => task(ratio).output)
          .oneOf(),
      ),
    ).toThrow(
      /same type: output parameter 'n' of task 'count' is a parameter of kind int, .* is a parameter of kind float/,
    );
  });

  it('refuses a branch value that is not an output of a task inside that branch', () => {
    expect(() =>
      compile(({ params, task, condition }) => {
        const outside = task(count);
        return condition(params.n.eq(1), ({ task }: Context) => task(count).output)
          .else(() => outside.output)
          .oneOf();
      }),
    ).toThrow(/branch 2: output parameter 'n' of task 'count' is not created inside condition-3/);
    expect(() =>
      compile(({ params, condition }) =>
        condition(params.n.eq(1), () => params.n)
          .else(() => params.n)
          .oneOf(),
      ),
    ).toThrow(/each branch must return one task output created in that branch, got pipeline parameter 'n'/);
  });

  it('refuses a branch value made inside a loop of the branch', () => {
    expect(() =>
      compile(({ params, condition }) =>
        condition(params.n.eq(1), ({ parallelFor }: Context) => {
          let inner: unknown;
          parallelFor([1, 2], (_i: unknown, { task }: Context) => void (inner = task(count).output));
          return inner;
        })
          .else(({ task }: Context) => task(count).output)
          .oneOf(),
      ),
    ).toThrow(
      /branch 1: output parameter 'n' of task 'count' is inside a loop of condition-4; return it from the loop body to collect it/,
    );
  });

  it('refuses a oneOf inside a block as a pipeline output', () => {
    expect(() =>
      compile(
        ({ params, parallelFor }) => {
          let out: unknown;
          parallelFor([1], (_i: unknown, { condition }: Context) => {
            out = condition(params.n.eq(1), ({ task }: Context) => task(count).output)
              .else(({ task }: Context) => task(count).output)
              .oneOf();
          });
          return { n: out };
        },
        { n: param.int() as never },
      ),
    ).toThrow(/only a chain at the top level can be a pipeline output/);
  });
});

describe('oneOf() IR without a golden', () => {
  it('artifacts: one artifactSelector per branch; a consumer deeper down gets it as an input', () => {
    const { spec } = compile(({ params, condition }) => {
      const file = condition(params.n.eq(1), ({ task }: Context) => task(write).outputs.file)
        .else(({ task }: Context) => task(write).outputs.file)
        .oneOf();
      condition(params.n.gt(0), ({ task }: Context) => void task(read, { file }));
    });
    expect(spec.components['comp-condition-branches-1']?.dag?.outputs).toEqual({
      artifacts: {
        'pipelinechannel--condition-branches-1-oneof-1': {
          artifactSelectors: [
            { producerSubtask: 'condition-2', outputArtifactKey: 'pipelinechannel--write-file' },
            { producerSubtask: 'condition-3', outputArtifactKey: 'pipelinechannel--write-2-file' },
          ],
        },
      },
    });
    const consumer = spec.root.dag.tasks['condition-4'];
    expect(consumer?.dependentTasks).toEqual(['condition-branches-1']);
    expect(consumer?.inputs?.artifacts).toEqual({
      'pipelinechannel--condition-branches-1-pipelinechannel--condition-branches-1-oneof-1': {
        taskOutputArtifact: {
          producerTask: 'condition-branches-1',
          outputArtifactKey: 'pipelinechannel--condition-branches-1-oneof-1',
        },
      },
    });
    expect(spec.components['comp-condition-4']?.dag?.tasks['read']?.inputs?.artifacts).toEqual({
      file: {
        componentInputArtifact:
          'pipelinechannel--condition-branches-1-pipelinechannel--condition-branches-1-oneof-1',
      },
    });
  });
});

describe('collected() of a condition outside any loop', () => {
  it('is refused as a task argument: KFP would pass the single value to a list input', () => {
    expect(() =>
      compile(({ params, task, condition }) => {
        const all = condition(params.n.eq(1), ({ task }: Context) => task(count).output).collected();
        task(takesInts, { ns: all });
      }),
    ).toThrow(/from a condition outside any loop: KFP passes the single value/);
  });

  it('a oneOf and a task input of the same kind meet (the consumer depends on the chain)', () => {
    const { spec } = compile(({ params, task, condition }) => {
      const n = condition(params.n.eq(1), ({ task }: Context) => task(count).output)
        .else(({ task }: Context) => task(count).output)
        .oneOf();
      task(takesInt, { n });
    });
    expect(spec.root.dag.tasks['takes-int']?.inputs?.parameters).toEqual({
      n: {
        taskOutputParameter: {
          producerTask: 'condition-branches-1',
          outputParameterKey: 'pipelinechannel--condition-branches-1-oneof-1',
        },
      },
    });
  });
});
