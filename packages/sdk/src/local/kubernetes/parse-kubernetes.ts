// Reads one executor's KubernetesExecutorConfig (document 2) into what the local runner can honour, and the
// names of the options it cannot (they only mean something to a cluster's scheduler or kubelet).
import { formatParameterText, type JsonValue } from '../../dsl/index.js';
import type { ParameterSource } from '../pipeline-model.js';
import { asRecord, asString, describe, optionalRecord, type SpecReader } from '../spec-fields.js';

export type LocalMount =
  | {
      readonly kind: 'pvc';
      readonly mountPath: string;
      readonly pvcName: ParameterSource;
      readonly subPath?: string;
    }
  /** emptyDir and generic ephemeral volumes: a fresh folder for each run of the task. */
  | {
      readonly kind: 'scratch';
      readonly option: string;
      readonly mountPath: string;
      readonly volumeName: string;
    };

export interface TaskKubernetes {
  readonly configMapEnv: readonly {
    readonly configMap: string;
    readonly key: string;
    readonly envVar: string;
  }[];
  readonly fieldPathEnv: readonly { readonly envName: string; readonly fieldPath: string }[];
  readonly mounts: readonly LocalMount[];
  readonly activeDeadlineSeconds?: number;
  /** Options present in the spec that the local runner does not apply, with what they would do. */
  readonly ignored: readonly string[];
  /** Tasks whose outputs name a PVC this task mounts. */
  readonly producers: readonly string[];
}

export const NO_KUBERNETES: TaskKubernetes = {
  configMapEnv: [],
  fieldPathEnv: [],
  mounts: [],
  ignored: [],
  producers: [],
};

/** Options that only a cluster can apply, and why. */
const CLUSTER_ONLY: Readonly<Record<string, string>> = {
  nodeSelector: 'node selection',
  nodeAffinity: 'node selection',
  tolerations: 'taints',
  imagePullSecret: 'registry credentials',
  imagePullPolicy: 'image pulls',
  podMetadata: 'pod labels/annotations',
  securityContext: 'user/group ids',
  initContainers: 'init containers do not run',
  secretAsVolume: 'Secret files are not mounted',
  configMapAsVolume: 'ConfigMap files are not mounted',
  enabledSharedMemory: 'shared memory volume',
  podAffinity: 'pod placement',
};
const HONOURED = new Set([
  'secretAsEnv',
  'configMapAsEnv',
  'fieldPathAsEnv',
  'pvcMount',
  'emptyDirMounts',
  'genericEphemeralVolume',
  'activeDeadlineSeconds',
]);

/** A `*Parameter` input (or the deprecated literal beside it) as a parameter source. */
function nameSource(
  entry: Record<string, unknown>,
  parameterField: string,
  where: string,
  read: SpecReader,
): ParameterSource {
  const spec = optionalRecord(entry[parameterField]) ?? entry;
  const constant = optionalRecord(spec['runtimeValue'])?.['constant'] ?? spec['constant'];
  if (typeof constant === 'string') return { kind: 'constant', value: constant };
  if (typeof spec['componentInputParameter'] === 'string')
    return { kind: 'pipeline-parameter', name: spec['componentInputParameter'] };
  const output = optionalRecord(spec['taskOutputParameter']);
  if (output) {
    return {
      kind: 'task-output',
      task: asString(output['producerTask'], `${where}.taskOutputParameter.producerTask`, read),
      output: asString(output['outputParameterKey'], `${where}.taskOutputParameter.outputParameterKey`, read),
    };
  }
  throw read.fail(
    `${where}: expected a ${parameterField} (constant, pipeline parameter or task output), got ${describe(spec)}`,
  );
}

function list(
  config: Record<string, unknown>,
  field: string,
  where: string,
  read: SpecReader,
): Record<string, unknown>[] {
  const value = config[field];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw read.fail(`${where}.${field} must be a list, got ${describe(value)}`);
  return value.map((entry: unknown, index) => asRecord(entry, `${where}.${field}[${index}]`, read));
}

function configMapEnv(
  config: Record<string, unknown>,
  where: string,
  read: SpecReader,
): TaskKubernetes['configMapEnv'] {
  return list(config, 'configMapAsEnv', where, read).flatMap((entry, index) => {
    const at = `${where}.configMapAsEnv[${index}]`;
    const source = nameSource(entry, 'configMapNameParameter', at, read);
    const configMap = source.kind === 'constant' ? formatParameterText(source.value) : '<parameterised>';
    const keys = Array.isArray(entry['keyToEnv']) ? (entry['keyToEnv'] as unknown[]) : [];
    return keys.map((raw, keyIndex) => {
      const pair = asRecord(raw, `${at}.keyToEnv[${keyIndex}]`, read);
      return {
        configMap,
        key: asString(pair['configMapKey'], `${at}.keyToEnv[${keyIndex}].configMapKey`, read),
        envVar: asString(pair['envVar'], `${at}.keyToEnv[${keyIndex}].envVar`, read),
      };
    });
  });
}

function mounts(config: Record<string, unknown>, where: string, read: SpecReader): LocalMount[] {
  const pvc = list(config, 'pvcMount', where, read).map((entry, index): LocalMount => {
    const at = `${where}.pvcMount[${index}]`;
    const subPath =
      typeof entry['subPath'] === 'string' && entry['subPath'] !== '' ? entry['subPath'] : undefined;
    return {
      kind: 'pvc',
      mountPath: asString(entry['mountPath'], `${at}.mountPath`, read),
      pvcName: nameSource(entry, 'pvcNameParameter', at, read),
      ...(subPath ? { subPath } : {}),
    };
  });
  const scratch = ['emptyDirMounts', 'genericEphemeralVolume'].flatMap((option) =>
    list(config, option, where, read).map(
      (entry, index): LocalMount => ({
        kind: 'scratch',
        option,
        mountPath: asString(entry['mountPath'], `${where}.${option}[${index}].mountPath`, read),
        volumeName: asString(entry['volumeName'], `${where}.${option}[${index}].volumeName`, read),
      }),
    ),
  );
  return [...pvc, ...scratch];
}

function deadline(value: unknown, where: string, read: SpecReader): number | undefined {
  if (value === undefined) return undefined;
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds < 0)
    throw read.fail(
      `${where}.activeDeadlineSeconds must be a whole number of seconds, got ${describe(value)}`,
    );
  return seconds > 0 ? seconds : undefined;
}

/** The local view of `platforms.kubernetes.deploymentSpec.executors.<executorLabel>`. */
export function parseKubernetesConfig(raw: unknown, executorLabel: string, read: SpecReader): TaskKubernetes {
  const config = optionalRecord(raw);
  if (!config) return NO_KUBERNETES;
  const where = `platform executors.${executorLabel}`;
  const parsedMounts = mounts(config, where, read);
  const seconds = deadline(config['activeDeadlineSeconds'], where, read);
  const ignored = Object.keys(config)
    .filter((option) => !HONOURED.has(option))
    .map((option) => `${option} (${CLUSTER_ONLY[option] ?? 'unknown to the local runner'})`);
  return {
    configMapEnv: configMapEnv(config, where, read),
    fieldPathEnv: list(config, 'fieldPathAsEnv', where, read).map((entry, index) => ({
      envName: asString(entry['name'], `${where}.fieldPathAsEnv[${index}].name`, read),
      fieldPath: asString(entry['fieldPath'], `${where}.fieldPathAsEnv[${index}].fieldPath`, read),
    })),
    mounts: parsedMounts,
    ...(seconds !== undefined ? { activeDeadlineSeconds: seconds } : {}),
    ignored,
    producers: parsedMounts.flatMap((mount) =>
      mount.kind === 'pvc' && mount.pvcName.kind === 'task-output' ? [mount.pvcName.task] : [],
    ),
  };
}

/** Values a pod field path has on this machine; other field paths are left unset. */
export function localFieldValue(
  fieldPath: string,
  run: { readonly runId: string; readonly hostname: string },
): JsonValue | undefined {
  const known: Readonly<Record<string, string>> = {
    "metadata.annotations['pipelines.kubeflow.org/run_name']": run.runId,
    "metadata.labels['pipeline/runid']": run.runId,
    'spec.nodeName': run.hostname,
  };
  return known[fieldPath.replace(/"/g, "'")];
}

/** The driver's stub images (kfp-kubernetes CreatePVC / DeletePVC), which run no container. */
export function kubernetesOpOf(container: unknown): 'create-pvc' | 'delete-pvc' | undefined {
  const image = optionalRecord(container)?.['image'];
  return image === 'argostub/createpvc'
    ? 'create-pvc'
    : image === 'argostub/deletepvc'
      ? 'delete-pvc'
      : undefined;
}
