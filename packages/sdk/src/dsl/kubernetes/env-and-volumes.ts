// kfp-kubernetes options that put data into the container: env from Secrets, ConfigMaps and the pod's own
// fields, and volumes (Secret, ConfigMap, PVC, emptyDir, generic ephemeral).
import type {
  AccessMode,
  EmptyDirMount,
  EphemeralVolume,
  KubernetesConfigurable,
  NamedEnvSource,
  NamedVolumeSource,
  NameValue,
  PvcMount,
} from './config.js';
import {
  checkEnvName,
  checkKeyToEnv,
  checkName,
  checkOneOf,
  checkStringMap,
  checkText,
  fail,
  producersOf,
  subjectOf,
} from './checks.js';

const ACCESS_MODES: readonly AccessMode[] = [
  'ReadWriteOnce',
  'ReadOnlyMany',
  'ReadWriteMany',
  'ReadWriteOncePod',
];

function envSource(
  task: KubernetesConfigurable,
  option: string,
  name: NameValue,
  keyToEnv: Readonly<Record<string, string>>,
  optional: boolean | undefined,
): NamedEnvSource {
  const subject = subjectOf(task, option);
  checkName(subject, 'the name', name);
  checkKeyToEnv(subject, keyToEnv);
  return {
    name,
    keyToEnv: Object.entries(keyToEnv).map(([key, envVar]) => ({ key, envVar })),
    optional: optional ?? false,
  };
}

function volumeSource(
  task: KubernetesConfigurable,
  option: string,
  name: NameValue,
  mountPath: string,
  optional: boolean | undefined,
): NamedVolumeSource {
  const subject = subjectOf(task, option);
  checkName(subject, 'the name', name);
  checkText(subject, 'mountPath', mountPath);
  return { name, mountPath, optional: optional ?? false };
}

/** `kubernetes.use_secret_as_env`: Secret keys → env vars (`{ password: 'DB_PASSWORD' }`). */
export function useSecretAsEnv<T extends KubernetesConfigurable>(
  task: T,
  options: {
    readonly secretName: NameValue;
    readonly secretKeyToEnv: Readonly<Record<string, string>>;
    readonly optional?: boolean;
  },
): T {
  const entry = envSource(
    task,
    'useSecretAsEnv',
    options.secretName,
    options.secretKeyToEnv,
    options.optional,
  );
  return task.configureKubernetes(
    (c) => ({ ...c, secretAsEnv: [...c.secretAsEnv, entry] }),
    producersOf(entry.name),
  );
}

/** `kubernetes.use_secret_as_volume`: the Secret's keys as files under `mountPath`. */
export function useSecretAsVolume<T extends KubernetesConfigurable>(
  task: T,
  options: { readonly secretName: NameValue; readonly mountPath: string; readonly optional?: boolean },
): T {
  const entry = volumeSource(
    task,
    'useSecretAsVolume',
    options.secretName,
    options.mountPath,
    options.optional,
  );
  return task.configureKubernetes(
    (c) => ({ ...c, secretAsVolume: [...c.secretAsVolume, entry] }),
    producersOf(entry.name),
  );
}

/** `kubernetes.use_config_map_as_env`: ConfigMap keys → env vars. */
export function useConfigMapAsEnv<T extends KubernetesConfigurable>(
  task: T,
  options: {
    readonly configMapName: NameValue;
    readonly configMapKeyToEnv: Readonly<Record<string, string>>;
    readonly optional?: boolean;
  },
): T {
  const entry = envSource(
    task,
    'useConfigMapAsEnv',
    options.configMapName,
    options.configMapKeyToEnv,
    options.optional,
  );
  return task.configureKubernetes(
    (c) => ({ ...c, configMapAsEnv: [...c.configMapAsEnv, entry] }),
    producersOf(entry.name),
  );
}

/** `kubernetes.use_config_map_as_volume`: the ConfigMap's keys as files under `mountPath`. */
export function useConfigMapAsVolume<T extends KubernetesConfigurable>(
  task: T,
  options: { readonly configMapName: NameValue; readonly mountPath: string; readonly optional?: boolean },
): T {
  const entry = volumeSource(
    task,
    'useConfigMapAsVolume',
    options.configMapName,
    options.mountPath,
    options.optional,
  );
  return task.configureKubernetes(
    (c) => ({ ...c, configMapAsVolume: [...c.configMapAsVolume, entry] }),
    producersOf(entry.name),
  );
}

/** `kubernetes.use_field_path_as_env`: a pod field (downward API), e.g. `metadata.name`, as an env var. */
export function useFieldPathAsEnv<T extends KubernetesConfigurable>(
  task: T,
  options: { readonly envName: string; readonly fieldPath: string },
): T {
  const subject = subjectOf(task, 'useFieldPathAsEnv');
  checkEnvName(subject, options.envName);
  checkText(subject, 'fieldPath', options.fieldPath);
  const entry = { name: options.envName, fieldPath: options.fieldPath };
  return task.configureKubernetes((c) => ({ ...c, fieldPathAsEnv: [...c.fieldPathAsEnv, entry] }), []);
}

/** `kubernetes.mount_pvc`: mounts a PersistentVolumeClaim, e.g. the `name` output of a `createPvc` task. */
export function mountPvc<T extends KubernetesConfigurable>(task: T, options: PvcMount): T {
  const subject = subjectOf(task, 'mountPvc');
  checkName(subject, 'pvcName', options.pvcName);
  checkText(subject, 'mountPath', options.mountPath);
  const entry = {
    pvcName: options.pvcName,
    mountPath: options.mountPath,
    ...(options.subPath ? { subPath: options.subPath } : {}),
  };
  return task.configureKubernetes(
    (c) => ({ ...c, pvcMount: [...c.pvcMount, entry] }),
    producersOf(entry.pvcName),
  );
}

/** `kubernetes.empty_dir_mount`: a fresh, empty folder for the pod's lifetime. */
export function emptyDirMount<T extends KubernetesConfigurable>(task: T, options: EmptyDirMount): T {
  const subject = subjectOf(task, 'emptyDirMount');
  checkText(subject, 'volumeName', options.volumeName);
  checkText(subject, 'mountPath', options.mountPath);
  if (options.medium !== undefined && !/^(Memory|HugePages(-.+)?)$/.test(options.medium))
    fail(
      subject,
      `medium must be Memory, HugePages or HugePages-<size>, got ${JSON.stringify(options.medium)}`,
    );
  const entry = { ...options };
  return task.configureKubernetes((c) => ({ ...c, emptyDirMounts: [...c.emptyDirMounts, entry] }), []);
}

/** `kubernetes.add_ephemeral_volume`: a generic ephemeral volume (a PVC that lives as long as the pod). */
export function addEphemeralVolume<T extends KubernetesConfigurable>(task: T, options: EphemeralVolume): T {
  const subject = subjectOf(task, 'addEphemeralVolume');
  checkText(subject, 'volumeName', options.volumeName);
  checkText(subject, 'mountPath', options.mountPath);
  checkText(subject, 'size', options.size);
  if (options.accessModes.length === 0) fail(subject, 'accessModes must name at least one access mode');
  for (const mode of options.accessModes) checkOneOf(subject, 'an access mode', mode, ACCESS_MODES);
  checkStringMap(subject, 'label', options.labels ?? {});
  checkStringMap(subject, 'annotation', options.annotations ?? {});
  const entry = { ...options, accessModes: [...options.accessModes] };
  return task.configureKubernetes(
    (c) => ({ ...c, genericEphemeralVolume: [...c.genericEphemeralVolume, entry] }),
    [],
  );
}
