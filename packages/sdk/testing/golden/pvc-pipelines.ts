// TypeScript twins of the kfp-kubernetes PVC goldens (create_mount_delete_*.py in ../shared/kfp/golden-platform).
import { definePipeline, kubernetes, param, type PipelineDefinition } from '../../src/dsl/index.js';
import { goldenComponent } from './golden-component.js';

const { createPvc, deletePvc, mountPvc } = kubernetes;

/** create_mount_delete_dynamic_pvc: a generated PVC name, cloned from a snapshot, shared by two tasks. */
export function dynamicPvcGolden(golden: unknown): PipelineDefinition {
  const producer = goldenComponent(golden, 'producer', { outputs: { Output: param.string() } });
  const consumer = goldenComponent(golden, 'consumer', { outputs: { Output: param.string() } });
  return definePipeline({
    name: 'my-pipeline',
    build: ({ task }) => {
      const pvc = task(createPvc, {
        pvc_name_suffix: '-my-pvc',
        access_modes: ['ReadWriteOnce'],
        size: '5Mi',
        storage_class_name: 'standard',
        data_source: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'my-snap' },
      });
      const first = task(producer);
      const second = task(consumer).after(first);
      mountPvc(first, { pvcName: pvc.outputs.name, mountPath: '/data' });
      mountPvc(second, { pvcName: pvc.outputs.name, mountPath: '/data' });
      task(deletePvc, { pvc_name: pvc.outputs.name }).after(second);
    },
  });
}

/** create_mount_delete_existing_pvc: a fixed PVC name. */
export function existingPvcGolden(golden: unknown): PipelineDefinition {
  const comp = goldenComponent(golden, 'comp');
  return definePipeline({
    name: 'my-pipeline',
    build: ({ task }) => {
      const pvc = task(createPvc, {
        pvc_name: 'static-pvc-name-cmdep',
        access_modes: ['ReadWriteOnce'],
        size: '5Gi',
        storage_class_name: 'standard',
      });
      const first = task(comp);
      mountPvc(first, { pvcName: pvc.outputs.name, mountPath: '/data' });
      task(deletePvc, { pvc_name: pvc.outputs.name }).after(first);
    },
  });
}

/** create_mount_delete_existing_pvc_from_task_output: the PVC name is another task's output. */
export function pvcFromTaskOutputGolden(golden: unknown): PipelineDefinition {
  const comp = goldenComponent(golden, 'comp');
  const getPvcName = goldenComponent(golden, 'get-pvc-name', { outputs: { Output: param.string() } });
  return definePipeline({
    name: 'my-pipeline',
    build: ({ task }) => {
      const name = task(getPvcName);
      const pvc = task(createPvc, {
        pvc_name: name.output,
        access_modes: ['ReadWriteOnce'],
        size: '5Gi',
        storage_class_name: 'standard',
      });
      const first = task(comp);
      mountPvc(first, { pvcName: pvc.outputs.name, mountPath: '/data' });
      task(deletePvc, { pvc_name: name.output }).after(first);
    },
  });
}

export const pvcPlatformGoldens: Readonly<Record<string, (golden: unknown) => PipelineDefinition>> = {
  'create_mount_delete_dynamic_pvc.yaml': dynamicPvcGolden,
  'create_mount_delete_existing_pvc.yaml': existingPvcGolden,
  'create_mount_delete_existing_pvc_from_task_output.yaml': pvcFromTaskOutputGolden,
};
