import type { ArtifactSchemaTitle, ArtifactSpec } from './artifacts.js';
import type { ArtifactChannel, ParameterChannel } from './channels.js';
import type { InputSpecs, OutputSpecs } from './define-component.js';
import type { ExecutionOptions } from './execution-options.js';
import type { ParameterSpec } from './parameters.js';

/** What may be passed to an input: a literal or a channel of the same value type, or a matching artifact. */
export type ArgumentFor<S> =
  S extends ParameterSpec<infer T, boolean>
    ? T | ParameterChannel<T>
    : S extends ArtifactSpec<infer A>
      ? 'system.Artifact' extends A
        ? ArtifactChannel<ArtifactSchemaTitle>
        : ArtifactChannel<A>
      : never;

export type RequiredInputKeys<I> = {
  [K in keyof I]-?: I[K] extends { readonly optional: true } ? never : K;
}[keyof I];
type OptionalInputKeys<I> = Exclude<keyof I, RequiredInputKeys<I>>;

/** The arguments object of a task: required inputs must be given, unknown names are errors. */
export type TaskArguments<I extends InputSpecs> = {
  readonly [K in RequiredInputKeys<I>]: ArgumentFor<I[K]>;
} & { readonly [K in OptionalInputKeys<I>]?: ArgumentFor<I[K]> };

export type OutputChannel<S> =
  S extends ParameterSpec<infer T, false>
    ? ParameterChannel<T>
    : S extends ArtifactSpec<infer A>
      ? ArtifactChannel<A>
      : never;

export type TaskOutputs<O extends OutputSpecs> = { readonly [K in keyof O]: OutputChannel<O[K]> };

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
/** What `.output` is for a component without exactly one output: unusable as any argument. */
export interface NotASingleOutput {
  readonly error: 'this component does not have exactly one output; use .outputs.<name>';
}
/** `task.output` is a usable channel only for components with exactly one output. */
export type SingleOutput<O extends OutputSpecs> = [keyof O] extends [never]
  ? NotASingleOutput
  : IsUnion<keyof O> extends false
    ? OutputChannel<O[keyof O]>
    : NotASingleOutput;

export interface TaskOptions extends ExecutionOptions {
  /** Task name in the DAG; defaults to the component name with `-2`, `-3` for repeats. */
  readonly name?: string;
}

/** Arguments are optional only when the component has no required input. */
export type TaskRest<I extends InputSpecs> = [RequiredInputKeys<I>] extends [never]
  ? [args?: TaskArguments<I>, options?: TaskOptions]
  : [args: TaskArguments<I>, options?: TaskOptions];
