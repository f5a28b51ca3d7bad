import { artifact, defineContainerComponent, definePipeline, param } from '../../src/dsl/index.js';

const component1 = defineContainerComponent({
  name: 'component1',
  inputs: { text: param.string() },
  outputs: { output_gcs: artifact.dataset() },
  image: 'alpine',
  command: () => ['sh', '-c', 'mkdir --parents $(dirname "$1") && echo "$0" > "$1"'],
  args: ({ inputs, outputs }) => [inputs.text, outputs.output_gcs.path],
});

const component2 = defineContainerComponent({
  name: 'component2',
  inputs: { input_gcs: artifact.dataset() },
  image: 'alpine',
  command: () => ['cat'],
  args: ({ inputs }) => [inputs.input_gcs.path],
});

export const twoStepContainerized = definePipeline({
  name: 'containerized-two-step-pipeline',
  params: { text: param.string({ default: 'Hello KFP Containerized!', isOptional: false }) },
  build: ({ params, task }) => {
    const first = task(component1, { text: params.text });
    task(component2, { input_gcs: first.outputs.output_gcs });
  },
});
