// TypeScript twins of the two largest official goldens: loops and conditions many levels deep, and
// collected artifacts through nested loops and a pipeline used as a task.
import { artifact, definePipeline, param, type JsonValue } from '../../../src/dsl/index.js';
import { goldenComponent } from '../golden-component.js';

/** pipeline_with_loops_and_conditions: loop items, their fields and outer channels used many blocks down. */
export function pipelineWithLoopsAndConditions(golden: unknown) {
  const generator = goldenComponent(golden, 'args-generator-op', { outputs: { Output: param.list() } });
  const printText = goldenComponent(golden, 'print-text', {
    inputs: { msg: param.string(), msg2: param.string({ optional: true }) },
  });
  const printStruct = goldenComponent(golden, 'print-struct', { inputs: { struct: param.struct() } });
  const flipCoin = goldenComponent(golden, 'flip-coin-op', { outputs: { Output: param.string() } });
  const loopParameter = [
    { A_a: 'heads', B_b: ['A', 'B'] },
    { A_a: 'tails', B_b: ['X', 'Y', 'Z'] },
  ];
  return definePipeline({
    name: 'pipeline-with-loops-and-conditions-multi-layers',
    params: {
      msg: param.string({ default: 'hello' }),
      loop_parameter: param.list<JsonValue>({ default: loopParameter }),
    },
    build: ({ params, task, condition, parallelFor }) => {
      const flip = task(flipCoin);
      const outer = task(generator);
      condition(flip.output.ne('no-such-result'), ({ task, parallelFor }) => {
        const inner = task(generator);
        parallelFor(outer.output, (item, { task, condition, parallelFor }) => {
          task(printText, { msg: params.msg });
          condition(
            item.field('A_a').eq('heads'),
            ({ task }) => void task(printText, { msg: item.field('B_b') }),
          );
          condition(flip.output.eq('heads'), ({ task }) => void task(printText, { msg: item.field('B_b') }));
          condition(item.field('A_a').eq('tails'), ({ parallelFor }) => {
            parallelFor(
              [{ a: '-1' }, { a: '-2' }],
              (innerItem, { task }) => void task(printStruct, { struct: innerItem }),
            );
          });
          parallelFor(item.field('B_b'), (itemB, { task }) => void task(printText, { msg: itemB }));
          parallelFor(params.loop_parameter, (pipelineItem, { task, parallelFor }) => {
            task(printText, { msg: pipelineItem });
            parallelFor(
              inner.output,
              (innerItem, { task }) =>
                void task(printText, { msg: pipelineItem, msg2: innerItem.field('A_a') }),
            );
          });
          parallelFor(['1', '2'], (staticItem, { task, condition }) => {
            task(printText, { msg: staticItem });
            condition(staticItem.eq('1'), ({ task }) => void task(printText, { msg: '1' }));
          });
        });
      });
      parallelFor(params.loop_parameter, (item, { condition }) => {
        condition(item.field('A_a').eq('heads'), ({ parallelFor }) => {
          parallelFor(item.field('B_b'), (itemB, { task }) => void task(printText, { msg: itemB }));
        });
      });
    },
  });
}

/** collected_artifacts: artifacts collected from nested loops, from a pipeline task, and returned. */
export function collectedArtifacts(golden: unknown) {
  const splitIds = goldenComponent(golden, 'split-ids', {
    inputs: { model_ids: param.string() },
    outputs: { Output: param.list() },
  });
  const splitChars = goldenComponent(golden, 'split-chars', {
    inputs: { model_ids: param.string() },
    outputs: { Output: param.list() },
  });
  const createFile = goldenComponent(golden, 'create-file', {
    inputs: { content: param.string() },
    outputs: { file: artifact.artifact() },
  });
  const readSingleFile = goldenComponent(golden, 'read-single-file', {
    inputs: { file: artifact.artifact() },
    outputs: { Output: param.string() },
  });
  const createDataset = goldenComponent(golden, 'create-dataset', {
    inputs: { content: param.string() },
    outputs: { data: artifact.dataset() },
  });
  const readDatasets = goldenComponent(golden, 'read-datasets', {
    inputs: { data: artifact.dataset({ list: true }) },
    outputs: { Output: param.string() },
  });
  const generateModel = goldenComponent(golden, 'read-single-dataset-generate-model', {
    inputs: { data: artifact.dataset(), id: param.string() },
    outputs: { results: artifact.model() },
  });
  const readModels = goldenComponent(golden, 'read-models', {
    inputs: { models: artifact.model({ list: true }) },
    outputs: { Output: param.string() },
  });
  const singleNodeDag = definePipeline({
    name: 'single-node-dag',
    params: { char: param.string() },
    outputs: { Output: artifact.dataset() },
    build: ({ params, task }) => ({
      Output: task(createDataset, { content: params.char }).setCaching(false).outputs.data,
    }),
  });
  const collecting = definePipeline({
    name: 'collecting-artifacts',
    params: { model_ids: param.string({ default: '' }), model_chars: param.string({ default: '' }) },
    outputs: { Output: artifact.model({ list: true }) },
    build: ({ params, task, parallelFor }) => {
      const ids = task(splitIds, { model_ids: params.model_ids }).setCaching(false);
      const chars = task(splitChars, { model_ids: params.model_chars }).setCaching(false);
      const models = parallelFor(ids.output, (modelId, { task, parallelFor }) => {
        const file = task(createFile, { content: modelId }).setCaching(false);
        task(readSingleFile, { file: file.outputs.file }).setCaching(false);
        const inner = parallelFor(chars.output, (modelChar, { task }) => {
          const dag = task(singleNodeDag, { char: modelChar }).setCaching(false);
          const model = task(generateModel, { data: dag.output, id: modelId }).setCaching(false);
          return { results: model.outputs.results, data: dag.output };
        });
        task(readModels, { models: inner.results }).setCaching(false);
        task(readDatasets, { data: inner.data }).setCaching(false);
        return inner.results;
      });
      return { Output: models };
    },
  });
  return definePipeline({
    name: 'collected-artifact-pipeline',
    build: ({ task }) => {
      const dag = task(collecting, { model_ids: 's1,s2,s3', model_chars: 'x,y,z' }).setCaching(false);
      task(readModels, { models: dag.output }).setCaching(false);
    },
  });
}
