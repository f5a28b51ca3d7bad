import type {
  ArtifactSpec,
  ComponentDefinition,
  InputSpecs,
  OutputSpecs,
  ParameterSpec,
} from '../dsl/index.js';

/** An input or output artifact inside the container: a local file or directory path. */
export interface ArtifactPath {
  readonly path: string;
}

export type RuntimeInputs<I extends InputSpecs> = {
  readonly [K in keyof I]: I[K] extends { readonly kind: 'artifact'; readonly isList: true }
    ? readonly ArtifactPath[]
    : I[K] extends ArtifactSpec
      ? ArtifactPath
      : I[K] extends ParameterSpec<infer T>
        ? T
        : never;
};

type ArtifactKeys<O> = { [K in keyof O]: O[K] extends ArtifactSpec ? K : never }[keyof O];
type ParameterKeys<O> = Exclude<keyof O, ArtifactKeys<O>>;

/** Output artifacts: the implementation creates a file or a directory at each path. */
export type RuntimeOutputs<O extends OutputSpecs> = { readonly [K in ArtifactKeys<O>]: ArtifactPath };

/** What the implementation returns: every output parameter's value. */
export type ComponentResult<O extends OutputSpecs> = [ParameterKeys<O>] extends [never]
  ? void | Record<string, never>
  : { readonly [K in ParameterKeys<O>]: O[K] extends ParameterSpec<infer T> ? T : never };

export interface ComponentContext<I extends InputSpecs, O extends OutputSpecs> {
  readonly inputs: RuntimeInputs<I>;
  readonly outputs: RuntimeOutputs<O>;
  /** One line to the task log (stdout). */
  readonly log: (message: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on SIGTERM/SIGINT so long work can stop cleanly. */
  readonly signal: AbortSignal;
}

export interface ComponentImplementation<
  I extends InputSpecs = InputSpecs,
  O extends OutputSpecs = OutputSpecs,
> {
  readonly definition: ComponentDefinition<I, O>;
  readonly run: (context: ComponentContext<I, O>) => Promise<ComponentResult<O>>;
}

/** Pairs a definition with the code that runs in its image. Lives in its own module (`x.main.ts`). */
export function implementComponent<I extends InputSpecs, O extends OutputSpecs>(
  definition: ComponentDefinition<I, O>,
  run: (context: ComponentContext<I, O>) => Promise<ComponentResult<O>>,
): ComponentImplementation<I, O> {
  return { definition, run };
}
