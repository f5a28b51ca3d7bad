import { defineComponent, param } from '@capstone/sdk/dsl';

/** Puts a text object into the object store and returns its URI (for an importer downstream). */
export const saveToStore = defineComponent({
  name: 'save-to-store',
  implementation: new URL('./save-to-store.main.ts', import.meta.url),
  inputs: { text: param.string(), bucket: param.string(), key: param.string() },
  outputs: { uri: param.string() },
});
