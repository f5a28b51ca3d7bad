// TypeScript twins of the official goldens for importers and pipelines used as tasks.
import { artifact, defineContainerComponent, definePipeline, param } from '../../../src/dsl/index.js';
import { goldenComponent } from '../golden-component.js';

/** pipeline_with_importer: an importer with a constant URI, and one inside a condition reading a parameter. */
export function pipelineWithImporter(golden: unknown) {
  const train = (n: string) =>
    goldenComponent(golden, n, {
      inputs: { dataset: artifact.dataset() },
      outputs: { scalar: param.string(), model: artifact.model() },
    });
  return definePipeline({
    name: 'pipeline-with-importer',
    params: { dataset2: param.string({ default: 'gs://ml-pipeline-playground/shakespeare2.txt' }) },
    build: ({ params, task, importer, condition }) => {
      const importer1 = importer({
        uri: 'gs://ml-pipeline-playground/shakespeare1.txt',
        artifact: artifact.dataset(),
        metadata: { key: 'value' },
      });
      const train1 = task(train('train'), { dataset: importer1.output });
      condition(train1.outputs.scalar.eq('123'), ({ task, importer }) => {
        const importer2 = importer({ uri: params.dataset2, artifact: artifact.dataset(), reimport: true });
        task(train('train-2'), { dataset: importer2.output });
      });
    },
  });
}

function printOp2() {
  return defineContainerComponent({
    name: 'print-op2',
    inputs: { msg: param.string() },
    image: 'alpine',
    command: ({ inputs }) => ['echo', inputs.msg],
  });
}

/** pipeline_in_pipeline: a pipeline called as a task; its components are merged (renamed on a clash). */
export function pipelineInPipeline(golden: unknown) {
  const printOp1 = (n: string) =>
    goldenComponent(golden, n, { inputs: { msg: param.string() }, outputs: { Output: param.string() } });
  const inner = definePipeline({
    name: 'inner-pipeline',
    params: { msg: param.string() },
    build: ({ params, task }) => {
      const first = task(printOp1('print-op1'), { msg: params.msg });
      task(printOp2(), { msg: first.output });
    },
  });
  return definePipeline({
    name: 'pipeline-in-pipeline',
    build: ({ task }) => {
      task(printOp1('print-op1'), { msg: 'Hello' });
      task(inner, { msg: 'world' });
    },
  });
}

/** pipeline_in_pipeline_complex: a pipeline with conditions, called in a loop. */
export function pipelineInPipelineComplex(golden: unknown) {
  const printOp1 = goldenComponent(golden, 'print-op1', {
    inputs: { msg: param.string() },
    outputs: { Output: param.string() },
  });
  const printOp3 = defineContainerComponent({
    name: 'print-op',
    inputs: { msg: param.string() },
    image: 'alpine',
    command: ({ inputs }) => ['echo', inputs.msg],
  });
  const inner = definePipeline({
    name: 'inner-pipeline',
    params: { msg: param.string() },
    build: ({ params, task, condition }) => {
      const first = task(printOp1, { msg: params.msg });
      condition(first.output.eq('Hello'), ({ task }) => void task(printOp2(), { msg: 'world' }));
      condition(first.output.ne('Hello'), ({ task }) => void task(printOp3, { msg: 'Bye!' }));
    },
  });
  return definePipeline({
    name: 'pipeline-in-pipeline-complex',
    params: { msg: param.string({ default: 'Hello' }) },
    build: ({ params, task, parallelFor }) => {
      task(printOp1, { msg: params.msg });
      parallelFor(['Hello', 'world!'], (item, { task }) => void task(inner, { msg: item }));
    },
  });
}
