// Small pipelines for the kubernetes.* compiler tests: two container components and typed parameters.
import { compilePipeline } from '../../src/compiler/compile-pipeline.js';
import {
  defineContainerComponent,
  definePipeline,
  param,
  type PipelineContext,
} from '../../src/dsl/index.js';

export const tool = defineContainerComponent({ name: 'tool', image: 'alpine', command: () => ['true'] });
export const namer = defineContainerComponent({
  name: 'namer',
  image: 'alpine',
  outputs: { name: param.string() },
  command: ({ outputs }) => ['sh', '-c', 'echo n > "$0"', outputs.name.outputFile],
});
export const k8sParams = {
  secret: param.string({ default: 'db' }),
  selector: param.struct({ default: { disk: 'ssd' } }),
  tolerations: param.list({ default: [] }),
  pvc: param.string({ default: 'shared' }),
};
export type K8sContext = PipelineContext<typeof k8sParams>;

/** Compiles a pipeline with `k8sParams` built by `build`; returns its DAG and Kubernetes executor configs. */
export function compileWith(build: (context: K8sContext) => void) {
  const pipeline = definePipeline({ name: 'k8s-options', params: k8sParams, build });
  const { spec, platform } = compilePipeline(pipeline, { project: 'test' });
  return { spec, executors: platform?.platforms.kubernetes.deploymentSpec.executors ?? {} };
}
