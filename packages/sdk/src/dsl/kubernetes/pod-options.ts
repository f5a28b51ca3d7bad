// kfp-kubernetes options about the pod: images, scheduling (node selector, affinity, tolerations), metadata,
// deadline, security context and init containers.
import type { ParameterChannel } from '../channels.js';
import { isParameterChannel } from '../channels.js';
import type { JsonObject, JsonValue } from '../parameters.js';
import type {
  ImagePullPolicy,
  InitContainer,
  JsonInput,
  KubernetesConfigurable,
  NameValue,
  NodeAffinityTerm,
  SecurityContext,
  SelectorOperator,
  SelectorRequirement,
  TaintEffect,
  Toleration,
  TolerationOperator,
} from './config.js';
import {
  checkEnvName,
  checkJson,
  checkName,
  checkOneOf,
  checkStringMap,
  checkText,
  checkWholeNumber,
  fail,
  producersOf,
  subjectOf,
} from './checks.js';

const PULL_POLICIES: readonly ImagePullPolicy[] = ['Always', 'Never', 'IfNotPresent'];
const TOLERATION_OPERATORS: readonly TolerationOperator[] = ['Equal', 'Exists'];
const TAINT_EFFECTS: readonly TaintEffect[] = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];
const SELECTOR_OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

/** `kubernetes.set_image_pull_secrets`: Secrets holding registry credentials for the task's image. */
export function setImagePullSecrets<T extends KubernetesConfigurable>(
  task: T,
  secretNames: readonly NameValue[],
): T {
  const subject = subjectOf(task, 'setImagePullSecrets');
  for (const name of secretNames) checkName(subject, 'a secret name', name);
  return task.configureKubernetes(
    (c) => ({ ...c, imagePullSecret: [...c.imagePullSecret, ...secretNames] }),
    producersOf(...secretNames),
  );
}

/** `kubernetes.set_image_pull_policy`. */
export function setImagePullPolicy<T extends KubernetesConfigurable>(task: T, policy: ImagePullPolicy): T {
  checkOneOf(subjectOf(task, 'setImagePullPolicy'), 'policy', policy, PULL_POLICIES);
  return task.configureKubernetes((c) => ({ ...c, imagePullPolicy: policy }), []);
}

type LabelMap = 'nodeSelectorLabels' | 'podLabels' | 'podAnnotations';

/** Sets one key of one of the task's label maps. */
function setLabel<T extends KubernetesConfigurable>(
  task: T,
  option: string,
  field: LabelMap,
  key: string,
  value: string,
): T {
  checkStringMap(subjectOf(task, option), 'key', { [key]: value });
  return task.configureKubernetes((c) => ({ ...c, [field]: { ...c[field], [key]: value } }), []);
}

/** `kubernetes.add_node_selector`: one `nodeSelector` label the node must have. */
export function addNodeSelector<T extends KubernetesConfigurable>(
  task: T,
  options: { readonly labelKey: string; readonly labelValue: string },
): T {
  return setLabel(task, 'addNodeSelector', 'nodeSelectorLabels', options.labelKey, options.labelValue);
}

/** `kubernetes.add_node_selector_json`: the whole node selector as JSON; takes precedence over labels. */
export function addNodeSelectorJson<T extends KubernetesConfigurable>(
  task: T,
  nodeSelector: JsonInput<JsonObject>,
): T {
  checkJson(subjectOf(task, 'addNodeSelectorJson'), 'the node selector', nodeSelector, ['struct']);
  return task.configureKubernetes(
    (c) => ({ ...c, nodeSelectorJson: nodeSelector }),
    producersOf(nodeSelector),
  );
}

/** `kubernetes.add_toleration`. */
export function addToleration<T extends KubernetesConfigurable>(task: T, toleration: Toleration): T {
  const subject = subjectOf(task, 'addToleration');
  checkOneOf(subject, 'operator', toleration.operator, TOLERATION_OPERATORS);
  checkOneOf(subject, 'effect', toleration.effect, TAINT_EFFECTS);
  if (toleration.tolerationSeconds !== undefined)
    checkWholeNumber(subject, 'tolerationSeconds', toleration.tolerationSeconds, Number.MIN_SAFE_INTEGER);
  const entry = { ...toleration };
  return task.configureKubernetes((c) => ({ ...c, tolerations: [...c.tolerations, entry] }), []);
}

/**
 * `kubernetes.add_toleration_json`: a toleration object or a list of them, given as literals (added like
 * `addToleration`) or read at run time from a struct or list parameter.
 */
export function addTolerationJson<T extends KubernetesConfigurable>(
  task: T,
  tolerations:
    | Toleration
    | readonly Toleration[]
    | ParameterChannel<JsonObject>
    | ParameterChannel<JsonValue[]>,
): T {
  if (!isParameterChannel(tolerations)) {
    const list: readonly Toleration[] = Array.isArray(tolerations)
      ? tolerations
      : [tolerations as Toleration];
    return list.reduce<T>((current, toleration) => addToleration(current, toleration), task);
  }
  checkJson(subjectOf(task, 'addTolerationJson'), 'the tolerations', tolerations, ['struct', 'list']);
  return task.configureKubernetes(
    (c) => ({ ...c, tolerations: [...c.tolerations, { json: tolerations }] }),
    producersOf(tolerations),
  );
}

function checkRequirements(
  subject: string,
  what: string,
  requirements: readonly SelectorRequirement[],
): void {
  for (const requirement of requirements) {
    checkText(subject, `${what} key`, requirement.key);
    checkOneOf(subject, `${what} operator`, requirement.operator, SELECTOR_OPERATORS);
  }
}

/** `kubernetes.add_node_affinity`: required, or preferred when `weight` (1–100) is set. */
export function addNodeAffinity<T extends KubernetesConfigurable>(task: T, term: NodeAffinityTerm): T {
  const subject = subjectOf(task, 'addNodeAffinity');
  checkRequirements(subject, 'matchExpressions', term.matchExpressions ?? []);
  checkRequirements(subject, 'matchFields', term.matchFields ?? []);
  if (term.weight !== undefined) checkWholeNumber(subject, 'weight', term.weight, 1, 100);
  const entry = { ...term };
  return task.configureKubernetes((c) => ({ ...c, nodeAffinity: [...c.nodeAffinity, entry] }), []);
}

/** `kubernetes.add_node_affinity_json`: a whole NodeAffinity object; replaces an earlier JSON one. */
export function addNodeAffinityJson<T extends KubernetesConfigurable>(
  task: T,
  affinity: JsonInput<JsonObject>,
): T {
  checkJson(subjectOf(task, 'addNodeAffinityJson'), 'the node affinity', affinity, ['struct']);
  return task.configureKubernetes(
    (c) => ({
      ...c,
      nodeAffinity: [...c.nodeAffinity.filter((term) => !('json' in term)), { json: affinity }],
    }),
    producersOf(affinity),
  );
}

/** `kubernetes.add_pod_label`. */
export function addPodLabel<T extends KubernetesConfigurable>(
  task: T,
  options: { readonly labelKey: string; readonly labelValue: string },
): T {
  return setLabel(task, 'addPodLabel', 'podLabels', options.labelKey, options.labelValue);
}

/** `kubernetes.add_pod_annotation`. */
export function addPodAnnotation<T extends KubernetesConfigurable>(
  task: T,
  options: { readonly annotationKey: string; readonly annotationValue: string },
): T {
  return setLabel(task, 'addPodAnnotation', 'podAnnotations', options.annotationKey, options.annotationValue);
}

/** `kubernetes.set_timeout`: the pod's `activeDeadlineSeconds`; 0 removes an earlier timeout. */
export function setTimeout<T extends KubernetesConfigurable>(task: T, seconds: number): T {
  checkWholeNumber(subjectOf(task, 'setTimeout'), 'seconds', seconds, 0);
  return task.configureKubernetes((c) => ({ ...c, activeDeadlineSeconds: seconds }), []);
}

/** `kubernetes.set_security_context`: the identity the container runs as. */
export function setSecurityContext<T extends KubernetesConfigurable>(task: T, context: SecurityContext): T {
  const subject = subjectOf(task, 'setSecurityContext');
  const { runAsUser, runAsGroup, runAsNonRoot } = context;
  if (runAsUser === undefined && runAsGroup === undefined && runAsNonRoot === undefined)
    fail(subject, 'set at least one of runAsUser, runAsGroup, runAsNonRoot');
  if (runAsUser !== undefined) checkWholeNumber(subject, 'runAsUser', runAsUser, 0);
  if (runAsGroup !== undefined) checkWholeNumber(subject, 'runAsGroup', runAsGroup, 0);
  if (runAsNonRoot !== undefined && typeof runAsNonRoot !== 'boolean')
    fail(subject, 'runAsNonRoot must be a boolean');
  return task.configureKubernetes(
    (c) => ({ ...c, securityContext: { ...c.securityContext, ...definedOnly(context) } }),
    [],
  );
}

function definedOnly<V extends object>(value: V): Partial<V> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<V>;
}

/** `kubernetes.add_init_container`: runs to completion before the task's container (or alongside, `Always`). */
export function addInitContainer<T extends KubernetesConfigurable>(task: T, container: InitContainer): T {
  const subject = subjectOf(task, 'addInitContainer');
  checkText(subject, 'name', container.name);
  if (container.name === 'kfp-launcher')
    fail(subject, "the name 'kfp-launcher' is reserved by Kubeflow Pipelines");
  if (task.kubernetes.initContainers.some((other) => other.name === container.name))
    fail(subject, `an init container named '${container.name}' was already added`);
  checkText(subject, 'image', container.image);
  checkOneOf(subject, 'restartPolicy', container.restartPolicy, ['Always']);
  for (const name of Object.keys(container.env ?? {})) checkEnvName(subject, name);
  for (const [volume, path] of Object.entries(container.volumeMounts ?? {})) {
    checkText(subject, 'a volume name', volume);
    if (!path.startsWith('/'))
      fail(subject, `mount path of volume '${volume}' must be absolute, got '${path}'`);
  }
  checkStringMap(subject, 'resource request', container.resourceRequests ?? {});
  checkStringMap(subject, 'resource limit', container.resourceLimits ?? {});
  const entry = { ...container };
  return task.configureKubernetes((c) => ({ ...c, initContainers: [...c.initContainers, entry] }), []);
}
