import { defineComponent, param } from '@capstone/sdk/dsl';

/** Prints any string value it receives. */
export const printValue = defineComponent({
  name: 'print-value',
  implementation: new URL('./print-value.main.ts', import.meta.url),
  inputs: { value: param.string() },
});
