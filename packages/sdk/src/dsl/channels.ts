import type { ArtifactSchemaTitle } from './artifacts.js';
import { DefinitionError, PlaceholderMisuseError } from './errors.js';
import type { JsonValue, ParameterKind } from './parameters.js';

/**
 * Type-level tag of the block a channel belongs to: `'root'` for a pipeline's top level, a fresh type for
 * the body of every condition, loop and exit handler. A task accepts only channels of its own block or of
 * the blocks around it, so using a loop item (or a task inside a condition) outside its block does not
 * compile.
 */
export type Scope = string;
export type RootScope = 'root';

/** The loop a loop item or loop item field belongs to (a `parallelFor` group). */
export interface LoopOrigin {
  /** The group name, `for-loop-<n>`. */
  readonly group: string;
  /** KFP's name of the loop argument: `<items channel>-loop-item` or `loop-item-param-<n>`. */
  readonly itemName: string;
  /** The task that produced the items, when they are a task output. */
  readonly itemProducer?: string;
  /** What the loop iterates: a list channel, or static items. */
  readonly items: ParameterChannel<unknown> | ArtifactChannel | readonly JsonValue[];
}

/** Where a channel's value comes from at run time. */
export type ParameterSource =
  | { readonly from: 'pipeline'; readonly name: string }
  | { readonly from: 'task'; readonly task: string; readonly output: string }
  | { readonly from: 'loop-item'; readonly loop: LoopOrigin }
  | { readonly from: 'loop-field'; readonly loop: LoopOrigin; readonly field: string }
  | { readonly from: 'collected'; readonly task: string; readonly output: string };
export type ArtifactSource = Exclude<ParameterSource, { readonly from: 'loop-field' }>;

abstract class Channel {
  abstract describe(): string;
  [Symbol.toPrimitive](): never {
    throw new PlaceholderMisuseError(this.describe());
  }
  toString(): never {
    throw new PlaceholderMisuseError(this.describe());
  }
  toJSON(): never {
    throw new PlaceholderMisuseError(this.describe());
  }
}

/** KFP's (name, producer) of a channel: the compiler derives `pipelinechannel--` input names from it. */
export interface ChannelName {
  readonly name: string;
  readonly producer?: string;
}

export function channelName(source: ParameterSource): ChannelName {
  switch (source.from) {
    case 'pipeline':
      return { name: source.name };
    case 'task':
    case 'collected':
      return { name: source.output, producer: source.task };
    case 'loop-item':
      return producerName(source.loop.itemName, source.loop.itemProducer);
    case 'loop-field':
      return producerName(`${source.loop.itemName}-subvar-${source.field}`, source.loop.itemProducer);
  }
}

function producerName(name: string, producer: string | undefined): ChannelName {
  return producer ? { name, producer } : { name };
}

/** `<producer>-<name>`, or `<name>` for pipeline parameters and static loop items. */
export function fullChannelName(source: ParameterSource): string {
  const { name, producer } = channelName(source);
  return producer ? `${producer}-${name}` : name;
}

function describeSource(source: ParameterSource, what: string): string {
  switch (source.from) {
    case 'pipeline':
      return `pipeline ${what} '${source.name}'`;
    case 'task':
      return `output ${what} '${source.output}' of task '${source.task}'`;
    case 'collected':
      return `collected ${what} '${source.output}' of task '${source.task}'`;
    case 'loop-item':
      return `the item of ${source.loop.group}`;
    case 'loop-field':
      return `field '${source.field}' of the item of ${source.loop.group}`;
  }
}

export const COMPARISON_OPERATORS = ['==', '!=', '<', '<=', '>', '>='] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
type Primitive = string | number | boolean;
/** Numbers compare with numbers (int and float mix), strings with strings, booleans with booleans. */
type Comparable<T> = T extends number
  ? number
  : T extends string
    ? string
    : T extends boolean
      ? boolean
      : never;
type Operand<T, S extends Scope> = Comparable<T> | ParameterChannel<Comparable<T>, ParameterKind, S>;

/** `a.eq(b)`: a comparison the backend evaluates before running a condition block (a CEL expression). */
export class Comparison<S extends Scope = Scope> {
  declare readonly __scope?: S;
  constructor(
    readonly operator: ComparisonOperator,
    readonly left: ParameterChannel<unknown> | Primitive,
    readonly right: ParameterChannel<unknown> | Primitive,
    readonly negate = false,
  ) {}
  /** The same comparison, negated (`else` and `elif` blocks negate the branches before them). */
  negated(): Comparison<S> {
    return new Comparison(this.operator, this.left, this.right, !this.negate);
  }
}

/**
 * A parameter value known only at run time: a pipeline parameter, a task's output parameter, a loop item
 * (or one field of it) or the collected outputs of a loop. `K` is its kind (`never` when unknown, as for
 * items of an untyped list: then it fits any input, like the official SDK's loop items).
 */
export class ParameterChannel<
  T,
  K extends ParameterKind = ParameterKind,
  S extends Scope = Scope,
> extends Channel {
  readonly kind = 'parameter-channel' as const;
  /** Type-level only: the TypeScript type of the value, its kind and its block. */
  declare readonly __value?: T;
  declare readonly __kind?: K;
  declare readonly __scope?: S;
  constructor(
    /** The IR kind of the value (for loop items: of the item). */
    readonly type: ParameterKind,
    readonly source: ParameterSource,
    /** For lists: the kind of the elements, and for lists of structs the kind of their fields. */
    readonly elementKinds: { readonly items?: ParameterKind; readonly fields?: ParameterKind } = {},
    /**
     * A loop item (or field) whose kind is unknown: like the official SDK, it is typed as a string in the
     * IR but accepted by an input of any kind.
     */
    readonly looseType = false,
  ) {
    super();
  }
  describe(): string {
    return describeSource(this.source, 'parameter');
  }

  eq<O extends Scope = S>(
    this: ParameterChannel<Primitive, ParameterKind, S>,
    other: Operand<T, O>,
  ): Comparison<S | O> {
    return this.compare('==', other);
  }
  ne<O extends Scope = S>(
    this: ParameterChannel<Primitive, ParameterKind, S>,
    other: Operand<T, O>,
  ): Comparison<S | O> {
    return this.compare('!=', other);
  }
  lt<O extends Scope = S>(
    this: ParameterChannel<Primitive, ParameterKind, S>,
    other: Operand<T, O>,
  ): Comparison<S | O> {
    return this.compare('<', other);
  }
  le<O extends Scope = S>(
    this: ParameterChannel<Primitive, ParameterKind, S>,
    other: Operand<T, O>,
  ): Comparison<S | O> {
    return this.compare('<=', other);
  }
  gt<O extends Scope = S>(
    this: ParameterChannel<Primitive, ParameterKind, S>,
    other: Operand<T, O>,
  ): Comparison<S | O> {
    return this.compare('>', other);
  }
  ge<O extends Scope = S>(
    this: ParameterChannel<Primitive, ParameterKind, S>,
    other: Operand<T, O>,
  ): Comparison<S | O> {
    return this.compare('>=', other);
  }

  private compare<O extends Scope>(operator: ComparisonOperator, other: unknown): Comparison<S | O> {
    const isOperand = isParameterChannel(other) || ['string', 'number', 'boolean'].includes(typeof other);
    if (!isOperand) {
      throw new DefinitionError(
        `condition on ${this.describe()}`,
        `can compare with a string, number, boolean or parameter, got ${JSON.stringify(other) ?? String(other)}`,
      );
    }
    return new Comparison(operator, this, other as Primitive);
  }
}

/**
 * An artifact produced by another task (or a loop item over a list of artifacts, or the collected artifacts
 * of a loop when `L` is true).
 */
export class ArtifactChannel<
  A extends ArtifactSchemaTitle = ArtifactSchemaTitle,
  L extends boolean = boolean,
  S extends Scope = Scope,
> extends Channel {
  readonly kind = 'artifact-channel' as const;
  declare readonly __scope?: S;
  constructor(
    readonly schemaTitle: A,
    readonly source: ArtifactSource,
    readonly isList: L,
  ) {
    super();
  }
  describe(): string {
    return describeSource(this.source, this.isList ? 'artifact list' : 'artifact');
  }
}

export function isParameterChannel(value: unknown): value is ParameterChannel<unknown> {
  return value instanceof ParameterChannel;
}

export function isArtifactChannel(value: unknown): value is ArtifactChannel {
  return value instanceof ArtifactChannel;
}

export function isChannel(value: unknown): value is ParameterChannel<unknown> | ArtifactChannel {
  return isParameterChannel(value) || isArtifactChannel(value);
}
