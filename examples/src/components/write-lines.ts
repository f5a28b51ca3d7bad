import { artifact, defineComponent, param } from '@capstone/sdk/dsl';

/** Passes a file to the next component: an output artifact written at the path the launcher gives. */
export const writeLines = defineComponent({
  name: 'write-lines',
  implementation: new URL('./write-lines.main.ts', import.meta.url),
  inputs: { count: param.int({ default: 5 }) },
  outputs: { lines: artifact.dataset() },
});
