import { defineContainerComponent, definePipeline, param } from '../../src/dsl/index.js';
import { goldenComponent } from './golden-component.js';

/** pipeline_with_reused_component: one component called three times (-2, -3 suffixes). */
export function pipelineWithReusedComponent(golden: unknown) {
  const addNumbers = goldenComponent(golden, 'add-numbers', {
    inputs: { a: param.int(), b: param.int() },
    outputs: { Output: param.int() },
  });
  return definePipeline({
    name: 'pipeline-with-reused-component',
    params: { a: param.int({ default: 2 }), b: param.int({ default: 5 }) },
    build: ({ params, task }) => {
      const first = task(addNumbers, { a: params.a, b: 3 });
      const second = task(addNumbers, { a: first.output, b: params.b });
      task(addNumbers, { a: second.output, b: 7 });
    },
  });
}

/** pipeline_with_retry: `set_retry(3)` with the default backoff. */
export function pipelineWithRetry(golden: unknown) {
  const add = goldenComponent(golden, 'add', {
    inputs: { a: param.float(), b: param.float() },
    outputs: { Output: param.float() },
  });
  return definePipeline({
    name: 'test-pipeline',
    params: { a: param.float({ default: 1 }), b: param.float({ default: 7 }) },
    build: ({ params, task }) => {
      task(add, { a: params.a, b: params.b }).setRetry({ maxRetryCount: 3 });
    },
  });
}

/** container_io: a component compiled on its own (the official SDK's component file format). */
export function containerIoComponent() {
  return defineContainerComponent({
    name: 'container-io',
    inputs: { text: param.string() },
    outputs: { output_path: param.string() },
    image: 'registry.access.redhat.com/ubi9/python-311:latest',
    command: ({ inputs }) => ['my_program', inputs.text],
    args: ({ outputs }) => ['--output_path', outputs.output_path.outputFile],
  });
}
