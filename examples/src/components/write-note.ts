import { artifact, defineComponent, param } from '@capstone/sdk/dsl';

/** Writes one text file: a loop makes one per item. */
export const writeNote = defineComponent({
  name: 'write-note',
  implementation: new URL('./write-note.main.ts', import.meta.url),
  inputs: { text: param.string() },
  outputs: { note: artifact.dataset() },
});
