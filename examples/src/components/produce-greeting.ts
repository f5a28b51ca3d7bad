import { defineComponent, param } from '@capstone/sdk/dsl';

/** Passes a value to the next component: a string output parameter. */
export const produceGreeting = defineComponent({
  name: 'produce-greeting',
  description: 'Builds a greeting for a name',
  implementation: new URL('./produce-greeting.main.ts', import.meta.url),
  inputs: { name: param.string({ default: 'Kubeflow' }) },
  outputs: { greeting: param.string() },
});
