// TypeScript twins of the official goldens for fan-in (dsl.Collected) and `.after()` on a loop.
import { definePipeline, param, type TaskRef } from '../../../src/dsl/index.js';
import { goldenComponent } from '../golden-component.js';

/** parallel_for_after_dependency: tasks after a task inside a loop wait for every iteration. */
export function parallelForAfterDependency(golden: unknown) {
  const print = (n: string) =>
    goldenComponent(golden, n, { inputs: { message: param.string() }, outputs: { Output: param.string() } });
  return definePipeline({
    name: 'loop-with-after-dependency-set',
    build: ({ task, parallelFor }) => {
      let one: TaskRef | undefined;
      parallelFor([1, 2, 3], (_item, { task }) => {
        one = task(print('print-op'), { message: 'foo' });
      });
      if (!one) return;
      task(print('print-op-2'), { message: 'bar' }).after(one);
      task(print('print-op-3'), { message: 'baz' }).after(one);
    },
  });
}

/** collected_parameters: a loop's outputs fanned in, inside a pipeline used as a task. */
export function collectedParameters(golden: unknown) {
  const splitIds = goldenComponent(golden, 'split-ids', {
    inputs: { ids: param.string() },
    outputs: { Output: param.list() },
  });
  const prependId = goldenComponent(golden, 'prepend-id', {
    inputs: { content: param.string() },
    outputs: { Output: param.string() },
  });
  const consumeIds = goldenComponent(golden, 'consume-ids', {
    inputs: { ids: param.list<string>() },
    outputs: { Output: param.string() },
  });
  const consumeSingleId = goldenComponent(golden, 'consume-single-id', {
    inputs: { id: param.string() },
    outputs: { Output: param.string() },
  });
  const collecting = definePipeline({
    name: 'collecting-parameters',
    params: { model_ids: param.string({ default: '' }) },
    outputs: { Output: param.list<string>() },
    build: ({ params, task, parallelFor }) => {
      const split = task(splitIds, { ids: params.model_ids });
      const prepended = parallelFor(split.output, (modelId, { task }) => {
        const prepend = task(prependId, { content: modelId }).setCaching(false);
        task(consumeSingleId, { id: prepend.output }).setCaching(false);
        return prepend.output;
      });
      task(consumeIds, { ids: prepended }).setCaching(false);
      return { Output: prepended };
    },
  });
  return definePipeline({
    name: 'collected-param-pipeline',
    build: ({ task }) => {
      const dag = task(collecting, { model_ids: 's1,s2,s3' }).setCaching(false);
      task(consumeIds, { ids: dag.output }).setCaching(false);
    },
  });
}

/** nested_with_parameters: collected over two nested loops is a list of lists. */
export function nestedWithParameters(golden: unknown) {
  const double = goldenComponent(golden, 'double', {
    inputs: { num: param.int() },
    outputs: { Output: param.int() },
  });
  const addTwo = goldenComponent(golden, 'add-two-nums', {
    inputs: { x: param.int(), y: param.int() },
    outputs: { Output: param.int() },
  });
  const add = goldenComponent(golden, 'add', {
    inputs: { nums: param.list<number[]>() },
    outputs: { Output: param.int() },
  });
  return definePipeline({
    name: 'math-pipeline',
    outputs: { Output: param.list<number[]>() },
    build: ({ task, parallelFor }) => {
      const sums = parallelFor([1, 2, 3], (x, { parallelFor }) =>
        parallelFor([1, 2, 3], (y, { task }) => {
          const t1 = task(double, { num: x });
          const t2 = task(double, { num: y });
          return task(addTwo, { x: t1.output, y: t2.output }).output;
        }),
      );
      task(add, { nums: sums });
      return { Output: sums };
    },
  });
}
