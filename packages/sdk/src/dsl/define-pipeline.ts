import { blockContext } from './block-context.js';
import type { RootContext } from './block-types.js';
import { ParameterChannel, type RootScope } from './channels.js';
import type { NoSpecs, OutputSpecs } from './define-component.js';
import { DefinitionError } from './errors.js';
import type { ParameterSpec } from './parameters.js';
import type { PipelineTask } from './pipeline-task.js';
import { GraphState, type TaskGroup } from './task-group.js';
import type { OutputChannel } from './task-types.js';

export type PipelineParams = Readonly<Record<string, ParameterSpec>>;
export type ParameterChannels<P extends PipelineParams> = {
  readonly [K in keyof P]: P[K] extends ParameterSpec<infer T, boolean, infer K>
    ? ParameterChannel<T, K, RootScope>
    : never;
};

/** What `build` receives: the parameters and the functions that create tasks and blocks at the top level. */
export interface PipelineContext<P extends PipelineParams> extends RootContext<RootScope> {
  readonly params: ParameterChannels<P>;
}

/** What `build` returns when the pipeline declares outputs (a pipeline used as a task exposes them). */
export type PipelineOutputs<O extends OutputSpecs> = [keyof O] extends [never]
  ? void
  : { readonly [K in keyof O]: OutputChannel<O[K], RootScope> };

export interface PipelineConfig<P extends PipelineParams, O extends OutputSpecs = NoSpecs> {
  /** `pipelineInfo.name`: lowercase letters, digits and `-`. */
  readonly name: string;
  /** `pipelineInfo.displayName`: the name the UI shows. */
  readonly displayName?: string;
  /** `pipelineInfo.description`. */
  readonly description?: string;
  readonly params?: P;
  /** What the pipeline returns (used when it runs as a task of another pipeline). */
  readonly outputs?: O;
  /** Written as `defaultPipelineRoot`; clients copy it into `runtime_config.pipeline_root`. */
  readonly defaultPipelineRoot?: string;
  /**
   * Wires the tasks. Called afresh on every compile: no state outlives it. (A method signature, so that
   * pipelines with different parameters can be listed together as `PipelineDefinition`.)
   */
  build(context: PipelineContext<P>): PipelineOutputs<O>;
}

export interface PipelineDefinition<
  P extends PipelineParams = PipelineParams,
  O extends OutputSpecs = NoSpecs,
> extends PipelineConfig<P, O> {
  readonly kind: 'pipeline';
  readonly params: P;
  /** The parameters, as the inputs of the pipeline when it is used as a task. */
  readonly inputs: P;
  readonly outputs: O;
  readonly options: Record<never, never>;
}

export interface PipelineGraph {
  readonly definition: PipelineDefinition;
  readonly graphId: symbol;
  /** Every task in creation order (exit tasks included). */
  readonly tasks: readonly PipelineTask[];
  readonly root: TaskGroup;
  /** The group each task sits in (exit tasks: none). */
  readonly groupOf: ReadonlyMap<string, TaskGroup>;
  readonly outputs: Readonly<Record<string, unknown>>;
}

const PIPELINE_NAME = /^[a-z0-9][a-z0-9-]{0,127}$/;
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Declares a pipeline. Returns its argument, checked; the graph is built at compile time. */
export function definePipeline<P extends PipelineParams = NoSpecs, O extends OutputSpecs = NoSpecs>(
  config: PipelineConfig<P, O>,
): PipelineDefinition<P, O> {
  if (!PIPELINE_NAME.test(config.name)) {
    throw new DefinitionError(
      `pipeline '${config.name}'`,
      'name must match ^[a-z0-9][a-z0-9-]{0,127}$ (lowercase letters, digits and -)',
    );
  }
  for (const name of [...Object.keys(config.params ?? {}), ...Object.keys(config.outputs ?? {})]) {
    if (!PARAM_NAME.test(name)) {
      throw new DefinitionError(
        `pipeline '${config.name}'`,
        `parameter/output name '${name}' must be an identifier`,
      );
    }
  }
  const params = config.params ?? ({} as P);
  return {
    ...config,
    kind: 'pipeline',
    params,
    inputs: params,
    outputs: config.outputs ?? ({} as O),
    options: {},
  };
}

/** Runs the pipeline's `build` with a fresh context and returns its tasks and blocks. */
export function buildPipelineGraph<P extends PipelineParams, O extends OutputSpecs>(
  definition: PipelineDefinition<P, O>,
): PipelineGraph {
  const state = new GraphState(definition.name, Object.keys(definition.params));
  const params = Object.fromEntries(
    Object.entries(definition.params).map(([name, spec]) => [
      name,
      new ParameterChannel(spec.type, { from: 'pipeline', name }, spec),
    ]),
  ) as ParameterChannels<P>;
  const context = { ...blockContext<RootScope>(state, state.root), params } as PipelineContext<P>;
  const returned = definition.build(context) as unknown;
  state.root.open = false;
  if (state.tasks.length === 0) {
    throw new DefinitionError(`pipeline '${definition.name}'`, 'build() created no tasks');
  }
  const outputs = checkOutputs(definition, returned);
  return {
    definition: definition,
    graphId: state.graphId,
    tasks: state.tasks,
    root: state.root,
    groupOf: state.groupOf,
    outputs,
  };
}

function checkOutputs(
  definition: PipelineDefinition<PipelineParams, OutputSpecs>,
  returned: unknown,
): Record<string, unknown> {
  const declared = Object.keys(definition.outputs);
  const subject = `pipeline '${definition.name}'`;
  // Without declared outputs, what build() returns is ignored (an arrow body often returns its last task).
  if (declared.length === 0) return {};
  if (typeof returned !== 'object' || returned === null) {
    throw new DefinitionError(subject, `build() must return the declared outputs: ${declared.join(', ')}`);
  }
  const values = returned as Record<string, unknown>;
  for (const name of declared) {
    if (values[name] === undefined)
      throw new DefinitionError(subject, `build() did not return output '${name}'`);
  }
  for (const name of Object.keys(values)) {
    if (!declared.includes(name))
      throw new DefinitionError(subject, `build() returned '${name}', which is not a declared output`);
  }
  return values;
}
