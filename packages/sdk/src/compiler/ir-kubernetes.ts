// KubernetesExecutorConfig (kfp-kubernetes kubernetes_executor_config.proto) in its JSON form: lowerCamelCase,
// int64 as strings, unset and empty fields omitted, `optional` fields written whenever set.
import type { IrParameterInput } from './ir-types.js';

export interface IrSecretAsEnv {
  /** Deprecated in favour of `secretNameParameter`, still the field older backends read. */
  secretName?: string;
  keyToEnv?: { secretKey: string; envVar: string }[];
  optional?: boolean;
  secretNameParameter?: IrParameterInput;
}
export interface IrSecretAsVolume {
  secretName?: string;
  mountPath: string;
  optional?: boolean;
  secretNameParameter?: IrParameterInput;
}
export interface IrConfigMapAsEnv {
  configMapName?: string;
  keyToEnv?: { configMapKey: string; envVar: string }[];
  configMapNameParameter?: IrParameterInput;
  optional?: boolean;
}
export interface IrConfigMapAsVolume {
  configMapName?: string;
  mountPath: string;
  optional?: boolean;
  configMapNameParameter?: IrParameterInput;
}
/** The deprecated `pvc_reference` oneof sits beside `pvcNameParameter` for older backends. */
export interface IrPvcMount {
  taskOutputParameter?: { producerTask: string; outputParameterKey: string };
  constant?: string;
  componentInputParameter?: string;
  mountPath: string;
  pvcNameParameter: IrParameterInput;
  subPath?: string;
}
export interface IrToleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: string;
  tolerationJson?: IrParameterInput;
}
export interface IrSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}
export interface IrNodeAffinityTerm {
  matchExpressions?: IrSelectorRequirement[];
  matchFields?: IrSelectorRequirement[];
  weight?: number;
  nodeAffinityJson?: IrParameterInput;
}
export interface IrPodMetadata {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
export interface IrGenericEphemeralVolume {
  volumeName: string;
  mountPath: string;
  accessModes: string[];
  size: string;
  defaultStorageClass?: true;
  storageClassName?: string;
  metadata?: IrPodMetadata;
}
export interface IrEmptyDirMount {
  volumeName: string;
  mountPath: string;
  medium?: string;
  sizeLimit?: string;
}
export interface IrSecurityContext {
  runAsUser?: string;
  runAsGroup?: string;
  runAsNonRoot?: boolean;
}
export interface IrInitContainer {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value: string }[];
  volumeMounts?: { volumeName: string; mountPath: string }[];
  restartPolicy?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

export interface IrKubernetesExecutorConfig {
  secretAsVolume?: IrSecretAsVolume[];
  secretAsEnv?: IrSecretAsEnv[];
  pvcMount?: IrPvcMount[];
  nodeSelector?: { labels?: Record<string, string>; nodeSelectorJson?: IrParameterInput };
  podMetadata?: IrPodMetadata;
  imagePullSecret?: { secretName?: string; secretNameParameter: IrParameterInput }[];
  imagePullPolicy?: string;
  configMapAsVolume?: IrConfigMapAsVolume[];
  configMapAsEnv?: IrConfigMapAsEnv[];
  activeDeadlineSeconds?: string;
  fieldPathAsEnv?: { name: string; fieldPath: string }[];
  tolerations?: IrToleration[];
  genericEphemeralVolume?: IrGenericEphemeralVolume[];
  nodeAffinity?: IrNodeAffinityTerm[];
  emptyDirMounts?: IrEmptyDirMount[];
  securityContext?: IrSecurityContext;
  initContainers?: IrInitContainer[];
}
