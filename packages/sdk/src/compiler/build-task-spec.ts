import { isArtifactChannel, isParameterChannel, type JsonValue, type PipelineTask } from '../dsl/index.js';
import type { IrArtifactInput, IrParameterInput, IrRetryPolicy, IrTask } from './ir-types.js';

/** A literal, pipeline parameter or task output as an IR parameter input. */
export function parameterInput(value: unknown): IrParameterInput {
  if (isParameterChannel(value)) {
    return value.source.from === 'pipeline'
      ? { componentInputParameter: value.source.name }
      : { taskOutputParameter: { producerTask: value.source.task, outputParameterKey: value.source.output } };
  }
  return { runtimeValue: { constant: value as JsonValue } };
}

function retryPolicy(task: PipelineTask): IrRetryPolicy | undefined {
  const retry = task.options.retry;
  if (!retry) return undefined;
  return {
    maxRetryCount: retry.maxRetryCount,
    backoffDuration: `${retry.backoffSeconds ?? 0}s`,
    backoffFactor: retry.backoffFactor ?? 2,
    backoffMaxDuration: `${retry.backoffMaxSeconds ?? 3600}s`,
  };
}

/** `root.dag.tasks.<task>`: inputs wired to params, constants or producers; data and `.after()` edges. */
export function buildTaskSpec(task: PipelineTask, componentName: string): IrTask {
  const parameters: Record<string, IrParameterInput> = {};
  const artifacts: Record<string, IrArtifactInput> = {};
  const upstream = new Set(task.afterTasks);
  for (const [name, value] of Object.entries(task.args)) {
    if (value === undefined) continue;
    if (isArtifactChannel(value)) {
      artifacts[name] = { taskOutputArtifact: { producerTask: value.task, outputArtifactKey: value.output } };
      upstream.add(value.task);
    } else {
      parameters[name] = parameterInput(value);
      if (isParameterChannel(value) && value.source.from === 'task') upstream.add(value.source.task);
    }
  }
  const inputs = {
    ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
    ...(Object.keys(artifacts).length > 0 ? { artifacts } : {}),
  };
  const retry = retryPolicy(task);
  return {
    taskInfo: { name: task.name },
    componentRef: { name: componentName },
    ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
    ...(upstream.size > 0 ? { dependentTasks: [...upstream].sort() } : {}),
    cachingOptions: task.options.caching === false ? {} : { enableCache: true },
    ...(retry ? { retryPolicy: retry } : {}),
  };
}
