// TypeScript twins of the kfp-kubernetes pipelines in ../shared/kfp/golden-platform/*.py (one task each,
// except nodeaffinity). Python-function components take their container from the golden file.
import {
  definePipeline,
  kubernetes,
  type PipelineDefinition,
  type PipelineTask,
} from '../../src/dsl/index.js';
import { goldenComponent } from './golden-component.js';

type Configure = (task: PipelineTask) => void;

/** `my_pipeline` with one task of the golden's component `name`, configured by `configure`. */
function oneTask(golden: unknown, configure: Configure, name = 'comp'): PipelineDefinition {
  const comp = goldenComponent(golden, name);
  return definePipeline({
    name: 'my-pipeline',
    build: ({ task }) => configure(task(comp)),
  });
}

const k = kubernetes;

/** File (under golden-platform/) → the TypeScript pipeline. */
export const singleTaskPlatformGoldens: Readonly<Record<string, (golden: unknown) => PipelineDefinition>> = {
  'config_map_as_env.yaml': (g) =>
    oneTask(g, (t) =>
      k.useConfigMapAsEnv(t, { configMapName: 'my-cm', configMapKeyToEnv: { foo: 'CONFIG_MAP_VAR' } }),
    ),
  'config_map_as_vol.yaml': (g) =>
    oneTask(g, (t) => k.useConfigMapAsVolume(t, { configMapName: 'my-cm', mountPath: '/mnt/my_vol' })),
  'empty_dir_mounts.yaml': (g) =>
    oneTask(g, (t) =>
      k.emptyDirMount(t, {
        volumeName: 'emptydir-vol-1',
        mountPath: '/mnt/my_vol_1',
        medium: 'Memory',
        sizeLimit: '1Gi',
      }),
    ),
  'field_path_as_env.yaml': (g) =>
    oneTask(g, (t) =>
      k.useFieldPathAsEnv(t, {
        envName: 'KFP_RUN_NAME',
        fieldPath: "metadata.annotations['pipelines.kubeflow.org/run_name']",
      }),
    ),
  'general_ephemeral_volume.yaml': (g) =>
    oneTask(g, (t) =>
      k.addEphemeralVolume(t, {
        volumeName: 'pvc-name',
        mountPath: 'path',
        accessModes: ['ReadWriteOnce'],
        size: '5Gi',
        annotations: { annotation1: 'a1' },
      }),
    ),
  'current/image_pull_secrets.yaml': (g) => oneTask(g, (t) => k.setImagePullSecrets(t, ['my-secret'])),
  'init_container.yaml': (g) =>
    oneTask(
      g,
      (t) => {
        k.emptyDirMount(t, { volumeName: 'shared-data', mountPath: '/data' });
        k.addInitContainer(t, {
          name: 'prepare-data',
          image: 'busybox:1.36',
          command: ['sh', '-c'],
          args: ['echo ready > /data/marker'],
          env: { MARKER_TEXT: 'ready' },
          volumeMounts: { 'shared-data': '/data' },
        });
      },
      'print-greeting',
    ),
  'current/node_selector.yaml': (g) =>
    oneTask(g, (t) =>
      k.addNodeSelector(t, { labelKey: 'cloud.google.com/gke-accelerator', labelValue: 'nvidia-tesla-p4' }),
    ),
  'current/secret_as_env.yaml': (g) =>
    oneTask(g, (t) =>
      k.useSecretAsEnv(t, { secretName: 'my-secret', secretKeyToEnv: { password: 'SECRET_VAR' } }),
    ),
  'secret_as_vol.yaml': (g) =>
    oneTask(g, (t) => k.useSecretAsVolume(t, { secretName: 'my-secret', mountPath: '/mnt/my_vol' })),
  'security_context.yaml': (g) =>
    oneTask(g, (t) => k.setSecurityContext(t, { runAsUser: 65534, runAsGroup: 0 }), 'print-greeting'),
  'timeout.yaml': (g) => oneTask(g, (t) => k.setTimeout(t, 20)),
  'current/toleration.yaml': (g) =>
    oneTask(g, (t) =>
      k.addToleration(t, {
        key: 'key1',
        operator: 'Equal',
        value: 'value1',
        effect: 'NoExecute',
        tolerationSeconds: 10,
      }),
    ),
};

/** nodeaffinity.py: JSON and structured node affinity, including an empty JSON object. */
export function nodeAffinityGolden(golden: unknown): PipelineDefinition {
  const json = goldenComponent(golden, 'print-hello-with-json-affinity');
  const preferred = goldenComponent(golden, 'print-hello-with-preferred-affinity');
  const empty = goldenComponent(golden, 'print-hello-with-empty-json');
  const inZone = (key: string, value: string) => ({ key, operator: 'In' as const, values: [value] });
  return definePipeline({
    name: 'test-node-affinity',
    build: ({ task }) => {
      k.addNodeAffinityJson(task(json), {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, preference: { matchExpressions: [inZone('disktype', 'ssd')] } },
        ],
      });
      k.addNodeAffinity(task(preferred), { matchExpressions: [inZone('zone', 'us-west-1')], weight: 50 });
      k.addNodeAffinityJson(task(empty), {});
      k.addNodeAffinityJson(task(json), {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, preference: { matchExpressions: [inZone('zone', 'us-west-1')] } },
          { weight: 50, preference: { matchExpressions: [inZone('instance-type', 'n1-standard-4')] } },
        ],
      });
    },
  });
}
