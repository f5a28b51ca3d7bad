import { defineComponent, param } from '@capstone/sdk/dsl';

/** Prints a labelled number. */
export const printNumber = defineComponent({
  name: 'print-number',
  implementation: new URL('./print-number.main.ts', import.meta.url),
  inputs: { label: param.string(), value: param.float() },
});
