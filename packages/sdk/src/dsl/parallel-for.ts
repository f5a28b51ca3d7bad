import {
  ArtifactChannel,
  isArtifactChannel,
  isParameterChannel,
  channelName,
  ParameterChannel,
  type LoopOrigin,
  type Scope,
} from './channels.js';
import { DefinitionError } from './errors.js';
import type { JsonValue, ParameterKind } from './parameters.js';
import type { GraphState, TaskGroup } from './task-group.js';
import type { Collected } from './task-types.js';

/** What a loop iterates: static items, a list parameter (pipeline parameter, task output, loop field) or a list of artifacts. */
export type LoopItems = readonly JsonValue[] | ParameterChannel<unknown> | ArtifactChannel;

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type IsAny<T> = 0 extends 1 & T ? true : false;
/** Known field names of a struct item; any name for items of unknown shape. */
export type FieldName<T> =
  IsAny<T> extends true
    ? string
    : T extends readonly unknown[]
      ? never
      : T extends object
        ? string extends keyof T
          ? string
          : keyof T & string
        : string;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FieldType<T, F extends string> = IsAny<T> extends true ? any : F extends keyof T ? T[F] : any;

/** A loop item: the value of one iteration; `.field('a')` reads one field of a struct item. */
export class LoopItem<
  T,
  K extends ParameterKind = ParameterKind,
  S extends Scope = Scope,
> extends ParameterChannel<T, K, S> {
  /** One field of a struct item (the official SDK's `item.a`). Its kind is unknown unless the list declares `fields`. */
  field<F extends FieldName<T>>(name: F): ParameterChannel<FieldType<T, F>, never, S> {
    if (!FIELD_NAME.test(name)) {
      throw new DefinitionError(this.describe(), `field name '${name}' must be an identifier`);
    }
    const source = this.source;
    if (source.from !== 'loop-item')
      throw new DefinitionError(this.describe(), 'only loop items have fields');
    const kind = this.elementKinds.fields;
    return new ParameterChannel(
      kind ?? 'string',
      { from: 'loop-field', loop: source.loop, field: name },
      {},
      !kind,
    );
  }
}

/** The kind the official SDK gives a static value (from its Python type). */
function kindOfValue(value: JsonValue): ParameterKind {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return Array.isArray(value) ? 'list' : 'struct';
}

function firstFieldKind(value: JsonValue | undefined): ParameterKind | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const first = Object.values(value)[0];
  return first === undefined ? undefined : kindOfValue(first);
}

/** Creates the loop group and its item channel (names and kinds as the official SDK derives them). */
export function createLoop(
  state: GraphState,
  parent: TaskGroup,
  items: LoopItems,
  parallelism: number,
  makeGroup: (id: number) => TaskGroup,
): TaskGroup {
  if (!Number.isInteger(parallelism) || parallelism < 0) {
    throw new DefinitionError('parallelFor', `parallelism must be a whole number >= 0, got ${parallelism}`);
  }
  if (Array.isArray(items)) {
    const values = items as readonly JsonValue[];
    const first = values[0];
    if (first === undefined) throw new DefinitionError('parallelFor', 'got an empty list of items');
    const code = state.nextGroupId();
    const group = makeGroup(state.nextGroupId());
    const origin: LoopOrigin = { group: group.name, itemName: `loop-item-param-${code}`, items: values };
    const fields = firstFieldKind(first);
    const item = new LoopItem(
      kindOfValue(first),
      { from: 'loop-item', loop: origin },
      fields ? { fields } : {},
    );
    group.loop = { origin, item, parallelism };
    return group;
  }
  const channel = items as ParameterChannel<unknown> | ArtifactChannel;
  checkIterable(channel);
  const group = makeGroup(state.nextGroupId());
  const { name, producer } = channelName(channel.source);
  const origin: LoopOrigin = {
    group: group.name,
    itemName: `${name}-loop-item`,
    ...(producer ? { itemProducer: producer } : {}),
    items: channel,
  };
  const item = isArtifactChannel(channel)
    ? new ArtifactChannel(channel.schemaTitle, { from: 'loop-item', loop: origin }, false)
    : new LoopItem(
        channel.elementKinds.items ?? 'string',
        { from: 'loop-item', loop: origin },
        channel.elementKinds.fields ? { fields: channel.elementKinds.fields } : {},
        !channel.elementKinds.items,
      );
  group.loop = { origin, item, parallelism };
  void parent;
  return group;
}

function checkIterable(channel: ParameterChannel<unknown> | ArtifactChannel): void {
  if (isArtifactChannel(channel)) {
    if (!channel.isList) {
      throw new DefinitionError(
        'parallelFor',
        `cannot iterate over a single artifact (${channel.describe()}); expected a list of artifacts`,
      );
    }
    return;
  }
  if (!isParameterChannel(channel)) {
    throw new DefinitionError('parallelFor', 'items must be a list, a list parameter or a list of artifacts');
  }
  if (channel.type !== 'list' && channel.source.from !== 'loop-field') {
    throw new DefinitionError(
      'parallelFor',
      `cannot iterate over ${channel.describe()} of kind ${channel.type}; expected a list`,
    );
  }
}

/** A loop body's result seen from outside: each task output becomes the list of its values per iteration. */
export function collectResult<R, S extends Scope>(result: R, loop: TaskGroup): Collected<R, S> {
  if (result === undefined) return undefined as Collected<R, S>;
  if (isParameterChannel(result) || isArtifactChannel(result))
    return collectChannel(result, loop) as Collected<R, S>;
  if (typeof result === 'object' && result !== null) {
    return Object.fromEntries(
      Object.entries(result).map(([key, value]) => [key, collectChannel(value, loop)]),
    ) as Collected<R, S>;
  }
  throw new DefinitionError(loop.name, 'a loop body may return a task output, or an object of task outputs');
}

function collectChannel(value: unknown, loop: TaskGroup): ParameterChannel<unknown> | ArtifactChannel {
  if (!isParameterChannel(value) && !isArtifactChannel(value)) {
    throw new DefinitionError(loop.name, 'a loop body may return only task outputs (to collect them)');
  }
  const source = value.source;
  if (source.from !== 'task' && source.from !== 'collected') {
    throw new DefinitionError(
      loop.name,
      `cannot collect ${value.describe()}: only outputs of tasks inside the loop can be collected`,
    );
  }
  const collected = { from: 'collected', task: source.task, output: source.output } as const;
  return isArtifactChannel(value)
    ? new ArtifactChannel(value.schemaTitle, collected, true)
    : new ParameterChannel('list', collected, { items: value.type });
}
