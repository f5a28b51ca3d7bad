// Which channels every block needs from outside, what it surfaces, and what it depends on: the official
// compiler's rules for nested DAGs (inputs are "punched" down the block tree, collected outputs surfaced up).
import {
  DefinitionError,
  isChannel,
  type LoopOrigin,
  type PipelineGraph,
  type PipelineTask,
  type TaskGroup,
} from '../dsl/index.js';
import {
  channelChain,
  fullName,
  inputName,
  isLoopArgument,
  isWithItems,
  refOf,
  type ChannelRef,
  type DslChannel,
} from './channel-refs.js';

export interface DagOutput {
  readonly channel: DslChannel;
  readonly producerSubtask: string;
  readonly key: string;
  /** Collected outputs are lists (of parameters, or of artifacts). */
  readonly collected: boolean;
}

export interface GroupWiring {
  readonly inputs: Map<string, Map<string, ChannelRef>>;
  readonly outputs: Map<string, Map<string, DagOutput>>;
  readonly dependencies: Map<string, Set<string>>;
  /** `<task>\0<input>` → how a collected argument is referenced once surfaced. */
  readonly collected: Map<string, ChannelRef>;
  readonly pipelineOutputs: Map<string, DagOutput>;
  readonly paths: Map<string, readonly TaskGroup[]>;
  readonly groups: Map<string, TaskGroup>;
}

export function argumentChannels(task: PipelineTask): [string, DslChannel][] {
  return Object.entries(task.args).filter((entry): entry is [string, DslChannel] => isChannel(entry[1]));
}

/** Channels of the comparisons of every condition block around each task. */
function conditionChannels(root: TaskGroup): Map<string, DslChannel[]> {
  const result = new Map<string, DslChannel[]>();
  const walk = (group: TaskGroup, inherited: DslChannel[]): void => {
    const own =
      group.kind === 'condition' ? group.conditions.flatMap((c) => [c.left, c.right]).filter(isChannel) : [];
    const channels = [...inherited, ...(own as DslChannel[])];
    for (const task of group.tasks) result.set(task.name, channels);
    for (const child of group.groups) walk(child, channels);
  };
  walk(root, []);
  return result;
}

export function wireGroups(graph: PipelineGraph): GroupWiring {
  const groups = new Map(graph.root.descendants().map((group) => [group.name, group]));
  const paths = new Map<string, readonly TaskGroup[]>();
  for (const group of groups.values()) paths.set(group.name, group.path());
  const taskPath = (task: string): string[] => {
    const group = graph.groupOf.get(task);
    if (!group) {
      const known = graph.tasks.some((t) => t.name === task);
      throw new DefinitionError(
        `task '${task}'`,
        known ? 'is an exit task; nothing can depend on it' : 'is not part of this pipeline',
      );
    }
    return [...group.path().map((g) => g.name), task];
  };
  const pathNames = (name: string): string[] =>
    groups.has(name) ? (paths.get(name) ?? []).map((g) => g.name) : taskPath(name);
  const uncommon = (a: string, b: string): [string[], string[]] => {
    const left = pathNames(a);
    const right = pathNames(b);
    let common = 0;
    while (common < left.length && common < right.length && left[common] === right[common]) common++;
    return [left.slice(common), right.slice(common)];
  };
  const wiring: GroupWiring = {
    inputs: new Map(),
    outputs: new Map(),
    dependencies: new Map(),
    collected: new Map(),
    pipelineOutputs: new Map(),
    paths,
    groups,
  };
  const itemOf = (loop: LoopOrigin): DslChannel => {
    const item = groups.get(loop.group)?.loop?.item;
    if (!item) throw new DefinitionError(loop.group, 'unknown loop');
    return item;
  };
  const addInput = (group: string, ref: ChannelRef): void => {
    const map = wiring.inputs.get(group) ?? new Map<string, ChannelRef>();
    map.set(inputName(ref), ref);
    wiring.inputs.set(group, map);
  };
  surfaceCollected(graph, wiring, uncommon, pathNames);
  const conditions = conditionChannels(graph.root);
  for (const task of graph.tasks) {
    if (!graph.groupOf.has(task.name)) continue; // exit tasks read pipeline parameters only
    const used = [
      ...argumentChannels(task).map(
        ([input, channel]) => wiring.collected.get(`${task.name}\0${input}`) ?? refOf(channel),
      ),
      ...(conditions.get(task.name) ?? []).map(refOf),
    ];
    for (const ref of used) punchInputs(task, ref, { wiring, itemOf, addInput, uncommon, taskPath, groups });
  }
  wireDependencies(graph, wiring, conditions, uncommon, groups);
  return wiring;
}

interface PunchContext {
  readonly wiring: GroupWiring;
  readonly itemOf: (loop: LoopOrigin) => DslChannel;
  readonly addInput: (group: string, ref: ChannelRef) => void;
  readonly uncommon: (a: string, b: string) => [string[], string[]];
  readonly taskPath: (task: string) => string[];
  readonly groups: Map<string, TaskGroup>;
}

/** Adds `ref` as an input of every block between where it is made and the task that uses it. */
function punchInputs(task: PipelineTask, ref: ChannelRef, context: PunchContext): void {
  const chain: ChannelRef[] =
    ref.channel.source.from === 'collected' ? [ref] : channelChain(ref.channel, context.itemOf).map(refOf);
  const loopArgumentName = (group: string): string | undefined => {
    const loop = context.groups.get(group)?.loop;
    return loop ? fullName(refOf(loop.item)) : undefined;
  };
  const consumed = (group: string, candidate: ChannelRef | undefined): boolean => {
    const argument = loopArgumentName(group);
    return argument !== undefined && candidate !== undefined && argument.includes(fullName(candidate));
  };
  if (ref.producer) {
    const [, downstream] = context.uncommon(ref.producer, task.name);
    for (const group of downstream) {
      context.addInput(group, chain[chain.length - 1] as ChannelRef);
      if (consumed(group, chain[chain.length - 1])) {
        chain.pop();
        if (chain.length === 0) break;
      }
    }
    return;
  }
  if (isLoopArgument(ref.channel) && isWithItems(ref.channel)) {
    for (const group of [...context.taskPath(task.name)].reverse()) {
      context.addInput(group, chain[0] as ChannelRef);
      if (consumed(group, chain[0])) {
        chain.shift();
        if (chain.length === 0) break;
      }
    }
    return;
  }
  for (const group of context.taskPath(task.name)) {
    context.addInput(group, chain[chain.length - 1] as ChannelRef);
    if (consumed(group, chain[chain.length - 1])) {
      chain.pop();
      if (chain.length === 0) break;
    }
  }
}

/** Collected outputs: every block between the producer and the consumer surfaces the list. */
function surfaceCollected(
  graph: PipelineGraph,
  wiring: GroupWiring,
  uncommon: (a: string, b: string) => [string[], string[]],
  pathNames: (name: string) => string[],
): void {
  const surface = (channel: DslChannel, upstream: string[]): ChannelRef => {
    const source = channel.source as { task: string; output: string };
    const surfaced = inputName({ name: source.output, producer: source.task });
    let producer = source.task;
    let key = source.output;
    for (const group of [...upstream].reverse()) {
      const outputs = wiring.outputs.get(group) ?? new Map<string, DagOutput>();
      outputs.set(surfaced, { channel, producerSubtask: producer, key, collected: true });
      wiring.outputs.set(group, outputs);
      producer = group;
      key = surfaced;
    }
    return { channel, name: key, producer };
  };
  for (const task of graph.tasks) {
    for (const [input, channel] of argumentChannels(task)) {
      if (channel.source.from !== 'collected') continue;
      const [upstream] = uncommon(channel.source.task, task.name);
      checkCollected(wiring, task.name, channel.source.task, upstream);
      wiring.collected.set(`${task.name}\0${input}`, surface(channel, upstream.slice(0, -1)));
    }
  }
  for (const [key, value] of Object.entries(graph.outputs)) {
    if (!isChannel(value))
      throw new DefinitionError(`pipeline '${graph.definition.name}'`, `output '${key}' must be a channel`);
    const source = value.source;
    if (source.from === 'collected') {
      const ref = surface(value, pathNames(source.task).slice(1, -1));
      wiring.pipelineOutputs.set(key, {
        channel: value,
        producerSubtask: ref.producer ?? '',
        key: ref.name,
        collected: true,
      });
    } else if (source.from === 'task') {
      if (pathNames(source.task).length !== 2) {
        throw new DefinitionError(
          `pipeline '${graph.definition.name}'`,
          `output '${key}' comes from task '${source.task}' inside a block; return it from the block (collected) instead`,
        );
      }
      wiring.pipelineOutputs.set(key, {
        channel: value,
        producerSubtask: source.task,
        key: source.output,
        collected: false,
      });
    } else {
      throw new DefinitionError(
        `pipeline '${graph.definition.name}'`,
        `output '${key}' must be a task output`,
      );
    }
  }
}

function checkCollected(wiring: GroupWiring, consumer: string, producer: string, upstream: string[]): void {
  const kinds = upstream.slice(0, -1).map((name) => wiring.groups.get(name)?.kind);
  const first = wiring.groups.get(upstream[0] ?? '');
  if (!kinds.includes('for-loop') || (first && first.kind !== 'for-loop')) {
    throw new DefinitionError(
      `task '${consumer}'`,
      `collects outputs of '${producer}', which is not inside a loop that '${consumer}' is outside of`,
    );
  }
}

function wireDependencies(
  graph: PipelineGraph,
  wiring: GroupWiring,
  conditions: Map<string, DslChannel[]>,
  uncommon: (a: string, b: string) => [string[], string[]],
  groups: Map<string, TaskGroup>,
): void {
  for (const task of graph.tasks) {
    if (!graph.groupOf.has(task.name)) continue;
    const data = argumentChannels(task).map(
      ([input, channel]) => wiring.collected.get(`${task.name}\0${input}`) ?? refOf(channel),
    );
    const upstream = new Set<string>([
      ...[...data, ...(conditions.get(task.name) ?? []).map(refOf)].flatMap((ref) =>
        ref.producer ? [ref.producer] : [],
      ),
      ...task.afterTasks,
    ]);
    const dataProducers = new Set(data.flatMap((ref) => (ref.producer ? [ref.producer] : [])));
    for (const producer of upstream) {
      const [up, down] = uncommon(producer, task.name);
      const outer = groups.get(up.filter((name) => name !== producer)[0] ?? '');
      if (
        outer &&
        (outer.kind === 'condition' || outer.kind === 'exit-handler' || outer.kind === 'condition-branches')
      ) {
        throw new DefinitionError(
          `task '${task.name}'`,
          `depends on '${producer}' inside ${outer.name}, a ${outer.kind} block it is not in`,
        );
      }
      if (outer?.kind === 'for-loop' && dataProducers.has(producer)) {
        throw new DefinitionError(
          `task '${task.name}'`,
          `uses an output of '${producer}' inside loop ${outer.name}; return it from the loop body to collect it`,
        );
      }
      const [first] = down;
      const [from] = up;
      if (first && from) {
        const set = wiring.dependencies.get(first) ?? new Set<string>();
        set.add(from);
        wiring.dependencies.set(first, set);
      }
    }
  }
}
