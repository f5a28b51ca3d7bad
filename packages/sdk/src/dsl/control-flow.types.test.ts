// Type tests for control flow: checked by `pnpm typecheck` (part of `pnpm test`). Every @ts-expect-error
// must be an error, or tsc fails with "Unused '@ts-expect-error' directive".
import { artifact } from './artifacts.js';
import type { ParameterChannel } from './channels.js';
import { defineComponent } from './define-component.js';
import { definePipeline } from './define-pipeline.js';
import { param } from './parameters.js';

const impl = 'file:///dev/null';
const count = defineComponent({ name: 'count', implementation: impl, outputs: { n: param.int() } });
const ratio = defineComponent({ name: 'ratio', implementation: impl, outputs: { x: param.float() } });
const takesInt = defineComponent({ name: 'takes-int', implementation: impl, inputs: { n: param.int() } });
const takesFloat = defineComponent({
  name: 'takes-float',
  implementation: impl,
  inputs: { x: param.float() },
});
const takesText = defineComponent({
  name: 'takes-text',
  implementation: impl,
  inputs: { text: param.string() },
});
const takesInts = defineComponent({
  name: 'takes-ints',
  implementation: impl,
  inputs: { ns: param.list<number>() },
});
const words = defineComponent({
  name: 'words',
  implementation: impl,
  outputs: { list: param.list<string>({ items: 'string' }) },
});
const shapes = defineComponent({
  name: 'shapes',
  implementation: impl,
  outputs: { list: param.list<{ name: string; sides: number }>({ items: 'struct' }) },
});
const write = defineComponent({ name: 'write', implementation: impl, outputs: { file: artifact.dataset() } });
const readOne = defineComponent({
  name: 'read-one',
  implementation: impl,
  inputs: { file: artifact.dataset() },
});
const readMany = defineComponent({
  name: 'read-many',
  implementation: impl,
  inputs: { files: artifact.dataset({ list: true }) },
});
const status = defineComponent({
  name: 'status',
  implementation: impl,
  inputs: { s: param.taskFinalStatus() },
});

export const wiring = definePipeline({
  name: 'control-flow-types',
  params: { text: param.string({ default: 'x' }), n: param.int({ default: 1 }) },
  build: ({ params, task, condition, parallelFor, exitHandler }) => {
    const c = task(count);
    const r = task(ratio);
    const w = task(words);

    // The official SDK's type rules: an int output does not fit a float input, nor the other way round.
    task(takesInt, { n: c.output });
    task(takesFloat, { x: r.output });
    task(takesFloat, { x: 2 });
    // @ts-expect-error an int output into a float input
    task(takesFloat, { x: c.output });
    // @ts-expect-error a float output into an int input
    task(takesInt, { n: r.output });

    // Comparisons: same kinds only, primitives only.
    condition(c.output.gt(3), ({ task }) => void task(takesInt, { n: c.output }));
    condition(c.output.ge(r.output), () => undefined);
    condition(params.text.eq('a'), () => undefined);
    // @ts-expect-error a string compared with a number
    condition(params.text.eq(3), () => undefined);
    // @ts-expect-error lists cannot be compared
    condition(w.output.eq('a'), () => undefined);
    // @ts-expect-error a condition needs a comparison, not a boolean
    condition(true, () => undefined);

    // Loop items have the type of the list's elements; struct items expose their fields.
    parallelFor(w.output, (word, { task }) => {
      task(takesText, { text: word });
      // @ts-expect-error a string item into an int input
      task(takesInt, { n: word });
    });
    parallelFor(task(shapes).output, (shape, { task }) => {
      task(takesText, { text: shape.field('name') });
      task(takesInt, { n: shape.field('sides') });
      // @ts-expect-error a string field into an int input
      task(takesInt, { n: shape.field('name') });
      // @ts-expect-error no such field
      shape.field('colour');
    });
    parallelFor([1, 2, 3], (n, { task }) => void task(takesInt, { n }));
    // @ts-expect-error a string is not a list to iterate
    parallelFor(params.text, () => undefined);

    // A loop item or a task of a block belongs to that block: the outer `task` cannot take it.
    parallelFor(w.output, (word) => {
      // @ts-expect-error the outer block's task() with this loop's item
      task(takesText, { text: word });
    });
    const inCondition = condition(params.n.eq(1), ({ task }) => task(count).output).result;
    // @ts-expect-error a task output from inside a condition, used outside it
    task(takesInt, { n: inCondition });

    // What a loop body returns comes back collected: a list (of parameters or of artifacts).
    const counts = parallelFor([1, 2], (_n, { task }) => task(count).output);
    task(takesInts, { ns: counts });
    const typed: ParameterChannel<number[], 'list', 'root'> = counts;
    void typed;
    // @ts-expect-error a collected list into an int input
    task(takesInt, { n: counts });
    const files = parallelFor(['a', 'b'], (_x, { task }) => task(write).outputs.file);
    task(readMany, { files });
    // @ts-expect-error a list of artifacts into a single-artifact input
    task(readOne, { file: files });
    // @ts-expect-error a single artifact into a list input
    task(readMany, { files: task(write).outputs.file });

    // The final status is filled by the backend for exit tasks: it cannot be passed.
    const exit = task(status);
    // @ts-expect-error taskFinalStatus is not an argument
    task(status, { s: { state: 'SUCCEEDED' } });
    exitHandler(exit, ({ task }) => void task(count));
  },
});

export const withOutputs = definePipeline({
  name: 'with-outputs',
  outputs: { total: param.int() },
  build: ({ task }) => ({ total: task(count).output }),
});

export const wrongOutputs = definePipeline({
  name: 'wrong-outputs',
  outputs: { total: param.int() },
  // @ts-expect-error the declared int output returned as a float
  build: ({ task }) => ({ total: task(ratio).output }),
});

export const usesPipeline = definePipeline({
  name: 'uses-pipeline',
  build: ({ task }) => {
    task(takesInt, { n: task(withOutputs).output });
    // @ts-expect-error a pipeline's int output into a float input
    task(takesFloat, { x: task(withOutputs).output });
  },
});
