// What `kubernetes.*` records on a task: the KubernetesExecutorConfig of kfp-kubernetes, with values that may
// still be pipeline parameters or task outputs (the compiler renders them as IR parameter inputs).
import type { ParameterChannel } from '../channels.js';
import type { JsonObject, JsonValue } from '../parameters.js';

/** A name given as a literal or read at run time from a pipeline parameter or a task output. */
export type NameValue = string | ParameterChannel<string>;
/** A JSON value given as a literal or read at run time. */
export type JsonInput<T extends JsonValue> = T | ParameterChannel<T>;

export type ImagePullPolicy = 'Always' | 'Never' | 'IfNotPresent';
export type TolerationOperator = 'Equal' | 'Exists';
export type TaintEffect = 'NoExecute' | 'NoSchedule' | 'PreferNoSchedule';
export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
export type EmptyDirMedium = 'Memory' | 'HugePages' | `HugePages-${string}`;
export type AccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';

export interface KeyToEnv {
  readonly key: string;
  readonly envVar: string;
}
export interface NamedEnvSource {
  readonly name: NameValue;
  readonly keyToEnv: readonly KeyToEnv[];
  readonly optional: boolean;
}
export interface NamedVolumeSource {
  readonly name: NameValue;
  readonly mountPath: string;
  readonly optional: boolean;
}
export interface PvcMount {
  readonly pvcName: NameValue;
  readonly mountPath: string;
  readonly subPath?: string;
}
export interface Toleration {
  readonly key?: string;
  readonly operator?: TolerationOperator;
  readonly value?: string;
  readonly effect?: TaintEffect;
  readonly tolerationSeconds?: number;
}
/** A toleration read at run time: one toleration object or a list of them. */
export interface TolerationJson {
  readonly json: ParameterChannel<JsonObject> | ParameterChannel<JsonValue[]>;
}
export interface SelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values?: readonly string[];
}
export interface NodeAffinityTerm {
  readonly matchExpressions?: readonly SelectorRequirement[];
  readonly matchFields?: readonly SelectorRequirement[];
  /** Set: preferred (1–100); unset: required. */
  readonly weight?: number;
}
export interface NodeAffinityJson {
  readonly json: JsonInput<JsonObject>;
}
export interface EmptyDirMount {
  readonly volumeName: string;
  readonly mountPath: string;
  readonly medium?: EmptyDirMedium;
  readonly sizeLimit?: string;
}
export interface EphemeralVolume {
  readonly volumeName: string;
  readonly mountPath: string;
  readonly accessModes: readonly AccessMode[];
  readonly size: string;
  /** Omitted: the cluster's default storage class. */
  readonly storageClassName?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}
export interface SecurityContext {
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly runAsNonRoot?: boolean;
}
export interface InitContainer {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Volume name (defined by another option of the task) → absolute mount path. */
  readonly volumeMounts?: Readonly<Record<string, string>>;
  /** `Always` turns the init container into a native sidecar. */
  readonly restartPolicy?: 'Always';
  readonly resourceRequests?: Readonly<Record<string, string>>;
  readonly resourceLimits?: Readonly<Record<string, string>>;
}

/** Everything `kubernetes.*` set on one task, in call order. */
export interface KubernetesConfig {
  readonly secretAsEnv: readonly NamedEnvSource[];
  readonly secretAsVolume: readonly NamedVolumeSource[];
  readonly configMapAsEnv: readonly NamedEnvSource[];
  readonly configMapAsVolume: readonly NamedVolumeSource[];
  readonly pvcMount: readonly PvcMount[];
  readonly imagePullSecret: readonly NameValue[];
  readonly imagePullPolicy?: ImagePullPolicy;
  readonly nodeSelectorLabels: Readonly<Record<string, string>>;
  readonly nodeSelectorJson?: JsonInput<JsonObject>;
  readonly podLabels: Readonly<Record<string, string>>;
  readonly podAnnotations: Readonly<Record<string, string>>;
  /** 0 or unset: no deadline. */
  readonly activeDeadlineSeconds?: number;
  readonly fieldPathAsEnv: readonly { readonly name: string; readonly fieldPath: string }[];
  readonly tolerations: readonly (Toleration | TolerationJson)[];
  readonly genericEphemeralVolume: readonly EphemeralVolume[];
  readonly nodeAffinity: readonly (NodeAffinityTerm | NodeAffinityJson)[];
  readonly emptyDirMounts: readonly EmptyDirMount[];
  readonly securityContext?: SecurityContext;
  readonly initContainers: readonly InitContainer[];
}

export const EMPTY_KUBERNETES_CONFIG: KubernetesConfig = {
  secretAsEnv: [],
  secretAsVolume: [],
  configMapAsEnv: [],
  configMapAsVolume: [],
  pvcMount: [],
  imagePullSecret: [],
  nodeSelectorLabels: {},
  podLabels: {},
  podAnnotations: {},
  fieldPathAsEnv: [],
  tolerations: [],
  genericEphemeralVolume: [],
  nodeAffinity: [],
  emptyDirMounts: [],
  initContainers: [],
};

/** What a task offers `kubernetes.*`: PipelineTask implements it. */
export interface KubernetesConfigurable {
  readonly name: string;
  readonly kubernetes: KubernetesConfig;
  /**
   * Replaces the task's Kubernetes config. `producers` are tasks whose outputs the new values read: the task
   * then runs after them, as with kfp-kubernetes.
   */
  configureKubernetes(
    update: (config: KubernetesConfig) => KubernetesConfig,
    producers: readonly string[],
  ): this;
}
