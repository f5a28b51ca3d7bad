import { defineContainerComponent, definePipeline } from '../../dsl/index.js';
import { goldenContainer } from './shared-dir.js';

const printEnv = defineContainerComponent({
  name: 'print-env',
  image: 'alpine',
  command: () => ['sh', '-c', 'set -e -x\necho "$ENV1"\necho "$ENV2"\necho "$ENV3"\n'],
  env: { ENV1: 'val0', ENV2: 'val2', ENV3: 'val3' },
});

/** `print_env_op` is a Python-function component; its container comes from the golden. */
export function pipelineWithEnv(golden: unknown) {
  const container = goldenContainer(golden, 'exec-print-env-op');
  const printEnvOp = defineContainerComponent({
    name: 'print-env-op',
    image: container.image,
    command: () => container.command,
    args: () => container.args ?? [],
  });
  return definePipeline({
    name: 'pipeline-with-env',
    build: ({ task }) => {
      task(printEnvOp).setEnv('ENV1', 'val1');
      task(printEnv);
    },
  });
}
