// TypeScript twins of the official exit handler goldens.
import { definePipeline, param } from '../../../src/dsl/index.js';
import { goldenComponent } from '../golden-component.js';

const message = { inputs: { message: param.string() } };

/** pipeline_with_exit_handler: the exit task prints whatever the handled tasks did. */
export function pipelineWithExitHandler(golden: unknown) {
  return definePipeline({
    name: 'pipeline-with-exit-handler',
    params: { message: param.string({ default: 'Hello World!' }) },
    build: ({ params, task, exitHandler }) => {
      const exitTask = task(goldenComponent(golden, 'print-op', message), {
        message: 'Exit handler has worked!',
      });
      exitHandler(exitTask, ({ task }) => {
        task(goldenComponent(golden, 'print-op-2', message), { message: params.message });
        task(goldenComponent(golden, 'fail-op', message), { message: 'Task failed.' });
      });
    },
  });
}

/** pipeline_with_multiple_exit_handlers: three handlers, each with its own exit task. */
export function pipelineWithMultipleExitHandlers(golden: unknown) {
  const print = (n: number) => goldenComponent(golden, n === 1 ? 'print-op' : `print-op-${n}`, message);
  return definePipeline({
    name: 'pipeline-with-multiple-exit-handlers',
    params: { message: param.string({ default: 'Hello World!' }) },
    build: ({ params, task, exitHandler }) => {
      const first = task(print(1), { message: 'First exit handler has worked!' });
      exitHandler(first, ({ task }) => {
        task(print(2), { message: params.message });
        task(goldenComponent(golden, 'fail-op', message), { message: 'Task failed.' });
      });
      const second = task(print(3), { message: 'Second exit handler has worked!' });
      exitHandler(second, ({ task }) => void task(print(4), { message: params.message }));
      const third = task(print(5), { message: 'Third exit handler has worked!' });
      exitHandler(third, ({ task }) => void task(print(6), { message: params.message }));
    },
  });
}
