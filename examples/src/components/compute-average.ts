import { artifact, defineComponent, param } from '@capstone/sdk/dsl';

/** The first pipeline, step 2: the mean of the `value` column. */
export const computeAverage = defineComponent({
  name: 'compute-average',
  implementation: new URL('./compute-average.main.ts', import.meta.url),
  inputs: { data: artifact.dataset() },
  outputs: { average: param.float() },
});
