import { defineComponent, param } from '@capstone/sdk/dsl';

/** Puts a die roll into words: `<words> (<value>)`. */
export const describeRoll = defineComponent({
  name: 'describe-roll',
  implementation: new URL('./describe-roll.main.ts', import.meta.url),
  inputs: { value: param.int(), words: param.string() },
  outputs: { text: param.string() },
});
