// TypeScript twins of the official condition goldens (golden-control-flow/*.py).
import { definePipeline, param } from '../../../src/dsl/index.js';
import { goldenComponent } from '../golden-component.js';

/** pipeline_with_condition: one `dsl.Condition` on a task output. */
export function pipelineWithCondition(golden: unknown) {
  const flipCoin = (n: string) => goldenComponent(golden, n, { outputs: { Output: param.string() } });
  const print = (n: string) => goldenComponent(golden, n, { inputs: { msg: param.string() } });
  return definePipeline({
    name: 'single-condition-pipeline',
    params: { text: param.string({ default: 'condition test' }) },
    build: ({ params, task, condition }) => {
      const flip1 = task(flipCoin('flip-coin-op')).setCaching(false);
      task(print('print-op'), { msg: flip1.output });
      condition(flip1.output.eq('heads'), ({ task }) => {
        const flip2 = task(flipCoin('flip-coin-op-2')).setCaching(false);
        task(print('print-op-2'), { msg: flip2.output });
        task(print('print-op-3'), { msg: params.text });
      });
    },
  });
}

/** pipeline_with_nested_conditions: a condition inside a condition, comparing two task outputs. */
export function pipelineWithNestedConditions(golden: unknown) {
  const flip = (n: string) => goldenComponent(golden, n, { outputs: { Output: param.string() } });
  const print = (n: string) => goldenComponent(golden, n, { inputs: { msg: param.string() } });
  return definePipeline({
    name: 'nested-conditions-pipeline',
    build: ({ task, condition }) => {
      const flip1 = task(flip('flip-coin-op'));
      task(print('print-op'), { msg: flip1.output });
      const flip2 = task(flip('flip-coin-op-2'));
      task(print('print-op-2'), { msg: flip2.output });
      condition(flip1.output.ne('no-such-result'), ({ task, condition }) => {
        const flip3 = task(flip('flip-coin-op-3'));
        task(print('print-op-3'), { msg: flip3.output });
        condition(flip2.output.eq(flip3.output), ({ task }) => {
          const flip4 = task(flip('flip-coin-op-4'));
          task(print('print-op-4'), { msg: flip4.output });
        });
      });
    },
  });
}
