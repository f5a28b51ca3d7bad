import { artifact, defineComponent } from '@capstone/sdk/dsl';

/** The book's sanity check: prints a file artifact (or a directory's file names) to the task log. */
export const printContents = defineComponent({
  name: 'print-contents',
  implementation: new URL('./print-contents.main.ts', import.meta.url),
  inputs: { contents: artifact.artifact() },
});
