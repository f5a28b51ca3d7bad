import type { JsonValue } from '../dsl/index.js';
import type {
  ArtifactSource,
  ContainerSpec,
  ParameterDefinition,
  ParameterSource,
  PipelineTaskSpec,
  RetryPolicy,
  SecretEnv,
} from './pipeline-model.js';
import {
  asRecord,
  asString,
  asStringList,
  describe,
  optionalRecord,
  parseDurationMs,
  parseIoDefinitions,
  type SpecReader,
} from './spec-fields.js';
import { kubernetesOpOf, parseKubernetesConfig } from './kubernetes/parse-kubernetes.js';

export type { SpecReader };

export interface TaskContext {
  readonly components: Record<string, unknown>;
  readonly executors: Record<string, unknown>;
  readonly platformExecutors: Record<string, unknown>;
  readonly pipelineParameters: Readonly<Record<string, ParameterDefinition>>;
}

const UNSUPPORTED_TASK_FIELDS = [
  'triggerPolicy',
  'iteratorPolicy',
  'parameterIterator',
  'artifactIterator',
] as const;
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
  for (const field of UNSUPPORTED_TASK_FIELDS) {
    if (task[field] !== undefined)
      throw read.fail(`${where}.${field}: conditions and loops are not supported by the local runner`);
  }
  const componentName = asString(
    asRecord(task['componentRef'], `${where}.componentRef`, read)['name'],
    `${where}.componentRef.name`,
    read,
  );
  const component = asRecord(context.components[componentName], `components.${componentName}`, read);
  if (component['dag'] !== undefined) {
    throw read.fail(
      `task '${name}' runs the sub-DAG ${componentName}: nested pipelines are not supported by the local runner`,
    );
  }
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
  if (executor['container'] === undefined) {
    throw read.fail(
      `executor ${executorLabel} has no container (importers and resolvers are not supported by the local runner)`,
    );
  }
  const inputs = parseIoDefinitions(
    component['inputDefinitions'],
    `components.${componentName}.inputDefinitions`,
    read,
  );
  const outputs = parseIoDefinitions(
    component['outputDefinitions'],
    `components.${componentName}.outputDefinitions`,
    read,
  );
  const taskInputs = optionalRecord(task['inputs']) ?? {};
  const parameterInputs = parseParameterInputs(name, taskInputs['parameters'], context, read);
  const artifactInputs = parseArtifactInputs(name, taskInputs['artifacts'], read);
  checkInputsAgainstComponent(
    name,
    inputs.parameters,
    parameterInputs,
    Object.keys(inputs.artifacts),
    artifactInputs,
    read,
  );
  const producers = [
    ...Object.values(parameterInputs).flatMap((source) =>
      source.kind === 'task-output' ? [source.task] : [],
    ),
    ...Object.values(artifactInputs).map((source) => source.task),
  ];
  const retryPolicy = parseRetryPolicy(task['retryPolicy'], `${where}.retryPolicy`, read);
  const kubernetes = parseKubernetesConfig(context.platformExecutors[executorLabel], executorLabel, read);
  const kubernetesOp = kubernetesOpOf(executor['container']);
  return {
    name,
    componentName,
    executorLabel,
    componentSpec: component,
    inputs,
    outputs,
    container: kubernetesOp
      ? { image: String(optionalRecord(executor['container'])?.['image']), command: [], args: [], env: [] }
      : parseContainer(executor['container'], `deploymentSpec.executors.${executorLabel}.container`, read),
    parameterInputs,
    artifactInputs,
    dependencies: [
      ...new Set([
        ...asStringList(task['dependentTasks'], `${where}.dependentTasks`, read),
        ...producers,
        ...kubernetes.producers,
      ]),
    ].sort(),
    enableCache: optionalRecord(task['cachingOptions'])?.['enableCache'] === true,
    ...(retryPolicy ? { retryPolicy } : {}),
    secretEnv: parseSecretEnv(context.platformExecutors[executorLabel], executorLabel, read),
    kubernetes,
    ...(kubernetesOp ? { kubernetesOp } : {}),
  };
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
        value: String(pair['value'] ?? ''),
      };
    }),
  };
}

function parseParameterInputs(
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
    if (typeof spec['componentInputParameter'] === 'string') {
      const parameter = spec['componentInputParameter'];
      if (!context.pipelineParameters[parameter])
        throw read.fail(`${where} reads unknown pipeline parameter '${parameter}'`);
      sources[input] = { kind: 'pipeline-parameter', name: parameter };
    } else if (output) {
      sources[input] = {
        kind: 'task-output',
        task: asString(output['producerTask'], `${where}.taskOutputParameter.producerTask`, read),
        output: asString(
          output['outputParameterKey'],
          `${where}.taskOutputParameter.outputParameterKey`,
          read,
        ),
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

function parseArtifactInputs(task: string, raw: unknown, read: SpecReader): Record<string, ArtifactSource> {
  const sources: Record<string, ArtifactSource> = {};
  for (const [input, value] of Object.entries(optionalRecord(raw) ?? {})) {
    const where = `root.dag.tasks.${task}.inputs.artifacts.${input}`;
    const output = optionalRecord(asRecord(value, where, read)['taskOutputArtifact']);
    if (!output)
      throw read.fail(
        `${where} must be a taskOutputArtifact (the local runner has no pipeline-level artifacts)`,
      );
    sources[input] = {
      task: asString(output['producerTask'], `${where}.taskOutputArtifact.producerTask`, read),
      output: asString(output['outputArtifactKey'], `${where}.taskOutputArtifact.outputArtifactKey`, read),
    };
  }
  return sources;
}

function checkInputsAgainstComponent(
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

function parseRetryPolicy(raw: unknown, where: string, read: SpecReader): RetryPolicy | undefined {
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

function parseSecretEnv(raw: unknown, executorLabel: string, read: SpecReader): SecretEnv[] {
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
