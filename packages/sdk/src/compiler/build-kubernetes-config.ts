// One task's KubernetesExecutorConfig, written field for field as kfp-kubernetes (2.15) writes it: names as
// `*Parameter` inputs plus the deprecated literal field that older backends read.
import type {
  ExecutionOptions,
  InitContainer,
  KubernetesConfig,
  NamedEnvSource,
  NamedVolumeSource,
  NameValue,
  NodeAffinityJson,
  NodeAffinityTerm,
  SelectorRequirement,
  Toleration,
  TolerationJson,
} from '../dsl/index.js';
import { parameterInput } from './build-task-spec.js';
import type {
  IrInitContainer,
  IrKubernetesExecutorConfig,
  IrNodeAffinityTerm,
  IrPvcMount,
  IrSelectorRequirement,
  IrToleration,
} from './ir-kubernetes.js';

type Entries<T> = { [K in keyof T]?: T[K] | undefined };

/** Drops unset fields, empty strings, empty lists and empty maps (proto3 JSON omits them). */
function compact<T extends object>(value: Entries<T>): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => {
      if (v === undefined || v === '') return false;
      if (Array.isArray(v)) return v.length > 0;
      if (typeof v === 'object' && v !== null) return Object.keys(v).length > 0;
      return true;
    }),
  ) as T;
}

const literal = (name: NameValue): string | undefined => (typeof name === 'string' ? name : undefined);
const map = (record: Readonly<Record<string, string>> | undefined) => (record ? { ...record } : undefined);
const int64 = (value: number | undefined) => (value === undefined ? undefined : String(value));

function secretAsEnv(source: NamedEnvSource) {
  return compact({
    secretName: literal(source.name),
    keyToEnv: source.keyToEnv.map(({ key, envVar }) => ({ secretKey: key, envVar })),
    optional: source.optional,
    secretNameParameter: parameterInput(source.name),
  });
}

function configMapAsEnv(source: NamedEnvSource) {
  return compact({
    configMapName: literal(source.name),
    keyToEnv: source.keyToEnv.map(({ key, envVar }) => ({ configMapKey: key, envVar })),
    configMapNameParameter: parameterInput(source.name),
    optional: source.optional,
  });
}

function volumeSource(source: NamedVolumeSource, nameField: string, parameterField: string) {
  return compact({
    [nameField]: literal(source.name),
    mountPath: source.mountPath,
    optional: source.optional,
    [parameterField]: parameterInput(source.name),
  });
}

function pvcMount(mount: KubernetesConfig['pvcMount'][number]): IrPvcMount {
  const pvcNameParameter = parameterInput(mount.pvcName);
  const legacy =
    'runtimeValue' in pvcNameParameter ? { constant: mount.pvcName as string } : pvcNameParameter;
  return compact<IrPvcMount>({
    ...legacy,
    mountPath: mount.mountPath,
    pvcNameParameter,
    subPath: mount.subPath,
  });
}

function toleration(entry: Toleration | TolerationJson): IrToleration {
  if ('json' in entry) return { tolerationJson: parameterInput(entry.json) };
  return compact<IrToleration>({
    key: entry.key,
    operator: entry.operator,
    value: entry.value,
    effect: entry.effect,
    tolerationSeconds: int64(entry.tolerationSeconds),
  });
}

const requirement = (r: SelectorRequirement): IrSelectorRequirement =>
  compact<IrSelectorRequirement>({ key: r.key, operator: r.operator, values: [...(r.values ?? [])] });

function nodeAffinity(term: NodeAffinityTerm | NodeAffinityJson): IrNodeAffinityTerm {
  if ('json' in term) return { nodeAffinityJson: parameterInput(term.json) };
  return compact<IrNodeAffinityTerm>({
    matchExpressions: (term.matchExpressions ?? []).map(requirement),
    matchFields: (term.matchFields ?? []).map(requirement),
    weight: term.weight,
  });
}

function initContainer(container: InitContainer): IrInitContainer {
  return compact<IrInitContainer>({
    name: container.name,
    image: container.image,
    command: [...(container.command ?? [])],
    args: [...(container.args ?? [])],
    env: Object.entries(container.env ?? {}).map(([name, value]) => ({ name, value })),
    volumeMounts: Object.entries(container.volumeMounts ?? {}).map(([volumeName, mountPath]) => ({
      volumeName,
      mountPath,
    })),
    restartPolicy: container.restartPolicy,
    resources: compact({ requests: map(container.resourceRequests), limits: map(container.resourceLimits) }),
  });
}

/** Secrets declared in execution options (`secretEnv`, `.useSecretAsEnv()`) come first, then `kubernetes.*`. */
function secretSources(options: ExecutionOptions, config: KubernetesConfig): NamedEnvSource[] {
  const declared = (options.secretEnv ?? []).map((secret) => ({
    name: secret.secretName,
    keyToEnv: Object.entries(secret.keyToEnv).map(([key, envVar]) => ({ key, envVar })),
    optional: secret.optional ?? false,
  }));
  return [...declared, ...config.secretAsEnv];
}

/** The executor's config, or `undefined` when the task sets nothing. */
export function buildKubernetesConfig(
  options: ExecutionOptions,
  config: KubernetesConfig,
): IrKubernetesExecutorConfig | undefined {
  const c = config;
  const deadline = c.activeDeadlineSeconds ? String(c.activeDeadlineSeconds) : undefined;
  const built = compact<IrKubernetesExecutorConfig>({
    secretAsVolume: c.secretAsVolume.map((s) => volumeSource(s, 'secretName', 'secretNameParameter')),
    secretAsEnv: secretSources(options, c).map(secretAsEnv),
    pvcMount: c.pvcMount.map(pvcMount),
    nodeSelector: compact({
      labels: map(c.nodeSelectorLabels),
      nodeSelectorJson: c.nodeSelectorJson === undefined ? undefined : parameterInput(c.nodeSelectorJson),
    }),
    podMetadata: compact({ labels: map(c.podLabels), annotations: map(c.podAnnotations) }),
    imagePullSecret: c.imagePullSecret.map((name) =>
      compact({ secretName: literal(name), secretNameParameter: parameterInput(name) }),
    ),
    imagePullPolicy: c.imagePullPolicy,
    configMapAsVolume: c.configMapAsVolume.map((s) =>
      volumeSource(s, 'configMapName', 'configMapNameParameter'),
    ),
    configMapAsEnv: c.configMapAsEnv.map(configMapAsEnv),
    activeDeadlineSeconds: deadline,
    fieldPathAsEnv: c.fieldPathAsEnv.map((f) => ({ name: f.name, fieldPath: f.fieldPath })),
    tolerations: c.tolerations.map(toleration),
    genericEphemeralVolume: c.genericEphemeralVolume.map((v) =>
      compact({
        volumeName: v.volumeName,
        mountPath: v.mountPath,
        accessModes: [...v.accessModes],
        size: v.size,
        defaultStorageClass: v.storageClassName === undefined ? (true as const) : undefined,
        storageClassName: v.storageClassName,
        metadata: compact({ labels: map(v.labels), annotations: map(v.annotations) }),
      }),
    ),
    nodeAffinity: c.nodeAffinity.map(nodeAffinity),
    emptyDirMounts: c.emptyDirMounts.map((m) => compact({ ...m })),
    securityContext: c.securityContext
      ? compact({
          runAsUser: int64(c.securityContext.runAsUser),
          runAsGroup: int64(c.securityContext.runAsGroup),
          runAsNonRoot: c.securityContext.runAsNonRoot,
        })
      : undefined,
    initContainers: c.initContainers.map(initContainer),
  });
  return Object.keys(built).length > 0 ? built : undefined;
}
