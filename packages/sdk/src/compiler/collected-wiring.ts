// `dsl.Collected` as the official compiler wires it: every block between the producer and the consumer (or
// the pipeline's outputs) surfaces the list; pipeline outputs may also come from a oneOf or a top-level task.
import { DefinitionError, isChannel, type PipelineGraph } from '../dsl/index.js';
import { argumentChannels, inputName, type ChannelRef, type DslChannel } from './channel-refs.js';
import type { DagOutput, GroupWiring } from './group-wiring.js';

/** Collected outputs: every block between the producer and the consumer surfaces the list. */
export function surfaceCollected(
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
    } else if (source.from === 'oneof') {
      if (pathNames(source.group).length !== 2) {
        throw new DefinitionError(
          `pipeline '${graph.definition.name}'`,
          `output '${key}' is the oneOf of ${source.group}, which is inside a block; only a chain at the top level can be a pipeline output`,
        );
      }
      wiring.pipelineOutputs.set(key, {
        channel: value,
        producerSubtask: source.group,
        key: source.output,
        collected: false,
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

const COLLECTABLE: ReadonlySet<string> = new Set(['for-loop', 'condition', 'condition-branches']);

function checkCollected(wiring: GroupWiring, consumer: string, producer: string, upstream: string[]): void {
  // Collected from a loop (a list per iteration) or, as the official SDK allows, from a condition block
  // outside any loop (a list parameter holding what the block produced).
  const first = wiring.groups.get(upstream[0] ?? '');
  if (!first || upstream.length < 2 || !COLLECTABLE.has(first.kind)) {
    throw new DefinitionError(
      `task '${consumer}'`,
      `collects outputs of '${producer}', which is not inside a loop or condition that '${consumer}' is outside of`,
    );
  }
  if (!upstream.slice(0, -1).some((name) => wiring.groups.get(name)?.kind === 'for-loop')) {
    throw new DefinitionError(
      `task '${consumer}'`,
      `collects outputs of '${producer}' from a condition outside any loop: KFP passes the single value, which a list input refuses at run time; collect it only as a pipeline output, or use oneOf()`,
    );
  }
}
