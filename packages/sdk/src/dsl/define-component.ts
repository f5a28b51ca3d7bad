import type { ArtifactSpec } from './artifacts.js';
import { DefinitionError } from './errors.js';
import { validateExecutionOptions, type ExecutionOptions } from './execution-options.js';
import { validateExternalState, type ExternalState } from './external-state.js';
import type { JsonObject, ParameterSpec } from './parameters.js';
import { Placeholder, type CommandElement } from './placeholders.js';

export type InputSpec = ParameterSpec | ArtifactSpec;
/** Output parameters cannot have defaults. */
export type OutputSpec = ParameterSpec<unknown, false> | ArtifactSpec;
export type InputSpecs = Readonly<Record<string, InputSpec>>;
export type OutputSpecs = Readonly<Record<string, OutputSpec>>;
/** No inputs/outputs/parameters declared. */
export type NoSpecs = Record<never, never>;

/** How the task's container is made. */
export type ContainerTemplate =
  /** A TypeScript component run by `@capstone/sdk/runtime` in its own image `<registry>/<project>-<name>:<tag>`. */
  | { readonly kind: 'runtime' }
  /** Any image with an explicit command line. */
  | {
      readonly kind: 'container';
      readonly image: string;
      readonly command: readonly CommandElement[];
      readonly args: readonly CommandElement[];
    }
  /** `dsl.importer`: no container; the backend registers the artifact found at the `uri` input. */
  | { readonly kind: 'importer'; readonly reimport: boolean; readonly metadata?: JsonObject }
  /** Carried out by the KFP driver itself, no container runs: kfp-kubernetes `CreatePVC` / `DeletePVC`. */
  | { readonly kind: 'kubernetes-op'; readonly image: KubernetesOpImage };

/** The stub images the KFP driver recognises as Kubernetes operations. */
export type KubernetesOpImage = 'argostub/createpvc' | 'argostub/deletepvc';

export interface ComponentDefinition<I extends InputSpecs = InputSpecs, O extends OutputSpecs = OutputSpecs> {
  readonly kind: 'component';
  readonly name: string;
  readonly description?: string;
  readonly inputs: I;
  readonly outputs: O;
  readonly container: ContainerTemplate;
  readonly options: ExecutionOptions;
  /** For runtime components: the module (file URL) whose `main` export implements the component. */
  readonly implementation?: string;
  /** State it acts on by name (URLs, buckets): decides whether its tasks may be cached (`decideCaching`). */
  readonly external?: readonly ExternalState[];
}

export interface ComponentConfig<I extends InputSpecs, O extends OutputSpecs> extends ExecutionOptions {
  readonly name: string;
  readonly description?: string;
  readonly inputs?: I;
  readonly outputs?: O;
  /** External state the component reads or writes by name (`external.url('url')`, `external.writes('bucket')`). */
  readonly external?: readonly ExternalState[];
}

export interface RuntimeComponentConfig<I extends InputSpecs, O extends OutputSpecs>
  extends ComponentConfig<I, O> {
  /**
   * The implementation module, e.g. `new URL('./split.main.ts', import.meta.url)`. It is only bundled into
   * the component image; pipelines that import this definition never load it.
   */
  readonly implementation: URL | string;
}

type ArtifactPlaceholders = { readonly path: Placeholder; readonly uri: Placeholder };
export type InputPlaceholders<I extends InputSpecs> = {
  readonly [K in keyof I]: I[K] extends ArtifactSpec ? ArtifactPlaceholders : Placeholder;
};
export type OutputPlaceholders<O extends OutputSpecs> = {
  readonly [K in keyof O]: O[K] extends ArtifactSpec
    ? ArtifactPlaceholders
    : { readonly outputFile: Placeholder };
};
export interface ContainerIo<I extends InputSpecs, O extends OutputSpecs> {
  readonly inputs: InputPlaceholders<I>;
  readonly outputs: OutputPlaceholders<O>;
}

export interface ContainerComponentConfig<I extends InputSpecs, O extends OutputSpecs>
  extends ComponentConfig<I, O> {
  readonly image: string;
  readonly command: (io: ContainerIo<I, O>) => readonly CommandElement[];
  readonly args?: (io: ContainerIo<I, O>) => readonly CommandElement[];
}

const COMPONENT_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const IO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function validate(config: ComponentConfig<InputSpecs, OutputSpecs>): void {
  const subject = `component '${config.name}'`;
  if (!COMPONENT_NAME.test(config.name)) {
    throw new DefinitionError(
      subject,
      'name must be kebab-case: lowercase letters, digits and -, starting with a letter',
    );
  }
  const inputs = Object.keys(config.inputs ?? {});
  const outputs = Object.keys(config.outputs ?? {});
  for (const name of [...inputs, ...outputs]) {
    if (!IO_NAME.test(name))
      throw new DefinitionError(subject, `input/output name '${name}' must be an identifier`);
  }
  const clash = inputs.find((name) => outputs.includes(name));
  if (clash)
    throw new DefinitionError(subject, `'${clash}' is both an input and an output; names must differ`);
  for (const [name, spec] of Object.entries(config.outputs ?? {})) {
    if (spec.kind === 'parameter' && spec.optional) {
      throw new DefinitionError(subject, `output parameter '${name}' cannot have a default`);
    }
  }
  validateExecutionOptions(subject, config);
  validateExternalState(subject, config.inputs ?? {}, config.external ?? [], config.caching);
}

function executionOptions(config: ExecutionOptions): ExecutionOptions {
  const { resources, env, caching, retry, secretEnv } = config;
  return { resources, env, caching, retry, secretEnv };
}

/** A TypeScript component: its implementation runs in its own image through `@capstone/sdk/runtime`. */
export function defineComponent<I extends InputSpecs = NoSpecs, O extends OutputSpecs = NoSpecs>(
  config: RuntimeComponentConfig<I, O>,
): ComponentDefinition<I, O> {
  validate(config);
  return {
    kind: 'component',
    name: config.name,
    ...(config.description ? { description: config.description } : {}),
    inputs: config.inputs ?? ({} as I),
    outputs: config.outputs ?? ({} as O),
    container: { kind: 'runtime' },
    options: executionOptions(config),
    ...(config.external?.length ? { external: [...config.external] } : {}),
    implementation: String(config.implementation),
  };
}

function containerIo<I extends InputSpecs, O extends OutputSpecs>(inputs: I, outputs: O): ContainerIo<I, O> {
  const ins = Object.fromEntries(
    Object.entries(inputs).map(([name, spec]) => [
      name,
      spec.kind === 'artifact'
        ? { path: new Placeholder('input-path', name), uri: new Placeholder('input-uri', name) }
        : new Placeholder('input-value', name),
    ]),
  );
  const outs = Object.fromEntries(
    Object.entries(outputs).map(([name, spec]) => [
      name,
      spec.kind === 'artifact'
        ? { path: new Placeholder('output-path', name), uri: new Placeholder('output-uri', name) }
        : { outputFile: new Placeholder('output-parameter-file', name) },
    ]),
  );
  return { inputs: ins as InputPlaceholders<I>, outputs: outs as OutputPlaceholders<O> };
}

/** A component that runs any image with an explicit command line built from typed placeholders. */
export function defineContainerComponent<I extends InputSpecs = NoSpecs, O extends OutputSpecs = NoSpecs>(
  config: ContainerComponentConfig<I, O>,
): ComponentDefinition<I, O> {
  validate(config);
  const inputs = config.inputs ?? ({} as I);
  const outputs = config.outputs ?? ({} as O);
  const io = containerIo(inputs, outputs);
  const command = config.command(io);
  if (command.length === 0) {
    throw new DefinitionError(
      `component '${config.name}'`,
      'command must not be empty (the launcher requires one)',
    );
  }
  return {
    kind: 'component',
    name: config.name,
    ...(config.description ? { description: config.description } : {}),
    inputs,
    outputs,
    container: { kind: 'container', image: config.image, command, args: config.args?.(io) ?? [] },
    options: executionOptions(config),
    ...(config.external?.length ? { external: [...config.external] } : {}),
  };
}
