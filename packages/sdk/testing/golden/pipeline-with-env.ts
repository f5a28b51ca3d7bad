import { defineContainerComponent, definePipeline } from '../../src/dsl/index.js';
import { goldenComponent } from './golden-component.js';

const printEnv = defineContainerComponent({
  name: 'print-env',
  image: 'alpine',
  command: () => ['sh', '-c', 'set -e -x\necho "$ENV1"\necho "$ENV2"\necho "$ENV3"\n'],
  env: { ENV1: 'val0', ENV2: 'val2', ENV3: 'val3' },
});

/** `print_env_op` is a Python-function component; its container comes from the golden. */
export function pipelineWithEnv(golden: unknown) {
  const printEnvOp = goldenComponent(golden, 'print-env-op');
  return definePipeline({
    name: 'pipeline-with-env',
    build: ({ task }) => {
      task(printEnvOp).setEnv('ENV1', 'val1');
      task(printEnv);
    },
  });
}
