// Type tests for oneOf() and collected() of condition chains: checked by `pnpm typecheck` (part of
// `pnpm test`). Every @ts-expect-error must be an error, or tsc fails with "Unused '@ts-expect-error' directive".
/* eslint-disable @typescript-eslint/no-unsafe-call -- calling what does not exist is the point of a type test */
import { artifact } from './artifacts.js';
import type { ArtifactChannel, ParameterChannel } from './channels.js';
import { defineComponent } from './define-component.js';
import { definePipeline } from './define-pipeline.js';
import { param } from './parameters.js';

const impl = 'file:///dev/null';
const count = defineComponent({ name: 'count', implementation: impl, outputs: { n: param.int() } });
const ratio = defineComponent({ name: 'ratio', implementation: impl, outputs: { x: param.float() } });
const text = defineComponent({ name: 'text', implementation: impl, outputs: { t: param.string() } });
const words = defineComponent({
  name: 'words',
  implementation: impl,
  outputs: { w: param.list<string>({ items: 'string' }) },
});
const numbers = defineComponent({
  name: 'numbers',
  implementation: impl,
  outputs: { w: param.list<number>({ items: 'int' }) },
});
const dataset = defineComponent({
  name: 'dataset',
  implementation: impl,
  outputs: { d: artifact.dataset() },
});
const model = defineComponent({ name: 'model', implementation: impl, outputs: { m: artifact.model() } });
const takesInt = defineComponent({ name: 'takes-int', implementation: impl, inputs: { n: param.int() } });
const takesText = defineComponent({
  name: 'takes-text',
  implementation: impl,
  inputs: { t: param.string() },
});
const readData = defineComponent({
  name: 'read-data',
  implementation: impl,
  inputs: { d: artifact.dataset() },
});

export const oneOfTypes = definePipeline({
  name: 'one-of-types',
  params: { n: param.int({ default: 1 }) },
  build: ({ params, task, condition, parallelFor }) => {
    // Same type in every branch: oneOf() is that output, usable in the block that made the chain.
    const n = condition(params.n.eq(1), ({ task }) => task(count).output)
      .elif(params.n.eq(2), ({ task }) => task(count).output)
      .else(({ task }) => task(count).output)
      .oneOf();
    const typed: ParameterChannel<number, 'int', 'root'> = n;
    void typed;
    task(takesInt, { n });
    // @ts-expect-error an int oneOf into a string input
    task(takesText, { t: n });
    const d = condition(params.n.eq(1), ({ task }) => task(dataset).outputs.d)
      .else(({ task }) => task(dataset).outputs.d)
      .oneOf();
    const file: ArtifactChannel<'system.Dataset', false, 'root'> = d;
    task(readData, { d: file });

    // Branches of different types do not make a oneOf ("No overload matches this call").
    const intOrFloat = condition(params.n.eq(1), ({ task }) => task(count).output).else(({ task }) => {
      return task(ratio).output;
    });
    // @ts-expect-error an int branch and a float branch
    intOrFloat.oneOf();
    const lastIsText = condition(params.n.eq(1), ({ task }) => task(count).output)
      .elif(params.n.eq(2), ({ task }) => task(count).output)
      .else(({ task }) => task(text).output);
    // @ts-expect-error the last branch returns a string
    lastIsText.oneOf();
    const lists = condition(params.n.eq(1), ({ task }) => task(words).output).else(({ task }) => {
      return task(numbers).output;
    });
    // @ts-expect-error a list of strings and a list of numbers
    lists.oneOf();
    const artifacts = condition(params.n.eq(1), ({ task }) => task(dataset).outputs.d).else(({ task }) => {
      return task(model).outputs.m;
    });
    // @ts-expect-error a dataset and a model
    artifacts.oneOf();
    const nothing = condition(params.n.eq(1), ({ task }) => task(count).output).else(({ task }) => {
      task(count);
    });
    // @ts-expect-error a branch that returns nothing
    nothing.oneOf();
    // @ts-expect-error no oneOf() without an else branch
    condition(params.n.eq(1), ({ task }) => task(count).output).oneOf();

    // Inside a block, the oneOf belongs to that block: the outer task() cannot take it.
    parallelFor([1, 2], (_i, { condition }) => {
      const inner = condition(params.n.eq(1), ({ task }) => task(count).output)
        .else(({ task }) => task(count).output)
        .oneOf();
      // @ts-expect-error the outer block's task() with this loop's oneOf
      task(takesInt, { n: inner });
    });

    // collected(): a condition's result as a list (pipeline outputs only, checked when compiling).
    const all: ParameterChannel<number[], 'list', 'root'> = condition(params.n.eq(1), ({ task }) => {
      return task(count).output;
    }).collected();
    void all;
  },
});
