// TypeScript twins of the official goldens for loop parallelism, parameters passed into loops, display names.
import { artifact, definePipeline, param, type ParameterSpec } from '../../../src/dsl/index.js';
import { goldenComponent } from '../golden-component.js';

/** loop_consume_upstream: artifacts inside a loop; display names on tasks and the pipeline. */
export function loopConsumeUpstream(golden: unknown) {
  const split = goldenComponent(golden, 'split-input', {
    inputs: { input: param.string() },
    outputs: { Output: param.list() },
  });
  const createFile = goldenComponent(golden, 'create-file', {
    inputs: { content: param.string() },
    outputs: { file: artifact.artifact() },
  });
  const readFile = goldenComponent(golden, 'read-file', {
    inputs: { file: artifact.artifact() },
    outputs: { Output: param.string() },
  });
  const printInput = goldenComponent(golden, 'print-input', { inputs: { input: param.list() } });
  const same = { displayName: 'same display name' };
  return definePipeline({
    name: 'loop-consume-upstream',
    displayName: 'Loop Consume Upstream',
    build: ({ task, parallelFor }) => {
      const ids = task(split, { input: 'component1,component2,component3' }, same).setCaching(false);
      parallelFor(ids.output, (modelId, { task }) => {
        const created = task(createFile, { content: modelId }, same).setCaching(false);
        task(readFile, { file: created.outputs.file }, same).setCaching(false);
      });
      task(printInput, { input: ids.output }, same).setCaching(false);
    },
  });
}

/** pipeline_with_parallelfor_pipeline_param: parameters and task outputs used inside loops. */
export function parallelForPipelineParam(golden: unknown) {
  const print = goldenComponent(golden, 'print-with-prefix', {
    inputs: { prefix: param.string(), item: param.string() },
    outputs: { Output: param.string() },
  });
  const makePrefix = goldenComponent(golden, 'make-prefix', { outputs: { Output: param.string() } });
  return definePipeline({
    name: 'pipeline-parallelfor-pipeline-param',
    description: 'Pipeline parameter used alongside loop item inside ParallelFor.',
    params: { prefix: param.string(), loop_parameter: param.list<string>({ items: 'string' }) },
    build: ({ params, task, parallelFor }) => {
      parallelFor(
        params.loop_parameter,
        (item, { task }) => void task(print, { prefix: params.prefix, item }),
        { parallelism: 1 },
      );
      const prefix = task(makePrefix);
      parallelFor(
        params.loop_parameter,
        (item, { task }) => void task(print, { prefix: prefix.output, item }),
      );
      parallelFor(
        ['x', 'y'],
        (_outer, { parallelFor }) =>
          void parallelFor(
            params.loop_parameter,
            (inner, { task }) => void task(print, { prefix: params.prefix, item: inner }),
          ),
        { parallelism: 2 },
      );
    },
  });
}

/** pipeline_with_parallelfor_parallelism: parallelism limits; lists of structs typed more or less precisely. */
export function parallelForParallelism(golden: unknown) {
  const printText = goldenComponent(golden, 'print-text', { inputs: { msg: param.string() } });
  const printInt = goldenComponent(golden, 'print-int', { inputs: { x: param.int() } });
  type AB = { a: number; b: number };
  const maker = (name: string, list: ParameterSpec<AB[], false, 'list'>) =>
    goldenComponent(golden, name, { outputs: { Output: list } });
  const makers = [
    maker('list-dict-maker-0', param.list<AB>({ items: 'struct', fields: 'int' })),
    maker('list-dict-maker-1', param.list<AB>({ items: 'struct' })),
    maker('list-dict-maker-2', param.list<AB>({ items: 'struct' })),
    maker('list-dict-maker-3', param.list<AB>()),
    maker('list-dict-maker-1', param.list<AB>()),
  ];
  return definePipeline({
    name: 'pipeline-with-loops',
    params: { loop_parameter: param.list<string>({ items: 'string' }) },
    build: ({ params, task, parallelFor }) => {
      parallelFor(
        params.loop_parameter,
        (item, { task, parallelFor }) => {
          task(printText, { msg: item });
          parallelFor(params.loop_parameter, (nested, { task }) => void task(printText, { msg: nested }));
        },
        { parallelism: 2 },
      );
      const loopArgs = [
        { A_a: '1', B_b: '2' },
        { A_a: '10', B_b: '20' },
      ];
      parallelFor(
        loopArgs,
        (item, { task, parallelFor }) => {
          task(printText, { msg: item.field('A_a') });
          task(printText, { msg: item.field('B_b') });
          const nestedArgs = [
            { A_a: '10', B_b: '20' },
            { A_a: '100', B_b: '200' },
          ];
          parallelFor(
            nestedArgs,
            (nested, { task }) => {
              task(printText, { msg: nested.field('A_a') });
              task(printText, { msg: nested.field('B_b') });
            },
            { parallelism: 1 },
          );
        },
        { parallelism: 0 },
      );
      const dicts = [
        { a: 1, b: 2 },
        { a: 2, b: 3 },
        { a: 3, b: 4 },
      ];
      parallelFor(dicts, (item, { task }) => void task(printInt, { x: item.field('a') }), { parallelism: 1 });
      for (const make of makers) {
        const made = task(make);
        parallelFor(made.output, (item, { task }) => void task(printInt, { x: item.field('a') }));
      }
    },
  });
}
