import type { JsonValue } from '../dsl/index.js';
import type {
  ArtifactSource,
  ContainerSpec,
  ParameterDefinition,
  ParameterSource,
  PipelineTaskSpec,
  CompiledRetryPolicy,
  CompiledSecretEnv,
} from './pipeline-model.js';
import {
  parseImporter,
  parseTrigger,
  taskComponentName,
  taskDependencies,
  taskDisplayName,
} from './task-fields.js';
import {
  asRecord,
  asString,
  asStringList,
  describe,
  optionalRecord,
  parseDurationMs,
  parseComponentIo,
  type SpecReader,
} from './spec-fields.js';
import { kubernetesOpOf, parseKubernetesConfig } from './kubernetes/parse-kubernetes.js';

export type { SpecReader };

export interface TaskContext {
  readonly components: Record<string, unknown>;
  readonly executors: Record<string, unknown>;
  readonly platformExecutors: Record<string, unknown>;
  /** The enclosing DAG's input parameters (the pipeline parameters at the root). */
  readonly pipelineParameters: Readonly<Record<string, ParameterDefinition>>;
  /** The enclosing DAG's input artifacts. */
  readonly dagArtifacts?: readonly string[];
}

const DEFAULT_BACKOFF_FACTOR = 2;
const DEFAULT_BACKOFF_MAX_MS = 3_600_000;

/** Checks one `root.dag.tasks` entry and joins it with its component, executor and platform config. */
export function parseTaskSpec(
  name: string,
  raw: unknown,
  context: TaskContext,
  read: SpecReader,
): PipelineTaskSpec {
  const where = `root.dag.tasks.${name}`;
  const task = asRecord(raw, where, read);
  const componentName = taskComponentName(task, where, read);
  const component = asRecord(context.components[componentName], `components.${componentName}`, read);
  const executorLabel = asString(
    component['executorLabel'],
    `components.${componentName}.executorLabel`,
    read,
  );
  const executor = asRecord(
    context.executors[executorLabel],
    `deploymentSpec.executors.${executorLabel}`,
    read,
  );
  if (executor['container'] === undefined && executor['importer'] === undefined) {
    throw read.fail(
      `executor ${executorLabel} has no container or importer (resolvers are not supported by the local runner)`,
    );
  }
  const { inputs, outputs } = parseComponentIo(component, componentName, read);
  const taskInputs = optionalRecord(task['inputs']) ?? {};
  const parameterInputs = parseParameterInputs(name, taskInputs['parameters'], context, read);
  const artifactInputs = parseArtifactInputs(name, taskInputs['artifacts'], context, read);
  checkInputsAgainstComponent(
    name,
    inputs.parameters,
    parameterInputs,
    Object.keys(inputs.artifacts),
    artifactInputs,
    read,
  );
  const producers = producerTasks(parameterInputs, artifactInputs);
  const retryPolicy = parseRetryPolicy(task['retryPolicy'], `${where}.retryPolicy`, read);
  const importer =
    executor['importer'] === undefined ? undefined : parseImporter(executor['importer'], executorLabel, read);
  const kubernetes = parseKubernetesConfig(context.platformExecutors[executorLabel], executorLabel, read);
  const kubernetesOp = kubernetesOpOf(executor['container']);
  return {
    kind: 'container',
    name,
    displayName: taskDisplayName(task, name),
    componentName,
    executorLabel,
    componentSpec: component,
    inputs,
    outputs,
    container: importer
      ? { image: '', command: [], args: [], env: [] }
      : kubernetesOp
        ? { image: String(optionalRecord(executor['container'])?.['image']), command: [], args: [], env: [] }
        : parseContainer(executor['container'], `deploymentSpec.executors.${executorLabel}.container`, read),
    parameterInputs,
    artifactInputs,
    dependencies: taskDependencies(task, where, [...producers, ...kubernetes.producers], read),
    enableCache: optionalRecord(task['cachingOptions'])?.['enableCache'] === true,
    ...(retryPolicy ? { retryPolicy } : {}),
    secretEnv: parseSecretEnv(context.platformExecutors[executorLabel], executorLabel, read),
    trigger: parseTrigger(task['triggerPolicy'], where, read),
    ...(importer ? { importer } : {}),
    kubernetes,
    ...(kubernetesOp ? { kubernetesOp } : {}),
  };
}

/** The tasks whose outputs a task's inputs read. */
export function producerTasks(
  parameterInputs: Readonly<Record<string, ParameterSource>>,
  artifactInputs: Readonly<Record<string, ArtifactSource>>,
): string[] {
  const outputs = Object.values(parameterInputs).flatMap((s) => (s.kind === 'task-output' ? [s.task] : []));
  return [...outputs, ...Object.values(artifactInputs).flatMap((s) => ('task' in s ? [s.task] : []))];
}

export function parseParameterInputs(
  task: string,
  raw: unknown,
  context: TaskContext,
  read: SpecReader,
): Record<string, ParameterSource> {
  const sources: Record<string, ParameterSource> = {};
  for (const [input, value] of Object.entries(optionalRecord(raw) ?? {})) {
    const where = `root.dag.tasks.${task}.inputs.parameters.${input}`;
    const spec = asRecord(value, where, read);
    const output = optionalRecord(spec['taskOutputParameter']);
    const constant = optionalRecord(spec['runtimeValue']);
    const finalStatus = optionalRecord(spec['taskFinalStatus']);
    const field = selectorField(
      spec['parameterExpressionSelector'],
      `${where}.parameterExpressionSelector`,
      read,
    );
    const selected = field === undefined ? {} : { field };
    if (typeof spec['componentInputParameter'] === 'string') {
      const parameter = spec['componentInputParameter'];
      if (!context.pipelineParameters[parameter])
        throw read.fail(`${where} reads unknown pipeline parameter '${parameter}'`);
      sources[input] = { kind: 'pipeline-parameter', name: parameter, ...selected };
    } else if (finalStatus) {
      sources[input] = {
        kind: 'task-final-status',
        task: asString(finalStatus['producerTask'], `${where}.taskFinalStatus.producerTask`, read),
      };
    } else if (output) {
      sources[input] = {
        kind: 'task-output',
        task: asString(output['producerTask'], `${where}.taskOutputParameter.producerTask`, read),
        output: asString(
          output['outputParameterKey'],
          `${where}.taskOutputParameter.outputParameterKey`,
          read,
        ),
        ...selected,
      };
    } else if (constant && 'constant' in constant) {
      sources[input] = { kind: 'constant', value: constant['constant'] as JsonValue };
    } else {
      throw read.fail(
        `${where} must be a componentInputParameter, taskOutputParameter or runtimeValue.constant, got ${describe(spec)}`,
      );
    }
  }
  return sources;
}

/** `parseJson(string_value)["field"]`: the only selector the official SDK writes. */
function selectorField(raw: unknown, where: string, read: SpecReader): string | undefined {
  if (raw === undefined) return undefined;
  const match = typeof raw === 'string' ? /^parseJson\(string_value\)\["([^"]+)"\]$/.exec(raw) : null;
  if (!match?.[1])
    throw read.fail(`${where}: only parseJson(string_value)["<field>"] is supported, got ${describe(raw)}`);
  return match[1];
}

export function parseArtifactInputs(
  task: string,
  raw: unknown,
  context: TaskContext,
  read: SpecReader,
): Record<string, ArtifactSource> {
  const sources: Record<string, ArtifactSource> = {};
  for (const [input, value] of Object.entries(optionalRecord(raw) ?? {})) {
    const where = `root.dag.tasks.${task}.inputs.artifacts.${input}`;
    const spec = asRecord(value, where, read);
    if (typeof spec['componentInputArtifact'] === 'string') {
      if (!context.dagArtifacts?.includes(spec['componentInputArtifact']))
        throw read.fail(`${where} reads unknown input artifact '${spec['componentInputArtifact']}'`);
      sources[input] = { kind: 'dag-input', name: spec['componentInputArtifact'] };
      continue;
    }
    const output = optionalRecord(spec['taskOutputArtifact']);
    if (!output) throw read.fail(`${where} must be a taskOutputArtifact or componentInputArtifact`);
    sources[input] = {
      task: asString(output['producerTask'], `${where}.taskOutputArtifact.producerTask`, read),
      output: asString(output['outputArtifactKey'], `${where}.taskOutputArtifact.outputArtifactKey`, read),
    };
  }
  return sources;
}

export function checkInputsAgainstComponent(
  task: string,
  declared: Readonly<Record<string, ParameterDefinition>>,
  parameters: Readonly<Record<string, ParameterSource>>,
  declaredArtifacts: readonly string[],
  artifacts: Readonly<Record<string, ArtifactSource>>,
  read: SpecReader,
): void {
  for (const input of Object.keys(parameters)) {
    if (!declared[input])
      throw read.fail(`task '${task}' passes '${input}', which its component does not declare`);
  }
  for (const [input, definition] of Object.entries(declared)) {
    if (!definition.optional && !parameters[input])
      throw read.fail(`task '${task}' does not pass required input '${input}'`);
  }
  for (const input of Object.keys(artifacts)) {
    if (!declaredArtifacts.includes(input))
      throw read.fail(`task '${task}' passes artifact '${input}', which its component does not declare`);
  }
}

function parseRetryPolicy(raw: unknown, where: string, read: SpecReader): CompiledRetryPolicy | undefined {
  if (raw === undefined) return undefined;
  const policy = asRecord(raw, where, read);
  const count = policy['maxRetryCount'] ?? 0;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw read.fail(`${where}.maxRetryCount must be a non-negative integer, got ${describe(count)}`);
  }
  const factor = policy['backoffFactor'];
  return {
    maxRetryCount: count,
    backoffMs: parseDurationMs(policy['backoffDuration'], `${where}.backoffDuration`, read),
    backoffFactor: typeof factor === 'number' && factor > 0 ? factor : DEFAULT_BACKOFF_FACTOR,
    backoffMaxMs:
      policy['backoffMaxDuration'] === undefined
        ? DEFAULT_BACKOFF_MAX_MS
        : parseDurationMs(policy['backoffMaxDuration'], `${where}.backoffMaxDuration`, read),
  };
}

function parseSecretEnv(raw: unknown, executorLabel: string, read: SpecReader): CompiledSecretEnv[] {
  const entries = optionalRecord(raw)?.['secretAsEnv'];
  if (!Array.isArray(entries)) return [];
  const where = `platform executors.${executorLabel}.secretAsEnv`;
  return entries.flatMap((entry: unknown, index) => {
    const secret = asRecord(entry, `${where}[${index}]`, read);
    const secretName = typeof secret['secretName'] === 'string' ? secret['secretName'] : '<parameterised>';
    const keys = Array.isArray(secret['keyToEnv']) ? secret['keyToEnv'] : [];
    return keys.map((key: unknown, keyIndex) => {
      const pair = asRecord(key, `${where}[${index}].keyToEnv[${keyIndex}]`, read);
      return {
        secretName,
        secretKey: asString(pair['secretKey'], `${where}[${index}].keyToEnv[${keyIndex}].secretKey`, read),
        envVar: asString(pair['envVar'], `${where}[${index}].keyToEnv[${keyIndex}].envVar`, read),
      };
    });
  });
}

function parseContainer(raw: unknown, where: string, read: SpecReader): ContainerSpec {
  const container = asRecord(raw, where, read);
  const command = asStringList(container['command'], `${where}.command`, read);
  if (command.length === 0) throw read.fail(`${where}.command is empty: the KFP launcher requires a command`);
  const env = Array.isArray(container['env']) ? container['env'] : [];
  return {
    image: asString(container['image'], `${where}.image`, read),
    command,
    args: asStringList(container['args'], `${where}.args`, read),
    env: env.map((entry: unknown, index) => {
      const pair = asRecord(entry, `${where}.env[${index}]`, read);
      return {
        name: asString(pair['name'], `${where}.env[${index}].name`, read),
        value: asString(pair['value'] ?? '', `${where}.env[${index}].value`, read),
      };
    }),
  };
}
