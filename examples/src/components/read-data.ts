import { artifact, defineComponent, param } from '@capstone/sdk/dsl';

/** The first pipeline, step 1: produce a small CSV of measurements (deterministic for a seed). */
export const readData = defineComponent({
  name: 'read-data',
  implementation: new URL('./read-data.main.ts', import.meta.url),
  inputs: { rows: param.int({ default: 100 }), seed: param.int({ default: 42 }) },
  outputs: { data: artifact.dataset() },
});
