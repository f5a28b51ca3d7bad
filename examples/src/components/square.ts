import { defineComponent, param } from '@capstone/sdk/dsl';

/** n × n: one loop iteration's work. */
export const square = defineComponent({
  name: 'square',
  implementation: new URL('./square.main.ts', import.meta.url),
  inputs: { n: param.int() },
  outputs: { squared: param.int() },
});
