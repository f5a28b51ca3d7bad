import {
  buildPipelineGraph,
  DefinitionError,
  type PipelineDefinition,
  type PipelineGraph,
  type PipelineParams,
} from '../dsl/index.js';
import { buildComponentSpec, buildIoDefinitions } from './build-component-spec.js';
import { buildExecutor } from './build-executor.js';
import { buildPlatformSpec } from './build-platform-spec.js';
import { buildTaskSpec } from './build-task-spec.js';
import { resolveImageOptions, SDK_VERSION_STRING, type CompileOptions } from './compile-options.js';
import type { IrPipelineSpec, IrPlatformSpec } from './ir-types.js';
import { writePipelineYaml } from './write-yaml.js';

export interface CompiledPipeline {
  readonly spec: IrPipelineSpec;
  readonly platform?: IrPlatformSpec;
  readonly graph: PipelineGraph;
}

/** Pipeline definition → KFP v2 IR (PipelineSpec + optional Kubernetes PlatformSpec). */
export function compilePipeline<P extends PipelineParams>(
  definition: PipelineDefinition<P>,
  options: CompileOptions,
): CompiledPipeline {
  const graph = buildPipelineGraph(definition);
  const images = resolveImageOptions(options.images, {});
  const flags = { descriptions: options.fieldSet === 'latest' };
  const spec: IrPipelineSpec = {
    components: {},
    deploymentSpec: { executors: {} },
    pipelineInfo: {
      name: definition.name,
      ...(flags.descriptions && definition.description ? { description: definition.description } : {}),
    },
    root: { dag: { tasks: {} } },
    schemaVersion: '2.1.0',
    sdkVersion: SDK_VERSION_STRING,
    ...(definition.defaultPipelineRoot ? { defaultPipelineRoot: definition.defaultPipelineRoot } : {}),
  };
  checkAcyclic(graph);
  for (const task of graph.tasks) {
    const componentName = `comp-${task.name}`;
    const executorLabel = `exec-${task.name}`;
    spec.components[componentName] = buildComponentSpec(task.component, executorLabel, flags);
    spec.deploymentSpec.executors[executorLabel] = buildExecutor(task.component, task.options, {
      project: options.project,
      images,
      subject: `task '${task.name}'`,
    });
    spec.root.dag.tasks[task.name] = buildTaskSpec(task, componentName);
  }
  const inputs = buildIoDefinitions(definition.params, flags);
  if (inputs) spec.root.inputDefinitions = inputs;
  const platform = buildPlatformSpec(graph.tasks, definition.params);
  return { spec, graph, ...(platform ? { platform } : {}) };
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

export function compilePipelineToYaml<P extends PipelineParams>(
  definition: PipelineDefinition<P>,
  options: CompileOptions,
): string {
  const compiled = compilePipeline(definition, options);
  return writePipelineYaml(compiled.spec, compiled.platform);
}
