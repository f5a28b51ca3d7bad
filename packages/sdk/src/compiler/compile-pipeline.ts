import {
  buildPipelineGraph,
  decideCaching,
  DefinitionError,
  type CachingDecision,
  type ComponentDefinition,
  type OutputSpecs,
  type PipelineDefinition,
  type PipelineGraph,
  type PipelineParams,
  type PipelineTask,
  type TaskGroup,
} from '../dsl/index.js';
import { buildComponentSpec, buildIoDefinitions } from './build-component-spec.js';
import { buildExecutor } from './build-executor.js';
import { buildGroupComponent, buildGroupTask, dagOutputs, groupChannels } from './build-group-spec.js';
import { buildParameterChecks } from './build-parameter-checks.js';
import { buildPlatformSpec, rewriteForDag } from './build-platform-spec.js';
import { buildTaskSpec, type DagContext } from './build-task-spec.js';
import { resolveImageOptions, SDK_VERSION_STRING, type CompileOptions } from './compile-options.js';
import { wireGroups, type GroupWiring } from './group-wiring.js';
import type { IrComponentSpec, IrPipelineSpec, IrPlatformSpec, IrTask } from './ir-types.js';
import {
  mergeSubPipeline,
  platformExecutors,
  uniqueName,
  type PlatformExecutors,
} from './merge-sub-pipeline.js';
import { writePipelineYaml } from './write-yaml.js';

export interface CompiledPipeline {
  readonly spec: IrPipelineSpec;
  readonly platform?: IrPlatformSpec;
  readonly graph: PipelineGraph;
}

interface Build {
  readonly spec: IrPipelineSpec;
  readonly graph: PipelineGraph;
  readonly wiring: GroupWiring;
  readonly options: CompileOptions;
  readonly platform: PlatformExecutors;
  /** Platform config of this pipeline's own tasks, keyed `exec-<task>`. */
  readonly ownPlatform: PlatformExecutors;
  readonly componentOf: Map<string, string>;
  readonly caching: (task: PipelineTask) => CachingDecision;
}

/** Pipeline definition → KFP v2 IR (PipelineSpec + optional Kubernetes PlatformSpec). */
export function compilePipeline<P extends PipelineParams, O extends OutputSpecs>(
  definition: PipelineDefinition<P, O>,
  options: CompileOptions,
): CompiledPipeline {
  const graph = buildPipelineGraph(definition);
  checkAcyclic(graph);
  const ownPlatform = platformExecutors(buildPlatformSpec(graph.tasks, definition.params));
  const wiring = wireGroups(graph);
  const spec: IrPipelineSpec = {
    components: {},
    deploymentSpec: { executors: {} },
    pipelineInfo: {
      name: definition.name,
      ...(definition.displayName ? { displayName: definition.displayName } : {}),
      ...(definition.description ? { description: definition.description } : {}),
    },
    root: { dag: { tasks: {} } },
    schemaVersion: '2.1.0',
    sdkVersion: SDK_VERSION_STRING,
    ...(definition.defaultPipelineRoot ? { defaultPipelineRoot: definition.defaultPipelineRoot } : {}),
  };
  const inputs = buildIoDefinitions(definition.params);
  if (inputs) spec.root.inputDefinitions = inputs;
  const parameterChecks = buildParameterChecks(graph);
  if (parameterChecks) spec.deploymentSpec.capstone = { parameterChecks };
  const build: Build = {
    spec,
    graph,
    wiring,
    options,
    platform: {},
    ownPlatform,
    componentOf: new Map(),
    caching: cachingRule(graph),
  };
  for (const group of graph.root.descendants()) buildGroup(build, group);
  for (const group of graph.root.groups) if (group.exitTask) buildExitTask(build, group.exitTask, group.name);
  if (wiring.pipelineOutputs.size > 0) {
    const { outputDefinitions, dag } = dagOutputs(wiring.pipelineOutputs);
    spec.root.outputDefinitions = buildIoDefinitions(definition.outputs) ?? outputDefinitions;
    spec.root.dag.outputs = dag.outputs;
  }
  const platform =
    Object.keys(build.platform).length > 0
      ? { platforms: { kubernetes: { deploymentSpec: { executors: build.platform } } } }
      : undefined;
  return { spec, graph, ...(platform ? { platform } : {}) };
}

function dagOf(build: Build, group: TaskGroup): IrComponentSpec {
  if (group === build.graph.root) return build.spec.root;
  return build.spec.components[build.componentOf.get(group.name) ?? ''] as IrComponentSpec;
}

/** Builds the tasks of one block's DAG: sub-blocks first, then tasks, in creation order. */
function buildGroup(build: Build, group: TaskGroup): void {
  const parent = dagOf(build, group);
  const dag: DagContext = {
    parentInputs: parent.inputDefinitions,
    siblings: new Set([...group.groups.map((g) => g.name), ...group.tasks.map((t) => t.name)]),
    parentIsRoot: group === build.graph.root,
  };
  for (const child of group.groups) {
    const channels = groupChannels(child, build.wiring);
    addTask(
      build,
      parent,
      child.name,
      buildGroupComponent(channels, build.wiring.outputs.get(child.name)),
      buildGroupTask(child, channels, dag),
    );
  }
  for (const task of group.tasks) {
    const component = componentFor(build, task, false, dag);
    const refFor = (input: string) => build.wiring.collected.get(`${task.name}\0${input}`);
    addTask(build, parent, task.name, component, buildTaskSpec(task, '', dag, refFor, build.caching(task)));
  }
}

function addTask(
  build: Build,
  parent: IrComponentSpec,
  name: string,
  component: IrComponentSpec,
  task: IrTask,
): void {
  const dependencies = [...(build.wiring.dependencies.get(name) ?? [])].sort();
  if (dependencies.length > 0) task.dependentTasks = dependencies;
  const componentName = uniqueName(`comp-${name}`, (candidate) => candidate in build.spec.components);
  build.componentOf.set(name, componentName);
  task.componentRef = { name: componentName };
  build.spec.components[componentName] = component;
  (parent.dag ??= { tasks: {} }).tasks[name] = orderTask(task);
}

/** Keeps the task's fields in the official order (the YAML is sorted anyway; this keeps objects tidy). */
function orderTask(task: IrTask): IrTask {
  const { taskInfo, componentRef, ...rest } = task;
  return { taskInfo, componentRef, ...rest };
}

/** A container/importer task's component and executor, or a pipeline task's nested DAG. */
function componentFor(build: Build, task: PipelineTask, exitTask: boolean, dag: DagContext): IrComponentSpec {
  if (task.component.kind === 'pipeline') {
    const inner = compilePipeline(task.component as unknown as PipelineDefinition, build.options);
    return mergeSubPipeline(build.spec, build.platform, inner.spec, platformExecutors(inner.platform));
  }
  const component = task.component as unknown as ComponentDefinition;
  const executors = build.spec.deploymentSpec.executors;
  const label = uniqueName(`exec-${task.name}`, (candidate) => candidate in executors);
  executors[label] = buildExecutor(
    component,
    task.options,
    {
      project: build.options.project,
      images: resolveImageOptions(build.options.images, {}),
      subject: `task '${task.name}'`,
    },
    task.args['uri'],
  );
  const platform = build.ownPlatform[`exec-${task.name}`];
  if (platform) build.platform[label] = rewriteForDag(platform, dag.parentInputs, dag.siblings);
  return buildComponentSpec(task.component, label, { exitTask, task: task.name });
}

/** The exit task runs in the root DAG after its exit handler, whatever the handler's tasks did. */
function buildExitTask(build: Build, task: PipelineTask, handler: string): void {
  const dag: DagContext = {
    parentInputs: build.spec.root.inputDefinitions,
    siblings: new Set(Object.keys(build.spec.root.dag.tasks)),
    parentIsRoot: true,
  };
  const component = componentFor(build, task, true, dag);
  const spec = buildTaskSpec(task, '', dag, () => undefined, build.caching(task));
  spec.dependentTasks = [handler];
  spec.triggerPolicy = { strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' };
  for (const [input, definition] of Object.entries(task.component.inputs)) {
    if (definition.kind === 'parameter' && definition.type === 'taskFinalStatus') {
      (spec.inputs ??= {}).parameters = {
        ...spec.inputs.parameters,
        [input]: { taskFinalStatus: { producerTask: handler } },
      };
    }
  }
  const componentName = uniqueName(`comp-${task.name}`, (candidate) => candidate in build.spec.components);
  spec.componentRef = { name: componentName };
  build.spec.components[componentName] = component;
  build.spec.root.dag.tasks[task.name] = spec;
}

/** The caching rule (dsl/external-state.ts) for every task, with producers looked up in this graph. */
function cachingRule(graph: PipelineGraph): (task: PipelineTask) => CachingDecision {
  const byName = new Map(graph.tasks.map((task) => [task.name, task]));
  return (task) => decideCaching(task, (name) => byName.get(name));
}

/** Tasks can only use outputs of tasks created before them, but `.after()` could still close a loop. */
function checkAcyclic(graph: PipelineGraph): void {
  const order = new Map(graph.tasks.map((task, i) => [task.name, i]));
  for (const task of graph.tasks) {
    for (const upstream of task.afterTasks) {
      if ((order.get(upstream) ?? -1) > (order.get(task.name) ?? -1)) {
        throw new DefinitionError(
          `pipeline '${graph.definition.name}'`,
          `task '${task.name}' runs after '${upstream}', which is created later; create tasks in dependency order`,
        );
      }
    }
  }
}

export function compilePipelineToYaml<P extends PipelineParams, O extends OutputSpecs>(
  definition: PipelineDefinition<P, O>,
  options: CompileOptions,
): string {
  const compiled = compilePipeline(definition, options);
  return writePipelineYaml(compiled.spec, compiled.platform);
}
