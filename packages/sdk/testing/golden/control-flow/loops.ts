// TypeScript twins of the official ParallelFor goldens.
import { definePipeline, param, type JsonObject } from '../../../src/dsl/index.js';
import { goldenComponent } from '../golden-component.js';

type AB = { A_a: string; B_b: string };

/** pipeline_with_loops: over a pipeline parameter, a task output (with item fields) and static items. */
export function pipelineWithLoops(golden: unknown) {
  const printText = (n: string) => goldenComponent(golden, n, { inputs: { msg: param.string() } });
  const printStruct = (n: string) => goldenComponent(golden, n, { inputs: { struct: param.struct() } });
  const generator = goldenComponent(golden, 'args-generator-op', {
    outputs: { Output: param.list<AB>({ items: 'struct', fields: 'string' }) },
  });
  return definePipeline({
    name: 'pipeline-with-loops',
    params: { loop_parameter: param.list<string>({ default: ['a', 'b'], items: 'string' }) },
    build: ({ params, task, parallelFor }) => {
      parallelFor(
        params.loop_parameter,
        (item, { task }) => void task(printText('print-text'), { msg: item }),
      );
      const args = task(generator);
      parallelFor(args.output, (item, { task }) => {
        task(printStruct('print-struct'), { struct: item });
        task(printText('print-text-2'), { msg: item.field('A_a') });
        task(printText('print-text-3'), { msg: item.field('B_b') });
      });
      const loopArgs: AB[] = [
        { A_a: '1', B_b: '2' },
        { A_a: '10', B_b: '20' },
      ];
      parallelFor(loopArgs, (item, { task }) => {
        task(printStruct('print-struct-2'), { struct: item });
        task(printText('print-text-4'), { msg: item.field('A_a') });
        task(printText('print-text-5'), { msg: item.field('B_b') });
      });
    },
  });
}

/** pipeline_with_nested_loops: a loop over a field of the outer item; static loops nested. */
export function pipelineWithNestedLoops(golden: unknown) {
  const print = (n: string) =>
    goldenComponent(golden, n, { inputs: { msg: param.string(), msg2: param.string({ optional: true }) } });
  const loopParameter: JsonObject[] = [
    { p_a: [{ q_a: '1' }, { q_a: '2' }], p_b: 'hello' },
    { p_a: [{ q_a: '11' }, { q_a: '22' }], p_b: 'halo' },
  ];
  return definePipeline({
    name: 'pipeline-with-nested-loops',
    params: { loop_parameter: param.list({ default: loopParameter }) },
    build: ({ params, parallelFor }) => {
      parallelFor(params.loop_parameter, (item, { parallelFor }) => {
        parallelFor(
          item.field('p_a'),
          (inner, { task }) => void task(print('print-op'), { msg: inner.field('q_a') }),
        );
      });
      parallelFor(['1', '2'], (outer, { task, parallelFor }) => {
        task(print('print-op-2'), { msg: outer });
        parallelFor(
          ['100', '200', '300'],
          (inner, { task }) => void task(print('print-op-3'), { msg: outer, msg2: inner }),
        );
      });
    },
  });
}
