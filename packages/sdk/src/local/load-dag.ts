// Nested DAGs of a compiled pipeline: condition, loop and exit-handler blocks and pipelines used as tasks.
import type { JsonValue } from '../dsl/index.js';
import {
  checkInputsAgainstComponent,
  parseArtifactInputs,
  parseParameterInputs,
  producerTasks,
  parseTaskSpec,
  type SpecReader,
  type TaskContext,
} from './load-task.js';
import { parseTrigger, taskComponentName, taskDependencies, taskDisplayName } from './task-fields.js';
import type {
  ComponentIo,
  DagNodeSpec,
  DagOutputs,
  DagSpec,
  DagTaskSpec,
  IteratorSpec,
} from './pipeline-model.js';
import { asRecord, asString, describe, optionalRecord, parseComponentIo } from './spec-fields.js';
import { topologicalOrder } from './schedule.js';

/** Parses `dag.tasks` of a DAG whose inputs are `inputs`; nested DAG components are parsed recursively. */
export function parseDagTasks(
  rawTasks: unknown,
  inputs: ComponentIo,
  context: TaskContext,
  read: SpecReader,
  where: string,
  depth = 0,
): Record<string, DagTaskSpec> {
  if (depth > 50)
    throw read.fail(`${where}: DAGs nest more than 50 levels deep (a component refers to itself?)`);
  const scoped: TaskContext = {
    ...context,
    pipelineParameters: inputs.parameters,
    dagArtifacts: Object.keys(inputs.artifacts),
  };
  const tasks: Record<string, DagTaskSpec> = {};
  for (const [name, raw] of Object.entries(asRecord(rawTasks, `${where}.tasks`, read))) {
    const task = asRecord(raw, `${where}.tasks.${name}`, read);
    const component = optionalRecord(context.components[taskComponentName(task, where, read)]);
    tasks[name] =
      component?.['dag'] === undefined
        ? parseTaskSpec(name, task, scoped, read)
        : parseDagNode(name, task, scoped, read, depth);
  }
  checkDagReferences(tasks, inputs, read, where);
  return tasks;
}

function parseDagNode(
  name: string,
  task: Record<string, unknown>,
  context: TaskContext,
  read: SpecReader,
  depth: number,
): DagNodeSpec {
  const where = `task '${name}'`;
  const componentName = taskComponentName(task, where, read);
  const component = asRecord(context.components[componentName], `components.${componentName}`, read);
  const { inputs, outputs } = parseComponentIo(component, componentName, read);
  const rawDag = asRecord(component['dag'], `components.${componentName}.dag`, read);
  const dag: DagSpec = {
    inputs,
    outputs,
    tasks: parseDagTasks(
      rawDag['tasks'],
      inputs,
      context,
      read,
      `components.${componentName}.dag`,
      depth + 1,
    ),
    dagOutputs: parseDagOutputs(rawDag['outputs'], `components.${componentName}.dag.outputs`, read),
  };
  const taskInputs = optionalRecord(task['inputs']) ?? {};
  const parameterInputs = parseParameterInputs(name, taskInputs['parameters'], context, read);
  const artifactInputs = parseArtifactInputs(name, taskInputs['artifacts'], context, read);
  const iterator = parseIterator(task, where, read);
  const provided = new Set([...Object.keys(parameterInputs), ...(iterator ? [iterator.itemInput] : [])]);
  checkInputsAgainstComponent(
    name,
    Object.fromEntries(
      Object.entries(inputs.parameters).map(([k, v]) => [k, provided.has(k) ? { ...v, optional: true } : v]),
    ),
    parameterInputs,
    Object.keys(inputs.artifacts),
    artifactInputs,
    read,
  );
  const producers = producerTasks(parameterInputs, artifactInputs);
  return {
    kind: 'dag',
    name,
    displayName: taskDisplayName(task, name),
    componentName,
    dag,
    parameterInputs,
    artifactInputs,
    dependencies: taskDependencies(task, where, producers, read),
    trigger: parseTrigger(task['triggerPolicy'], where, read),
    ...(iterator ? { iterator } : {}),
  };
}

function parseIterator(
  task: Record<string, unknown>,
  where: string,
  read: SpecReader,
): IteratorSpec | undefined {
  const parameter = optionalRecord(task['parameterIterator']);
  const artifact = optionalRecord(task['artifactIterator']);
  const iterator = parameter ?? artifact;
  if (!iterator) return undefined;
  const items = asRecord(iterator['items'], `${where}.iterator.items`, read);
  const limit = optionalRecord(task['iteratorPolicy'])?.['parallelismLimit'];
  let parsedItems: IteratorSpec['items'];
  if (typeof items['raw'] === 'string') {
    let raw: unknown;
    try {
      raw = JSON.parse(items['raw']);
    } catch {
      throw read.fail(`${where}: parameterIterator.items.raw is not JSON: ${describe(items['raw'])}`);
    }
    if (!Array.isArray(raw)) throw read.fail(`${where}: parameterIterator.items.raw must be a JSON list`);
    parsedItems = { raw: raw as JsonValue[] };
  } else {
    const input = items[parameter ? 'inputParameter' : 'inputArtifact'];
    parsedItems = { input: asString(input, `${where}.iterator.items`, read) };
  }
  return {
    kind: parameter ? 'parameter' : 'artifact',
    items: parsedItems,
    itemInput: asString(iterator['itemInput'], `${where}.iterator.itemInput`, read),
    parallelism: typeof limit === 'number' && limit > 0 ? limit : 0,
  };
}

/** The root DAG's outputs (a pipeline that returns values), if any. */
export function parseDagOutputsOf(dag: Record<string, unknown>, read: SpecReader): DagOutputs | undefined {
  return dag['outputs'] === undefined ? undefined : parseDagOutputs(dag['outputs'], 'root.dag.outputs', read);
}

function parseDagOutputs(raw: unknown, where: string, read: SpecReader): DagOutputs {
  const outputs = optionalRecord(raw) ?? {};
  const parameters: Record<string, { task: string; output: string }[]> = {};
  for (const [key, value] of Object.entries(optionalRecord(outputs['parameters']) ?? {})) {
    const spec = asRecord(value, `${where}.parameters.${key}`, read);
    const single = optionalRecord(spec['valueFromParameter']);
    const oneOf = optionalRecord(spec['valueFromOneof']);
    const selectors = single
      ? [single]
      : Array.isArray(oneOf?.['parameterSelectors'])
        ? (oneOf['parameterSelectors'] as unknown[])
        : [];
    parameters[key] = selectors.map((selector, i) => {
      const entry = asRecord(selector, `${where}.parameters.${key}[${i}]`, read);
      return {
        task: asString(entry['producerSubtask'], `${where}.parameters.${key}.producerSubtask`, read),
        output: asString(entry['outputParameterKey'], `${where}.parameters.${key}.outputParameterKey`, read),
      };
    });
  }
  const artifacts: Record<string, { task: string; output: string }[]> = {};
  for (const [key, value] of Object.entries(optionalRecord(outputs['artifacts']) ?? {})) {
    const selectors = asRecord(value, `${where}.artifacts.${key}`, read)['artifactSelectors'];
    artifacts[key] = (Array.isArray(selectors) ? selectors : []).map((selector: unknown, i) => {
      const entry = asRecord(selector, `${where}.artifacts.${key}[${i}]`, read);
      return {
        task: asString(entry['producerSubtask'], `${where}.artifacts.${key}.producerSubtask`, read),
        output: asString(entry['outputArtifactKey'], `${where}.artifacts.${key}.outputArtifactKey`, read),
      };
    });
  }
  return { parameters, artifacts };
}

/** Every reference names a task of the same DAG and an output it declares; the DAG has no cycle. */
function checkDagReferences(
  tasks: Readonly<Record<string, DagTaskSpec>>,
  inputs: ComponentIo,
  read: SpecReader,
  where: string,
): void {
  const outputsOf = (name: string): ComponentIo | undefined => {
    const task = tasks[name];
    if (!task) return undefined;
    return 'dag' in task && task.kind === 'dag'
      ? task.dag.outputs
      : (task as { outputs: ComponentIo }).outputs;
  };
  for (const task of Object.values(tasks)) {
    for (const dependency of task.dependencies) {
      if (!tasks[dependency])
        throw read.fail(`task '${task.name}' depends on unknown task '${dependency}' (in ${where})`);
    }
    for (const [input, source] of Object.entries(task.artifactInputs)) {
      if ('task' in source && !outputsOf(source.task)?.artifacts[source.output]) {
        throw read.fail(
          `task '${task.name}' input artifact '${input}' reads missing output '${source.task}.${source.output}'`,
        );
      }
    }
    for (const [input, source] of Object.entries(task.parameterInputs)) {
      if (source.kind === 'task-output' && !outputsOf(source.task)?.parameters[source.output]) {
        throw read.fail(
          `task '${task.name}' input '${input}' reads missing output parameter '${source.task}.${source.output}'`,
        );
      }
    }
  }
  void inputs;
  try {
    topologicalOrder(tasks);
  } catch (error) {
    throw read.fail((error as Error).message);
  }
}
