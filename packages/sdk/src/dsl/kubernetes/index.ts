// `kubernetes`: the kfp-kubernetes options for TypeScript pipelines (`from kfp import kubernetes`).
import {
  addEphemeralVolume,
  emptyDirMount,
  mountPvc,
  useConfigMapAsEnv,
  useConfigMapAsVolume,
  useFieldPathAsEnv,
  useSecretAsEnv,
  useSecretAsVolume,
} from './env-and-volumes.js';
import {
  addInitContainer,
  addNodeAffinity,
  addNodeAffinityJson,
  addNodeSelector,
  addNodeSelectorJson,
  addPodAnnotation,
  addPodLabel,
  addToleration,
  addTolerationJson,
  setImagePullPolicy,
  setImagePullSecrets,
  setSecurityContext,
  setTimeout,
} from './pod-options.js';
import { createPvc, deletePvc } from './pvc-components.js';

/**
 * Kubernetes options of a task, as kfp-kubernetes has them: `kubernetes.useSecretAsEnv(task, {...})`,
 * `task(kubernetes.createPvc, {...})`. Each function returns the task it changed. Names are pipeline
 * parameters or task outputs where kfp-kubernetes allows it; a task output makes the task run after its
 * producer.
 */
export const kubernetes = {
  addEphemeralVolume,
  addInitContainer,
  addNodeAffinity,
  addNodeAffinityJson,
  addNodeSelector,
  addNodeSelectorJson,
  addPodAnnotation,
  addPodLabel,
  addToleration,
  addTolerationJson,
  createPvc,
  deletePvc,
  emptyDirMount,
  mountPvc,
  setImagePullPolicy,
  setImagePullSecrets,
  setSecurityContext,
  setTimeout,
  useConfigMapAsEnv,
  useConfigMapAsVolume,
  useFieldPathAsEnv,
  useSecretAsEnv,
  useSecretAsVolume,
} as const;

export { EMPTY_KUBERNETES_CONFIG } from './config.js';
export type {
  AccessMode,
  EmptyDirMedium,
  EmptyDirMount,
  EphemeralVolume,
  ImagePullPolicy,
  InitContainer,
  JsonInput,
  KeyToEnv,
  KubernetesConfig,
  KubernetesConfigurable,
  NamedEnvSource,
  NamedVolumeSource,
  NameValue,
  NodeAffinityJson,
  NodeAffinityTerm,
  PvcMount,
  SecurityContext,
  SelectorOperator,
  SelectorRequirement,
  TaintEffect,
  Toleration,
  TolerationJson,
  TolerationOperator,
} from './config.js';
export type { PvcDataSource } from './pvc-components.js';
