import { ArtifactChannel, ParameterChannel, type RootScope, type Scope } from './channels.js';
import type { ContainerTemplate, InputSpecs, OutputSpecs } from './define-component.js';
import { DefinitionError } from './errors.js';
import {
  mergeExecutionOptions,
  validateExecutionOptions,
  type ExecutionOptions,
  type ResourceSpec,
  type RetryPolicy,
} from './execution-options.js';
import {
  EMPTY_KUBERNETES_CONFIG,
  type KubernetesConfig,
  type KubernetesConfigurable,
} from './kubernetes/config.js';
import type { SingleOutput, TaskOutputs } from './task-types.js';

/** What `.after()` needs of another task (or of an exit handler block). */
export interface TaskRef {
  readonly name: string;
  readonly graphId: symbol;
}

/**
 * What a task calls: a component, or a whole pipeline used as a component (its parameters are the
 * inputs; it runs as a nested DAG).
 */
export interface TaskTemplate<I extends InputSpecs = InputSpecs, O extends OutputSpecs = OutputSpecs> {
  readonly kind: 'component' | 'pipeline';
  readonly name: string;
  readonly inputs: I;
  readonly outputs: O;
  readonly options: ExecutionOptions;
  /** Components only: how the task's container is made (a pipeline runs as a nested DAG instead). */
  readonly container?: ContainerTemplate;
}

/** A call of a component inside a pipeline. Created by the `task` function a pipeline's `build` receives. */
export class PipelineTask<
  I extends InputSpecs = InputSpecs,
  O extends OutputSpecs = OutputSpecs,
  S extends Scope = RootScope,
> implements KubernetesConfigurable
{
  readonly outputs: TaskOutputs<O, S>;
  readonly #after = new Set<string>();
  #options: ExecutionOptions;
  #kubernetes: KubernetesConfig = EMPTY_KUBERNETES_CONFIG;
  displayName?: string;

  constructor(
    readonly name: string,
    readonly component: TaskTemplate<I, O>,
    readonly args: Readonly<Record<string, unknown>>,
    options: ExecutionOptions,
    readonly graphId: symbol,
  ) {
    this.#options = mergeExecutionOptions(component.options, options);
    validateExecutionOptions(`task '${name}'`, this.#options);
    this.outputs = Object.fromEntries(
      Object.entries(component.outputs).map(([key, spec]) => [
        key,
        spec.kind === 'artifact'
          ? new ArtifactChannel(spec.schemaTitle, { from: 'task', task: name, output: key }, spec.isList)
          : new ParameterChannel(spec.type, { from: 'task', task: name, output: key }, spec),
      ]),
    ) as unknown as TaskOutputs<O, S>;
  }

  /** The only output of a single-output component. */
  get output(): SingleOutput<O, S> {
    const keys = Object.keys(this.outputs);
    const [only] = keys;
    if (keys.length !== 1 || only === undefined) {
      throw new DefinitionError(
        `task '${this.name}'`,
        `.output needs exactly one output, the component has ${keys.length} (${keys.join(', ') || 'none'}); use .outputs.<name>`,
      );
    }
    return (this.outputs as Record<string, unknown>)[only] as SingleOutput<O, S>;
  }

  get options(): ExecutionOptions {
    return this.#options;
  }

  /** Tasks that must finish first although no data flows from them. */
  get afterTasks(): readonly string[] {
    return [...this.#after];
  }

  after(...tasks: readonly TaskRef[]): this {
    for (const task of tasks) {
      if (task.graphId !== this.graphId) {
        throw new DefinitionError(
          `task '${this.name}'`,
          `.after('${task.name}'): that task belongs to another pipeline`,
        );
      }
      if (task === (this as unknown))
        throw new DefinitionError(`task '${this.name}'`, '.after() cannot name itself');
      this.#after.add(task.name);
    }
    return this;
  }

  /** The name shown in the UI (`taskInfo.name`), like the official SDK's `set_display_name`. */
  setDisplayName(name: string): this {
    this.displayName = name;
    return this;
  }
  setCaching(enabled: boolean): this {
    return this.#set({ caching: enabled });
  }
  setRetry(retry: RetryPolicy): this {
    return this.#set({ retry });
  }
  setEnv(name: string, value: string): this {
    return this.#set({ env: { [name]: value } });
  }
  setResources(resources: ResourceSpec): this {
    return this.#set({ resources });
  }
  /** Fill env vars from a Kubernetes Secret (`{ secretKey: 'ENV_VAR' }`); values never enter the YAML. */
  useSecretAsEnv(secretName: string, keyToEnv: Readonly<Record<string, string>>): this {
    return this.#set({ secretEnv: [{ secretName, keyToEnv }] });
  }

  /** What `kubernetes.*` set on this task (compiled into the platform spec). */
  get kubernetes(): KubernetesConfig {
    return this.#kubernetes;
  }
  /** The hook of `kubernetes.*`; the compiler checks that every producer belongs to this pipeline. */
  configureKubernetes(
    update: (config: KubernetesConfig) => KubernetesConfig,
    producers: readonly string[],
  ): this {
    const next = update(this.#kubernetes);
    for (const producer of producers) {
      if (producer === this.name)
        throw new DefinitionError(`task '${this.name}'`, 'cannot use its own output');
      this.#after.add(producer);
    }
    this.#kubernetes = next;
    return this;
  }

  #set(options: ExecutionOptions): this {
    const next = mergeExecutionOptions(this.#options, options);
    validateExecutionOptions(`task '${this.name}'`, next);
    this.#options = next;
    return this;
  }
}
