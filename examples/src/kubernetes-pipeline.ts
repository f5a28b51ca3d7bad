import { definePipeline, kubernetes, param } from '@capstone/sdk/dsl';
import { printValue } from './components/print-value.js';
import { readShared } from './components/read-shared.js';
import { writeShared } from './components/write-shared.js';

const RUN_NAME = "metadata.annotations['pipelines.kubeflow.org/run_name']";

/**
 * Kubernetes options (kfp-kubernetes): a PVC created for the run, shared by two tasks and deleted after them;
 * an emptyDir scratch folder, a timeout, env from a ConfigMap and from the pod's fields, and scheduling
 * options. The local runner honours the volumes, env and timeout and lists the rest as ignored.
 */
export const kubernetesOptions = definePipeline({
  name: 'example-kubernetes-options',
  params: { text: param.string({ default: 'hello through a PVC' }) },
  build: ({ params, task }) => {
    const pvc = task(kubernetes.createPvc, {
      pvc_name_suffix: '-shared',
      access_modes: ['ReadWriteOnce'],
      size: '1Gi',
    });
    const write = task(writeShared, { text: params.text });
    kubernetes.mountPvc(write, { pvcName: pvc.outputs.name, mountPath: '/shared' });
    kubernetes.emptyDirMount(write, { volumeName: 'scratch', mountPath: '/scratch' });
    kubernetes.setTimeout(write, 600);
    kubernetes.addPodLabel(write, { labelKey: 'app.kubernetes.io/part-of', labelValue: 'capstone-examples' });

    const read = task(readShared).after(write);
    kubernetes.mountPvc(read, { pvcName: pvc.outputs.name, mountPath: '/shared' });
    kubernetes.useConfigMapAsEnv(read, {
      configMapName: 'example-settings',
      configMapKeyToEnv: { log_level: 'LOG_LEVEL' },
      optional: true,
    });
    kubernetes.useFieldPathAsEnv(read, { envName: 'KFP_RUN_NAME', fieldPath: RUN_NAME });
    kubernetes.addNodeSelector(read, { labelKey: 'kubernetes.io/os', labelValue: 'linux' });
    kubernetes.addToleration(read, {
      key: 'dedicated',
      operator: 'Equal',
      value: 'ml',
      effect: 'NoSchedule',
    });

    task(printValue, { value: read.outputs.message });
    task(kubernetes.deletePvc, { pvc_name: pvc.outputs.name }).after(read);
  },
});
