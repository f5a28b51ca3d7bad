// TypeScript twins of the official goldens that use dsl.OneOf (and dsl.Collected outside a loop).
import { definePipeline, param, type ComponentDefinition } from '../../../src/dsl/index.js';
import { goldenComponent } from '../golden-component.js';

/** if_elif_else_with_oneof_parameters: a three-way chain's oneOf returned by a pipeline used as a task. */
export function ifElifElseWithOneOfParameters(golden: unknown) {
  const flip = goldenComponent(golden, 'flip-three-sided-die', { outputs: { Output: param.string() } });
  const printAndReturn = (n: string) =>
    goldenComponent(golden, n, { inputs: { text: param.string() }, outputs: { Output: param.string() } });
  const special = goldenComponent(golden, 'special-print-and-return', {
    inputs: { text: param.string() },
    outputs: { output_key: param.string() },
  });
  const rollDie = definePipeline({
    name: 'roll-die-pipeline',
    outputs: { Output: param.string() },
    build: ({ task, condition }) => {
      const die = task(flip);
      const text = condition(die.output.eq('heads'), ({ task }) => {
        return task(printAndReturn('print-and-return'), { text: 'Got heads!' }).output;
      })
        .elif(die.output.eq('tails'), ({ task }) => {
          return task(printAndReturn('print-and-return-2'), { text: 'Got tails!' }).output;
        })
        .else(({ task }) => task(special, { text: 'Draw!' }).outputs.output_key)
        .oneOf();
      return { Output: text };
    },
  });
  return definePipeline({
    name: 'outer-pipeline',
    outputs: { Output: param.string() },
    build: ({ task }) => {
      const rolled = task(rollDie);
      // The outer task keeps its name; its component (same name as the inner one) becomes `-3`.
      const printed = task(
        printAndReturn('print-and-return-3'),
        { text: rolled.output },
        { name: 'print-and-return' },
      );
      return { Output: printed.output };
    },
  });
}

/** if_elif_else_complex: chains nested in chains inside a loop, two oneOfs, and the loop's collected ints. */
export function ifElifElseComplex(golden: unknown) {
  const randomInt = goldenComponent(golden, 'int-0-to-9999', { outputs: { Output: param.int() } });
  const isEvenOrOdd = (n: string) =>
    goldenComponent(golden, n, { inputs: { num: param.int() }, outputs: { Output: param.string() } });
  const print = (n: number) =>
    goldenComponent(golden, n === 1 ? 'print-and-return' : `print-and-return-${n}`, {
      inputs: { text: param.string() },
      outputs: { Output: param.string() },
    });
  const printInts = goldenComponent(golden, 'print-ints', { inputs: { ints: param.list<number>() } });
  const lucky = 'Announcing: Got the lucky number 5000! A one in 10,000 chance.';
  const again = 'Announcing again: Got the lucky number 5000! A one in 10,000 chance.';
  return definePipeline({
    name: 'lucky-number-pipeline',
    params: {
      add_drumroll: param.bool({ default: true }),
      repeat_if_lucky_number: param.bool({ default: true }),
      trials: param.list<number>({ items: 'int', default: [1, 2, 3] }),
    },
    build: ({ params, task, parallelFor }) => {
      const ints = parallelFor(params.trials, (trial, { task, condition }) => {
        const int = task(randomInt).setCaching(false);
        condition(params.add_drumroll.eq(true), ({ condition }) => {
          condition(
            trial.eq(3),
            ({ task }) => void task(print(1), { text: 'Adding drumroll on last trial!' }),
          );
        });
        condition(int.output.lt(5000), ({ task, condition }) => {
          const parity = task(isEvenOrOdd('is-even-or-odd'), { num: int.output });
          const text = condition(parity.output.eq('even'), ({ task }) => {
            return task(print(2), { text: 'Got a low even number!' }).output;
          })
            .else(({ task }) => task(print(3), { text: 'Got a low odd number!' }).output)
            .oneOf();
          task(print(4), { text });
        })
          .elif(int.output.gt(5000), ({ task, condition }) => {
            const parity = task(isEvenOrOdd('is-even-or-odd-2'), { num: int.output });
            const text = condition(parity.output.eq('even'), ({ task }) => {
              return task(print(5), { text: 'Got a high even number!' }).output;
            })
              .else(({ task }) => task(print(6), { text: 'Got a high odd number!' }).output)
              .oneOf();
            task(print(7), { text });
          })
          .else(({ task, condition }) => {
            task(print(8), { text: lucky });
            condition(params.repeat_if_lucky_number.eq(true), ({ parallelFor }) => {
              parallelFor([1, 2], (_n, { task }) => void task(print(9), { text: again }));
            });
          });
        return int.output;
      });
      task(printInts, { ints });
    },
  });
}

const intIn = { num: param.int() };
const intsIn = { nums: param.list<number>() };
const intOut = { Output: param.int() };
type Double = ComponentDefinition<typeof intIn, typeof intOut>;
type Add = ComponentDefinition<typeof intsIn, typeof intOut>;

/**
 * The pipeline of conditional_producer_and_consumers with the given components: doubled items collected
 * through a condition in a loop, their sum collected out of a condition (the local runner tests run it too).
 */
export function conditionalMathPipeline(double: Double, add: Add) {
  return definePipeline({
    name: 'math-pipeline',
    params: { threshold: param.int({ default: 2 }) },
    outputs: { Output: param.list<number>() },
    build: ({ params, parallelFor, condition }) => {
      const doubled = parallelFor([1, 2, 3], (x, { condition }) => {
        return condition(x.ge(params.threshold), ({ task }) => task(double, { num: x }).output).result;
      });
      const added = condition(params.threshold.eq(2), ({ task }) => task(add, { nums: doubled }).output);
      return { Output: added.collected() };
    },
  });
}

/** conditional_producer_and_consumers, with the golden's containers. */
export function conditionalProducerAndConsumers(golden: unknown) {
  return conditionalMathPipeline(
    goldenComponent(golden, 'double', { inputs: intIn, outputs: intOut }),
    goldenComponent(golden, 'add', { inputs: intsIn, outputs: intOut }),
  );
}
