import { defineComponent, param } from '@capstone/sdk/dsl';

/** Fails on request: shows what an exit handler does when a task fails. */
export const failIf = defineComponent({
  name: 'fail-if',
  implementation: new URL('./fail-if.main.ts', import.meta.url),
  inputs: { fail: param.bool() },
});
