import { defineComponent, param } from '@capstone/sdk/dsl';

/** Writes a text file onto a shared volume (a PVC mounted at /shared), drafting it in a scratch emptyDir. */
export const writeShared = defineComponent({
  name: 'write-shared',
  implementation: new URL('./write-shared.main.ts', import.meta.url),
  inputs: { text: param.string() },
});
