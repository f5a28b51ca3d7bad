import {
  DefinitionError,
  isParameterChannel,
  type KubernetesConfig,
  type PipelineParams,
  type PipelineTask,
} from '../dsl/index.js';
import { buildKubernetesConfig } from './build-kubernetes-config.js';
import type { IrKubernetesExecutorConfig, IrPlatformSpec } from './ir-types.js';

/** Document 2: Kubernetes config per executor, or `undefined` when no task needs any. */
export function buildPlatformSpec(
  tasks: readonly PipelineTask[],
  pipelineParams?: PipelineParams,
): IrPlatformSpec | undefined {
  const executors: Record<string, IrKubernetesExecutorConfig> = {};
  const names = new Set(tasks.map((task) => task.name));
  for (const task of tasks) {
    checkChannels(task, names, pipelineParams);
    checkCreatePvc(task);
    const config = buildKubernetesConfig(task.options, task.kubernetes);
    if (config) executors[`exec-${task.name}`] = config;
  }
  if (Object.keys(executors).length === 0) return undefined;
  return { platforms: { kubernetes: { deploymentSpec: { executors } } } };
}

/** Every value `kubernetes.*` may take from a channel, flattened. */
function channelValues(config: KubernetesConfig): unknown[] {
  return [
    ...[
      ...config.secretAsEnv,
      ...config.secretAsVolume,
      ...config.configMapAsEnv,
      ...config.configMapAsVolume,
    ].map((entry) => entry.name),
    ...config.pvcMount.map((mount) => mount.pvcName),
    ...config.imagePullSecret,
    config.nodeSelectorJson,
    ...config.tolerations.map((entry) => ('json' in entry ? entry.json : undefined)),
    ...config.nodeAffinity.map((entry) => ('json' in entry ? entry.json : undefined)),
  ];
}

/** A channel used in a Kubernetes option must come from this pipeline (the task arguments are checked earlier). */
function checkChannels(task: PipelineTask, names: ReadonlySet<string>, params?: PipelineParams): void {
  for (const value of channelValues(task.kubernetes)) {
    if (!isParameterChannel(value)) continue;
    const source = value.source;
    if (source.from === 'task' && !names.has(source.task)) {
      throw new DefinitionError(
        `task '${task.name}'`,
        `a kubernetes option uses ${value.describe()}, which is not part of this pipeline`,
      );
    }
    if (source.from === 'pipeline' && params && !(source.name in params)) {
      throw new DefinitionError(
        `task '${task.name}'`,
        `a kubernetes option uses ${value.describe()}, which is not a parameter of this pipeline`,
      );
    }
  }
}

/** The driver refuses both names at once; literals are checked here, channels only at run time. */
function checkCreatePvc(task: PipelineTask): void {
  if (task.component.container?.kind !== 'kubernetes-op') return;
  const { pvc_name: name, pvc_name_suffix: suffix } = task.args;
  if (typeof name === 'string' && name !== '' && typeof suffix === 'string' && suffix !== '') {
    throw new DefinitionError(`task '${task.name}'`, 'give at most one of pvc_name and pvc_name_suffix');
  }
}
