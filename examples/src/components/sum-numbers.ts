import { defineComponent, param } from '@capstone/sdk/dsl';

/** Adds up a list: the fan-in of a loop's collected outputs. */
export const sumNumbers = defineComponent({
  name: 'sum-numbers',
  implementation: new URL('./sum-numbers.main.ts', import.meta.url),
  inputs: { numbers: param.list<number>({ items: 'int' }) },
  outputs: { total: param.int() },
});
