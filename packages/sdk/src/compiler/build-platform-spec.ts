import type { PipelineTask } from '../dsl/index.js';
import type { IrKubernetesExecutorConfig, IrPlatformSpec } from './ir-types.js';

/** Document 2: Kubernetes config per executor, or `undefined` when no task needs any. */
export function buildPlatformSpec(tasks: readonly PipelineTask[]): IrPlatformSpec | undefined {
  const executors: Record<string, IrKubernetesExecutorConfig> = {};
  for (const task of tasks) {
    const secrets = task.options.secretEnv ?? [];
    if (secrets.length === 0) continue;
    executors[`exec-${task.name}`] = {
      secretAsEnv: secrets.map((secret) => ({
        secretName: secret.secretName,
        keyToEnv: Object.entries(secret.keyToEnv).map(([secretKey, envVar]) => ({ secretKey, envVar })),
      })),
    };
  }
  if (Object.keys(executors).length === 0) return undefined;
  return { platforms: { kubernetes: { deploymentSpec: { executors } } } };
}
