import { ParameterChannel } from './channels.js';
import type { ComponentDefinition, InputSpecs, NoSpecs, OutputSpecs } from './define-component.js';
import { DefinitionError } from './errors.js';
import type { ParameterSpec } from './parameters.js';
import { PipelineTask } from './pipeline-task.js';
import type { TaskOptions, TaskRest } from './task-types.js';
import { validateTaskArguments } from './validate-arguments.js';

export type PipelineParams = Readonly<Record<string, ParameterSpec>>;
export type ParameterChannels<P extends PipelineParams> = {
  readonly [K in keyof P]: P[K] extends ParameterSpec<infer T, boolean> ? ParameterChannel<T> : never;
};

/** Creates a task in the pipeline being built. */
export type TaskFactory = <I extends InputSpecs, O extends OutputSpecs>(
  component: ComponentDefinition<I, O>,
  ...rest: TaskRest<I>
) => PipelineTask<I, O>;

export interface PipelineContext<P extends PipelineParams> {
  readonly params: ParameterChannels<P>;
  readonly task: TaskFactory;
}

export interface PipelineConfig<P extends PipelineParams> {
  /** `pipelineInfo.name`: lowercase letters, digits and `-`. */
  readonly name: string;
  readonly description?: string;
  readonly params?: P;
  /** Written as `defaultPipelineRoot`; clients copy it into `runtime_config.pipeline_root`. */
  readonly defaultPipelineRoot?: string;
  /**
   * Wires the tasks. Called afresh on every compile: no state outlives it. (A method signature, so that
   * pipelines with different parameters can be listed together as `PipelineDefinition`.)
   */
  build(context: PipelineContext<P>): void;
}

export interface PipelineDefinition<P extends PipelineParams = PipelineParams> extends PipelineConfig<P> {
  readonly kind: 'pipeline';
  readonly params: P;
}

export interface PipelineGraph {
  readonly definition: PipelineDefinition;
  /** In creation order. */
  readonly tasks: readonly PipelineTask[];
}

const PIPELINE_NAME = /^[a-z0-9][a-z0-9-]{0,127}$/;
const TASK_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Declares a pipeline. Returns its argument, checked; the graph is built at compile time. */
export function definePipeline<P extends PipelineParams = NoSpecs>(
  config: PipelineConfig<P>,
): PipelineDefinition<P> {
  if (!PIPELINE_NAME.test(config.name)) {
    throw new DefinitionError(
      `pipeline '${config.name}'`,
      'name must match ^[a-z0-9][a-z0-9-]{0,127}$ (lowercase letters, digits and -)',
    );
  }
  for (const name of Object.keys(config.params ?? {})) {
    if (!PARAM_NAME.test(name)) {
      throw new DefinitionError(
        `pipeline '${config.name}'`,
        `parameter name '${name}' must be an identifier`,
      );
    }
  }
  return { ...config, kind: 'pipeline', params: config.params ?? ({} as P) };
}

function uniqueName(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i += 1) if (!taken.has(`${wanted}-${i}`)) return `${wanted}-${i}`;
}

/** Runs the pipeline's `build` with a fresh context and returns the tasks it created. */
export function buildPipelineGraph<P extends PipelineParams>(
  definition: PipelineDefinition<P>,
): PipelineGraph {
  const graphId = Symbol(definition.name);
  const tasks: PipelineTask[] = [];
  const names = new Set<string>();
  const params = Object.fromEntries(
    Object.entries(definition.params).map(([name, spec]) => [
      name,
      new ParameterChannel(spec.type, { from: 'pipeline', name }),
    ]),
  ) as ParameterChannels<P>;

  const task = ((
    component: ComponentDefinition,
    args: Record<string, unknown> = {},
    options: TaskOptions = {},
  ) => {
    const { name: requested, ...execution } = options;
    if (requested !== undefined && !TASK_NAME.test(requested)) {
      throw new DefinitionError(
        `pipeline '${definition.name}'`,
        `task name '${requested}' must be kebab-case`,
      );
    }
    if (requested !== undefined && names.has(requested)) {
      throw new DefinitionError(`pipeline '${definition.name}'`, `task name '${requested}' is used twice`);
    }
    const name = requested ?? uniqueName(component.name, names);
    validateTaskArguments(`task '${name}' (component '${component.name}')`, component, args, {
      pipelineParams: definition.params,
      tasks,
    });
    const created = new PipelineTask(name, component, args, execution, graphId);
    names.add(name);
    tasks.push(created);
    return created;
  }) as TaskFactory;

  definition.build({ params, task });
  if (tasks.length === 0) {
    throw new DefinitionError(`pipeline '${definition.name}'`, 'build() created no tasks');
  }
  return { definition: definition as unknown as PipelineDefinition, tasks };
}
