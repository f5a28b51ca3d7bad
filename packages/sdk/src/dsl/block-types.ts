// The functions a block body receives (`task`, `condition`, `parallelFor`, `exitHandler`, `importer`), typed
// so that a block's items and outputs stay inside the block.
import type { ArtifactSchemaTitle, ArtifactSpec } from './artifacts.js';
import type { ArtifactChannel, Comparison, ParameterChannel, Scope } from './channels.js';
import type { InputSpecs, OutputSpecs } from './define-component.js';
import type { ImporterOptions } from './importer.js';
import type { JsonValue, ParameterSpec } from './parameters.js';
import type { LoopItem } from './parallel-for.js';
import type { PipelineTask, TaskRef, TaskTemplate } from './pipeline-task.js';
import type { Collected, TaskOptions, TaskRest } from './task-types.js';

/** Creates a task (a component or a pipeline call) in the block. */
export type TaskFactory<S extends Scope> = <I extends InputSpecs, O extends OutputSpecs>(
  component: TaskTemplate<I, O>,
  ...rest: TaskRest<I, S>
) => PipelineTask<I, O, S>;

/** A block body: receives the block's own context; `B` is a fresh type, so its channels stay inside. */
export type BlockBody<S extends Scope, R> = <B extends Scope>(context: BlockContext<S | B>) => R;

export interface BlockOptions {
  /** The name shown in the UI for the block (`taskInfo.name`). */
  readonly displayName?: string;
}
export interface LoopOptions extends BlockOptions {
  /** Most iterations running at once; 0 (default) = all. */
  readonly parallelism?: number;
}

/**
 * `condition(...)` returns this: chain `.elif()` and `.else()` right after it. `result` is what the body
 * returned; its task outputs can be returned from an enclosing loop body (and so collected), nothing else.
 */
export interface ConditionChain<S extends Scope, R = unknown> {
  readonly result: R;
  elif<R2>(condition: Comparison<S>, body: BlockBody<S, R2>, options?: BlockOptions): ConditionChain<S, R2>;
  else<R2>(body: BlockBody<S, R2>, options?: BlockOptions): { readonly result: R2 };
}

/** What the official SDK calls an untyped loop item: it fits any input. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Untyped = any;
type ItemOf<L> = 0 extends 1 & L
  ? Untyped
  : [JsonValue] extends [L]
    ? Untyped
    : [L] extends [readonly (infer E)[]]
      ? [JsonValue] extends [E]
        ? Untyped
        : E
      : never;
type KindOfItems<T> = [T] extends [string]
  ? 'string'
  : [T] extends [boolean]
    ? 'bool'
    : [T] extends [readonly unknown[]]
      ? 'list'
      : [T] extends [number]
        ? never
        : 'struct';
/** A typed list's item kind is unknown at the type level (the list declares it at run time): fits any input. */
type ItemKind<L> = L extends unknown ? never : never;
/** The loop item for items of type `L`: typed like the list's elements; `never` kind = fits any input. */
export type LoopItemFor<L, S extends Scope> =
  L extends ArtifactChannel<infer A, true, Scope>
    ? ArtifactChannel<A, false, S>
    : L extends { readonly kind: 'parameter-channel'; readonly __value?: infer T }
      ? LoopItem<ItemOf<Exclude<T, undefined>>, ItemKind<L>, S>
      : LoopItem<ItemOf<L>, KindOfItems<ItemOf<L>>, S>;

export interface BlockContext<S extends Scope> {
  readonly task: TaskFactory<S>;
  /** `dsl.If`: runs the body's tasks only when the comparison holds. */
  readonly condition: <R>(
    condition: Comparison<S>,
    body: BlockBody<S, R>,
    options?: BlockOptions,
  ) => ConditionChain<S, R>;
  /** `dsl.ParallelFor`: runs the body once per item; what the body returns comes back collected (`dsl.Collected`). */
  readonly parallelFor: <
    L extends
      | readonly JsonValue[]
      | ParameterChannel<unknown, 'list', S>
      | ArtifactChannel<ArtifactSchemaTitle, true, S>,
    R,
  >(
    items: L,
    body: <B extends Scope>(item: LoopItemFor<L, S | B>, context: BlockContext<S | B>) => R,
    options?: LoopOptions,
  ) => Collected<R, S>;
  /** `dsl.importer`: makes an existing artifact (by URI) the output `artifact` of a task. */
  readonly importer: <A extends ArtifactSchemaTitle>(
    options: ImporterOptions<ArtifactSpec<A, false>, S>,
    taskOptions?: TaskOptions,
  ) => PipelineTask<{ uri: ParameterSpec<string, false, 'string'> }, { artifact: ArtifactSpec<A, false> }, S>;
}

export interface RootContext<S extends Scope> extends BlockContext<S> {
  /** `dsl.ExitHandler`: `exitTask` runs after the body's tasks, whether they succeeded or failed. */
  readonly exitHandler: (
    exitTask: PipelineTask<InputSpecs, OutputSpecs, S>,
    body: BlockBody<S, unknown>,
    options?: BlockOptions,
  ) => TaskRef;
}
