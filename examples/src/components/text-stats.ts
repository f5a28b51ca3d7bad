import { artifact, defineComponent, param } from '@capstone/sdk/dsl';

/** A component with several outputs: two parameters and a Markdown artifact. */
export const textStats = defineComponent({
  name: 'text-stats',
  implementation: new URL('./text-stats.main.ts', import.meta.url),
  inputs: { text: param.string() },
  outputs: { words: param.int(), chars: param.int(), report: artifact.markdown() },
});
