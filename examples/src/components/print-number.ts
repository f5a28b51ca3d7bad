import { defineComponent, param } from '@capstone/sdk/dsl';

/** Prints a labelled count (an int: the official SDK refuses an int output wired into a float input). */
export const printNumber = defineComponent({
  name: 'print-number',
  implementation: new URL('./print-number.main.ts', import.meta.url),
  inputs: { label: param.string(), value: param.int() },
});
