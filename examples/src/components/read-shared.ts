import { defineComponent, param } from '@capstone/sdk/dsl';

/** Reads the text file another task left on the shared volume (a PVC mounted at /shared). */
export const readShared = defineComponent({
  name: 'read-shared',
  implementation: new URL('./read-shared.main.ts', import.meta.url),
  outputs: { message: param.string(), bytes: param.int() },
});
