// Blocks (conditions, loops, exit handlers) as the official compiler writes them: a `comp-<block>` with a
// DAG, and a task in the parent DAG with its trigger policy or iterator.
import { PARAMETER_TYPES, type TaskGroup } from '../dsl/index.js';
import { celCondition } from './cel-condition.js';
import {
  artifactTypeOf,
  fullName,
  inputName,
  isArtifact,
  isWithItems,
  loopOf,
  parameterTypeOf,
  pythonJson,
  refOf,
  type ChannelRef,
} from './channel-refs.js';
import { blockInputs, finishInputs, type DagContext } from './build-task-spec.js';
import type { DagOutput, GroupWiring } from './group-wiring.js';
import type { IrComponentSpec, IrIoDefinitions, IrTask } from './ir-types.js';

/** `inputDefinitions` for the channels a block needs; `outputDefinitions` + `dag.outputs` for what it surfaces. */
export function buildGroupComponent(
  channels: readonly ChannelRef[],
  outputs: ReadonlyMap<string, DagOutput> | undefined,
): IrComponentSpec {
  const inputDefinitions: IrIoDefinitions = {};
  for (const ref of channels) {
    const { channel } = ref;
    if (isArtifact(channel)) {
      (inputDefinitions.artifacts ??= {})[inputName(ref)] = {
        artifactType: artifactTypeOf(channel),
        ...(channel.isList ? { isArtifactList: true as const } : {}),
      };
    } else {
      (inputDefinitions.parameters ??= {})[inputName(ref)] = { parameterType: parameterTypeOf(channel) };
    }
  }
  const component: IrComponentSpec = { dag: { tasks: {} } };
  if (inputDefinitions.parameters || inputDefinitions.artifacts)
    component.inputDefinitions = inputDefinitions;
  if (outputs && outputs.size > 0) Object.assign(component, dagOutputs(outputs));
  return component;
}

/** Output definitions and `dag.outputs` for surfaced (collected) or plain outputs. */
export function dagOutputs(outputs: ReadonlyMap<string, DagOutput>): Pick<
  IrComponentSpec,
  'outputDefinitions'
> & {
  dag: {
    tasks: Record<string, IrTask>;
    outputs: NonNullable<NonNullable<IrComponentSpec['dag']>['outputs']>;
  };
} {
  const outputDefinitions: IrIoDefinitions = {};
  const dagOut: NonNullable<NonNullable<IrComponentSpec['dag']>['outputs']> = {};
  for (const [key, output] of outputs) {
    const { channel } = output;
    if (isArtifact(channel)) {
      (outputDefinitions.artifacts ??= {})[key] = {
        artifactType: artifactTypeOf(channel),
        ...(output.collected || channel.isList ? { isArtifactList: true as const } : {}),
      };
      (dagOut.artifacts ??= {})[key] = {
        artifactSelectors: [{ producerSubtask: output.producerSubtask, outputArtifactKey: output.key }],
      };
    } else {
      (outputDefinitions.parameters ??= {})[key] = {
        parameterType: output.collected ? PARAMETER_TYPES.list : parameterTypeOf(channel),
      };
      (dagOut.parameters ??= {})[key] = {
        valueFromParameter: { producerSubtask: output.producerSubtask, outputParameterKey: output.key },
      };
    }
  }
  return { outputDefinitions, dag: { tasks: {}, outputs: dagOut } };
}

/** The channels a block's component declares as inputs, in the official compiler's selection. */
export function groupChannels(group: TaskGroup, wiring: GroupWiring): ChannelRef[] {
  const needed = [...(wiring.inputs.get(group.name)?.values() ?? [])];
  if (group.kind === 'condition') {
    const operands = group.conditions
      .flatMap((c) => [c.left, c.right])
      .filter((o) => typeof o === 'object') as never[];
    return dedupe([...needed, ...operands.map(refOf)]);
  }
  if (group.kind !== 'for-loop' || !group.loop) return dedupe(needed);
  const ancestry = (wiring.paths.get(group.name) ?? [])
    .map((g) => g.loop?.item)
    .filter((item) => item !== undefined);
  const kept = needed.filter((ref) => {
    if (!loopOf(ref.channel) || !isWithItems(ref.channel)) return true;
    return ancestry.some((item) => refOf(item).name.includes(ref.name));
  });
  const items = group.loop.origin.items;
  const extra = Array.isArray(items) ? [] : [refOf(items as never)];
  return dedupe([...kept, ...extra, refOf(group.loop.item)]);
}

function dedupe(refs: ChannelRef[]): ChannelRef[] {
  const seen = new Map<string, ChannelRef>();
  for (const ref of refs) if (!seen.has(inputName(ref))) seen.set(inputName(ref), ref);
  return [...seen.values()];
}

/** The block's task in its parent DAG. */
export function buildGroupTask(group: TaskGroup, channels: readonly ChannelRef[], dag: DagContext): IrTask {
  const inputs = blockInputs(channels, dag);
  const task: IrTask = {
    taskInfo: { name: group.displayName ?? group.name },
    componentRef: { name: `comp-${group.name}` },
  };
  if (group.kind === 'condition') task.triggerPolicy = { condition: celCondition(group.conditions) };
  if (group.kind === 'for-loop' && group.loop) {
    const { origin, item, parallelism } = group.loop;
    const itemInput = inputName(refOf(item));
    if (Array.isArray(origin.items)) {
      task.parameterIterator = { items: { raw: pythonJson(origin.items as never) }, itemInput };
    } else {
      const itemsRef = refOf(origin.items as never);
      const itemsInput = inputName(itemsRef);
      if (isArtifact(item)) task.artifactIterator = { items: { inputArtifact: itemsInput }, itemInput };
      else task.parameterIterator = { items: { inputParameter: itemsInput }, itemInput };
    }
    delete inputs.parameters?.[itemInput];
    delete inputs.artifacts?.[itemInput];
    if (parallelism > 0) task.iteratorPolicy = { parallelismLimit: parallelism };
  }
  const wired = finishInputs(inputs);
  if (wired) task.inputs = wired;
  void fullName;
  return task;
}
