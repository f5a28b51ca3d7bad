import {
  DefinitionError,
  isChannel,
  isParameterChannel,
  type JsonValue,
  type PipelineTask,
} from '../dsl/index.js';
import { fullName, inputName, isArtifact, loopItemRef, refOf, type ChannelRef } from './channel-refs.js';
import type { IrIoDefinitions, IrParameterInput, IrRetryPolicy, IrTask, IrTaskInputs } from './ir-types.js';

/** Where a task or block sits: its parent's inputs and the names of its sibling tasks/blocks. */
export interface DagContext {
  readonly parentInputs: IrIoDefinitions | undefined;
  readonly siblings: ReadonlySet<string>;
  readonly parentIsRoot: boolean;
}

/** A literal, pipeline parameter or task output as an IR parameter input (Kubernetes options take these). */
export function parameterInput(value: unknown): IrParameterInput {
  if (!isParameterChannel(value)) return { runtimeValue: { constant: value as JsonValue } };
  const source = value.source;
  if (source.from === 'pipeline') return { componentInputParameter: source.name };
  if (source.from === 'task')
    return { taskOutputParameter: { producerTask: source.task, outputParameterKey: source.output } };
  throw new DefinitionError(
    value.describe(),
    'a Kubernetes option takes a literal, a pipeline parameter or a task output, not a loop item or collected list',
  );
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

/** Wires one argument as the official compiler does: producer in this DAG, an input of the parent, or a constant. */
function wireArgument(inputs: IrTaskInputs, input: string, ref: ChannelRef, dag: DagContext): void {
  const { channel } = ref;
  const source = channel.source;
  const parameters = (inputs.parameters ??= {});
  if (source.from === 'loop-item') {
    if (isArtifact(channel)) (inputs.artifacts ??= {})[input] = { componentInputArtifact: inputName(ref) };
    else parameters[input] = { componentInputParameter: inputName(ref) };
    return;
  }
  if (source.from === 'loop-field') {
    parameters[input] = {
      componentInputParameter: inputName(loopItemRef(channel)),
      parameterExpressionSelector: `parseJson(string_value)["${source.field}"]`,
    };
    return;
  }
  const inDag = ref.producer !== undefined && dag.siblings.has(ref.producer);
  const fromParent = (): string => {
    if (ref.producer) return inputName(ref);
    const own = fullName(ref);
    const declared = isArtifact(channel) ? dag.parentInputs?.artifacts : dag.parentInputs?.parameters;
    return declared?.[own] ? own : inputName(ref);
  };
  if (isArtifact(channel)) {
    (inputs.artifacts ??= {})[input] = inDag
      ? { taskOutputArtifact: { producerTask: ref.producer, outputArtifactKey: ref.name } }
      : { componentInputArtifact: fromParent() };
  } else {
    parameters[input] = inDag
      ? { taskOutputParameter: { producerTask: ref.producer, outputParameterKey: ref.name } }
      : { componentInputParameter: fromParent() };
  }
}

export function finishInputs(inputs: IrTaskInputs): IrTaskInputs | undefined {
  const result: IrTaskInputs = {
    ...(inputs.parameters && Object.keys(inputs.parameters).length > 0
      ? { parameters: inputs.parameters }
      : {}),
    ...(inputs.artifacts && Object.keys(inputs.artifacts).length > 0 ? { artifacts: inputs.artifacts } : {}),
  };
  return Object.keys(result).length > 0 ? result : undefined;
}

/** `dag.tasks.<task>` for a component or pipeline call. */
export function buildTaskSpec(
  task: PipelineTask,
  componentName: string,
  dag: DagContext,
  refFor: (input: string) => ChannelRef | undefined,
): IrTask {
  const inputs: IrTaskInputs = {};
  for (const [name, value] of Object.entries(task.args)) {
    if (value === undefined) continue;
    if (isChannel(value)) wireArgument(inputs, name, refFor(name) ?? refOf(value), dag);
    else (inputs.parameters ??= {})[name] = { runtimeValue: { constant: value as JsonValue } };
  }
  const wired = finishInputs(inputs);
  const retry = retryPolicy(task);
  return {
    taskInfo: { name: task.displayName ?? task.name },
    componentRef: { name: componentName },
    ...(wired ? { inputs: wired } : {}),
    cachingOptions: task.options.caching === false ? {} : { enableCache: true },
    ...(retry ? { retryPolicy: retry } : {}),
  };
}

/** The inputs of a block's task: every channel the block needs, read from this DAG or from the parent. */
export function blockInputs(channels: readonly ChannelRef[], dag: DagContext): IrTaskInputs {
  const inputs: IrTaskInputs = {};
  for (const ref of channels) {
    const { channel } = ref;
    const field = channel.source.from === 'loop-field' ? channel.source.field : undefined;
    const own = field ? loopItemRef(channel) : ref;
    const key = inputName(ref);
    const inDag = ref.producer !== undefined && dag.siblings.has(ref.producer);
    const items = field ? (channel.source as unknown as { loop: { items: unknown } }).loop.items : undefined;
    const sourceName = items !== undefined && !Array.isArray(items) ? refOf(items as never).name : ref.name;
    if (isArtifact(channel)) {
      (inputs.artifacts ??= {})[key] = inDag
        ? { taskOutputArtifact: { producerTask: ref.producer, outputArtifactKey: sourceName } }
        : { componentInputArtifact: dag.parentIsRoot ? fullName(own) : key };
      continue;
    }
    (inputs.parameters ??= {})[key] = {
      ...(inDag
        ? { taskOutputParameter: { producerTask: ref.producer, outputParameterKey: sourceName } }
        : { componentInputParameter: dag.parentIsRoot ? fullName(own) : inputName(own) }),
      ...(field ? { parameterExpressionSelector: `parseJson(string_value)["${field}"]` } : {}),
    };
  }
  return inputs;
}
