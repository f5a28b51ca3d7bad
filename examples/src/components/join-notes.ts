import { artifact, defineComponent, param } from '@capstone/sdk/dsl';

/** Reads a list of files (a loop's collected artifacts), in iteration order, into one. */
export const joinNotes = defineComponent({
  name: 'join-notes',
  implementation: new URL('./join-notes.main.ts', import.meta.url),
  inputs: { notes: artifact.dataset({ list: true }) },
  outputs: { joined: artifact.dataset(), count: param.int() },
});
