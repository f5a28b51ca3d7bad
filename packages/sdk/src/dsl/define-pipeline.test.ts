import { describe, expect, it } from 'vitest';
import { artifact } from './artifacts.js';
import { defineComponent, defineContainerComponent } from './define-component.js';
import { buildPipelineGraph, definePipeline } from './define-pipeline.js';
import { DefinitionError, PlaceholderMisuseError } from './errors.js';
import { param } from './parameters.js';
import { fmt } from './placeholders.js';

const impl = 'file:///unused';
const produce = defineComponent({
  name: 'produce',
  implementation: impl,
  inputs: { text: param.string() },
  outputs: { data: artifact.dataset(), n: param.int() },
});
const consume = defineComponent({
  name: 'consume',
  implementation: impl,
  inputs: { data: artifact.dataset() },
});

describe('definePipeline and buildPipelineGraph', () => {
  it('names repeated components -2, -3 and records .after() edges', () => {
    const graph = buildPipelineGraph(
      definePipeline({
        name: 'p',
        build: ({ task }) => {
          const a = task(produce, { text: 'a' });
          const b = task(produce, { text: 'b' }).after(a);
          task(produce, { text: 'c' }).after(a, b);
        },
      }),
    );
    expect(graph.tasks.map((t) => t.name)).toEqual(['produce', 'produce-2', 'produce-3']);
    expect(graph.tasks[2]?.afterTasks).toEqual(['produce', 'produce-2']);
  });

  it('builds afresh on every call: no state is shared between builds', () => {
    const def = definePipeline({ name: 'p', build: ({ task }) => void task(produce, { text: 'a' }) });
    expect(buildPipelineGraph(def).tasks).toHaveLength(1);
    expect(buildPipelineGraph(def).tasks).toHaveLength(1);
  });

  it.each([
    ['Bad_Name', /name must match/],
    ['-x', /name must match/],
  ])('rejects pipeline name %s', (name, message) => {
    expect(() => definePipeline({ name, build: () => {} })).toThrow(message);
  });

  it('catches at run time what the types catch at compile time (for JavaScript callers)', () => {
    const run = (build: (ctx: { task: (...a: unknown[]) => unknown }) => void) =>
      buildPipelineGraph(definePipeline({ name: 'p', build: build as never }));
    expect(() => run(({ task }) => task(produce, { text: 'x', nope: 1 }))).toThrow(
      /unknown input 'nope'; inputs are: text/,
    );
    expect(() => run(({ task }) => task(produce, {}))).toThrow(/input 'text' is required/);
    expect(() => run(({ task }) => task(produce, { text: 3 }))).toThrow(/expects a string, got 3/);
    expect(() =>
      run(({ task }) => {
        const a = task(produce, { text: 'x' }) as { outputs: { n: unknown } };
        task(consume, { data: a.outputs.n });
      }),
    ).toThrow(/is an artifact \(system.Dataset\)/);
  });

  it('refuses a task output from another pipeline and an empty pipeline', () => {
    let foreign: unknown;
    buildPipelineGraph(
      definePipeline({ name: 'a', build: ({ task }) => void (foreign = task(produce, { text: 'x' })) }),
    );
    const stolen = foreign as { outputs: { data: never } };
    expect(() =>
      buildPipelineGraph(
        definePipeline({ name: 'b', build: ({ task }) => void task(consume, { data: stolen.outputs.data }) }),
      ),
    ).toThrow(/not part of this pipeline/);
    expect(() => buildPipelineGraph(definePipeline({ name: 'c', build: () => {} }))).toThrow(
      /created no tasks/,
    );
  });

  it('throws instead of stringifying a task output or placeholder in a template string', () => {
    expect(() =>
      buildPipelineGraph(
        definePipeline({
          name: 'p',
          build: ({ task }) => {
            const a = task(produce, { text: 'x' });
            task(produce, { text: `prefix-${String(a.outputs.n)}` });
          },
        }),
      ),
    ).toThrow(PlaceholderMisuseError);
    expect(() =>
      defineContainerComponent({
        name: 'c',
        inputs: { x: param.string() },
        image: 'alpine',
        command: ({ inputs }) => ['echo', `--x=${inputs.x as unknown as string}`],
      }),
    ).toThrow(PlaceholderMisuseError);
    const ok = defineContainerComponent({
      name: 'c',
      inputs: { x: param.string() },
      image: 'alpine',
      command: ({ inputs }) => ['echo', fmt`--x=${inputs.x}`],
    });
    expect(ok.container.kind).toBe('container');
  });
});

describe('defineComponent', () => {
  it.each([
    [{ name: 'Bad' }, /kebab-case/],
    [
      { name: 'c', inputs: { a: param.string() }, outputs: { a: param.string() } },
      /both an input and an output/,
    ],
    [{ name: 'c', env: { AWS_SECRET_ACCESS_KEY: 'x' } }, /looks like a credential/],
    [{ name: 'c', inputs: { 'bad-name': param.string() } }, /must be an identifier/],
    [{ name: 'c', retry: { maxRetryCount: -1 } }, /maxRetryCount/],
  ])('rejects %j', (config: { name: string }, message) => {
    expect(() => defineComponent({ implementation: impl, ...config })).toThrow(message);
  });

  it('rejects a container component with an empty command', () => {
    expect(() => defineContainerComponent({ name: 'c', image: 'alpine', command: () => [] })).toThrow(
      DefinitionError,
    );
  });
});
