import type { ArtifactSchemaTitle, ArtifactSpec } from './artifacts.js';
import type { ArtifactChannel, ParameterChannel, RootScope, Scope } from './channels.js';
import type { InputSpecs, OutputSpecs } from './define-component.js';
import type { ExecutionOptions } from './execution-options.js';
import type { ParameterKind, ParameterSpec } from './parameters.js';

/** Artifact types the official SDK lets meet: equal titles, or `system.Artifact` on either side. */
type CompatibleArtifact<A extends ArtifactSchemaTitle> = 'system.Artifact' extends A
  ? ArtifactSchemaTitle
  : A | 'system.Artifact';

/**
 * What may be passed to an input: a literal or a channel of the same kind (an `int` channel does not fit a
 * `float` input), or an artifact of a compatible type and the same list-ness. Only channels of block `S`
 * (the caller's block or one around it) fit.
 */
export type ArgumentFor<Spec, S extends Scope = RootScope> =
  Spec extends ParameterSpec<infer T, boolean, infer K>
    ? [K] extends ['taskFinalStatus']
      ? never
      : T | ParameterChannel<T, K, S>
    : Spec extends ArtifactSpec<infer A, infer L>
      ? ArtifactChannel<CompatibleArtifact<A>, L, S>
      : never;

export type RequiredInputKeys<I> = {
  [K in keyof I]-?: I[K] extends { readonly optional: true } ? never : K;
}[keyof I];
type OptionalInputKeys<I> = Exclude<keyof I, RequiredInputKeys<I>>;

/** The arguments object of a task: required inputs must be given, unknown names are errors. */
export type TaskArguments<I extends InputSpecs, S extends Scope = RootScope> = {
  readonly [K in RequiredInputKeys<I>]: ArgumentFor<I[K], S>;
} & { readonly [K in OptionalInputKeys<I>]?: ArgumentFor<I[K], S> };

export type OutputChannel<Spec, S extends Scope = RootScope> =
  Spec extends ParameterSpec<infer T, false, infer K>
    ? ParameterChannel<T, K, S>
    : Spec extends ArtifactSpec<infer A, infer L>
      ? ArtifactChannel<A, L, S>
      : never;

export type TaskOutputs<O extends OutputSpecs, S extends Scope = RootScope> = {
  readonly [K in keyof O]: OutputChannel<O[K], S>;
};

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
/** What `.output` is for a component without exactly one output: unusable as any argument. */
export interface NotASingleOutput {
  readonly error: 'this component does not have exactly one output; use .outputs.<name>';
}
/** `task.output` is a usable channel only for components with exactly one output. */
export type SingleOutput<O extends OutputSpecs, S extends Scope = RootScope> = [keyof O] extends [never]
  ? NotASingleOutput
  : IsUnion<keyof O> extends false
    ? OutputChannel<O[keyof O], S>
    : NotASingleOutput;

export interface TaskOptions extends ExecutionOptions {
  /** Task name in the DAG; defaults to the component name with `-2`, `-3` for repeats. */
  readonly name?: string;
  /** The name shown in the UI (`taskInfo.name`); defaults to the task name. */
  readonly displayName?: string;
}

/** Arguments are optional only when the component has no required input. */
export type TaskRest<I extends InputSpecs, S extends Scope = RootScope> = [RequiredInputKeys<I>] extends [
  never,
]
  ? [args?: TaskArguments<I, S>, options?: TaskOptions]
  : [args: TaskArguments<I, S>, options?: TaskOptions];

/** A loop's outputs seen from outside the loop: every channel becomes the list of its values per iteration. */
export type Collected<R, S extends Scope> =
  R extends ParameterChannel<infer T, ParameterKind, Scope>
    ? ParameterChannel<T[], 'list', S>
    : R extends ArtifactChannel<infer A, boolean, Scope>
      ? ArtifactChannel<A, true, S>
      : R extends void | undefined
        ? void
        : R extends Readonly<Record<string, unknown>>
          ? { readonly [K in keyof R]: Collected<R[K], S> }
          : never;
