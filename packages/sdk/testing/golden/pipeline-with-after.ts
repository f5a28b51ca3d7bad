import { defineContainerComponent, definePipeline, param } from '../../src/dsl/index.js';

const printText = defineContainerComponent({
  name: 'print-text',
  inputs: { text: param.string() },
  image: 'alpine',
  command: ({ inputs }) => ['sh', '-c', 'set -e -x\necho "$0"\n', inputs.text],
});

export const pipelineWithAfter = definePipeline({
  name: 'pipeline-with-after',
  build: ({ task }) => {
    const first = task(printText, { text: '1st task' });
    const second = task(printText, { text: '2nd task' }).after(first);
    task(printText, { text: '3rd task' }).after(first, second);
  },
});
