// `dsl.OneOf` as the official compiler wires it: each branch block surfaces its task's output, and the
// `condition-branches` block exposes one output selecting whichever branch produced a value.
import { DefinitionError, type TaskGroup } from '../dsl/index.js';
import { inputName, type DslChannel } from './channel-refs.js';
import type { DagOutput, GroupWiring } from './group-wiring.js';

function addOutput(wiring: GroupWiring, group: string, key: string, output: DagOutput): void {
  const outputs = wiring.outputs.get(group) ?? new Map<string, DagOutput>();
  outputs.set(key, output);
  wiring.outputs.set(group, outputs);
}

/** Surfaces `channel` from its task up to (and including) `branch`; returns the key `branch` exposes it as. */
function surfaceToBranch(
  wiring: GroupWiring,
  channel: DslChannel,
  branch: TaskGroup,
  pathNames: (name: string) => string[],
): string {
  const source = channel.source;
  if (source.from !== 'task') throw new DefinitionError(branch.name, 'a oneOf branch must be a task output');
  const path = pathNames(source.task);
  const between = path.slice(path.indexOf(branch.name), -1);
  const surfaced = inputName({ name: source.output, producer: source.task });
  let producer = source.task;
  let key = source.output;
  for (const group of between.reverse()) {
    addOutput(wiring, group, surfaced, { channel, producerSubtask: producer, key, collected: false });
    producer = group;
    key = surfaced;
  }
  return key;
}

export function surfaceOneOfs(
  root: TaskGroup,
  wiring: GroupWiring,
  pathNames: (name: string) => string[],
): void {
  for (const branches of root.descendants()) {
    for (const { output, channels } of branches.oneOfs) {
      const selectors = channels.map((channel, i) => {
        const branch = branches.groups[i] as TaskGroup;
        return { producerSubtask: branch.name, key: surfaceToBranch(wiring, channel, branch, pathNames) };
      });
      const [first] = channels as [DslChannel];
      addOutput(wiring, branches.name, output, {
        channel: first,
        producerSubtask: '',
        key: '',
        collected: false,
        oneOf: selectors,
      });
    }
  }
}
