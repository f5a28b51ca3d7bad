import { defineComponent, param } from '@capstone/sdk/dsl';

/** A die roll, 1 to 6, decided by the seed (so a run can be repeated). */
export const rollDie = defineComponent({
  name: 'roll-die',
  implementation: new URL('./roll-die.main.ts', import.meta.url),
  inputs: { seed: param.int() },
  outputs: { value: param.int() },
});
