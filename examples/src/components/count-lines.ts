import { artifact, defineComponent, param } from '@capstone/sdk/dsl';

/** Reads a file another component wrote: an input artifact path. */
export const countLines = defineComponent({
  name: 'count-lines',
  implementation: new URL('./count-lines.main.ts', import.meta.url),
  inputs: { lines: artifact.dataset() },
  outputs: { count: param.int() },
});
