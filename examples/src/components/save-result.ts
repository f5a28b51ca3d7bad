import { artifact, defineComponent, param } from '@capstone/sdk/dsl';

/** The first pipeline, step 3: save the result as a JSON artifact. */
export const saveResult = defineComponent({
  name: 'save-result',
  implementation: new URL('./save-result.main.ts', import.meta.url),
  inputs: { average: param.float() },
  outputs: { result: artifact.artifact() },
});
