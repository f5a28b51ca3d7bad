// Type tests: checked by `pnpm typecheck` (part of `pnpm test`). Every @ts-expect-error must be an error,
// or tsc fails with "Unused '@ts-expect-error' directive".
import { artifact } from './artifacts.js';
import { defineComponent } from './define-component.js';
import { buildPipelineGraph, definePipeline } from './define-pipeline.js';
import { param } from './parameters.js';

const impl = 'file:///dev/null';
const produce = defineComponent({
  name: 'produce',
  implementation: impl,
  inputs: { text: param.string(), times: param.int({ default: 1 }) },
  outputs: { data: artifact.dataset(), count: param.int() },
});
const consumeDataset = defineComponent({
  name: 'consume',
  implementation: impl,
  inputs: { data: artifact.dataset(), label: param.string({ default: 'x' }) },
});
const consumeModel = defineComponent({
  name: 'consume-model',
  implementation: impl,
  inputs: { model: artifact.model() },
});
const consumeAny = defineComponent({
  name: 'consume-any',
  implementation: impl,
  inputs: { thing: artifact.artifact() },
});
const single = defineComponent({ name: 'single', implementation: impl, outputs: { text: param.string() } });
const noInputs = defineComponent({ name: 'no-inputs', implementation: impl });
const takesInt = defineComponent({ name: 'takes-int', implementation: impl, inputs: { n: param.int() } });

export const typed = definePipeline({
  name: 'typed',
  params: { message: param.string({ default: 'hi' }), n: param.int() },
  build: ({ params, task }) => {
    const a = task(produce, { text: params.message });
    const b = task(produce, { text: 'literal', times: params.n });
    task(consumeDataset, { data: a.outputs.data }).after(b);
    task(consumeAny, { thing: a.outputs.data });
    task(noInputs);
    task(takesInt, { n: a.outputs.count });
    const s = task(single);
    task(produce, { text: s.output });

    // @ts-expect-error a string output wired into an artifact input
    task(consumeDataset, { data: s.output });
    // @ts-expect-error a Dataset wired into a Model input
    task(consumeModel, { model: a.outputs.data });
    // @ts-expect-error missing required input `text`
    task(produce, { times: 2 });
    // @ts-expect-error missing arguments object with a required input
    task(produce);
    // @ts-expect-error unknown input name
    task(produce, { text: 'x', nope: 1 });
    // @ts-expect-error a number literal for a string input
    task(produce, { text: 3 });
    // @ts-expect-error a string pipeline parameter into an int input
    task(takesInt, { n: params.message });
    // @ts-expect-error an artifact into a parameter input
    task(produce, { text: a.outputs.data });
    // @ts-expect-error `.output` needs a single-output component
    task(consumeDataset, { data: a.output });
    // @ts-expect-error no such output
    task(consumeDataset, { data: a.outputs.missing });
    // @ts-expect-error no such pipeline parameter
    task(produce, { text: params.missing });
  },
});

// @ts-expect-error a default of the wrong type
param.int({ default: 'three' });

// @ts-expect-error output parameters cannot be optional (they have no default)
defineComponent({ name: 'bad', implementation: impl, outputs: { x: param.string({ default: 'x' }) } });

export const graph = buildPipelineGraph(typed);
