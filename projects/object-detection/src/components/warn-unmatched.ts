import { defineComponent, param } from '@capstone/sdk/dsl';

/**
 * Runs only when the split found images without a label or labels without an image (a condition in the
 * pipeline): says how many files were left out, so a partly broken download does not go unnoticed.
 */
export const warnUnmatched = defineComponent({
  name: 'warn-unmatched',
  implementation: new URL('./warn-unmatched.main.ts', import.meta.url),
  inputs: { unmatched: param.int(), pairs: param.int() },
});
