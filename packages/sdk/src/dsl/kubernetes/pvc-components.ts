// kfp-kubernetes `CreatePVC` / `DeletePVC`: components the KFP driver carries out itself (no container runs).
// Their input names are what the driver reads, so they keep kfp-kubernetes' snake_case spelling.
import type { ComponentDefinition } from '../define-component.js';
import type { ParameterKind, ParameterSpec } from '../parameters.js';
import type { AccessMode } from './config.js';

/** Where a PVC is cloned from: a VolumeSnapshot or another PVC (Kubernetes `TypedLocalObjectReference`). */
export interface PvcDataSource {
  readonly apiGroup?: string;
  readonly kind: string;
  readonly name: string;
}

function required<T>(type: ParameterKind, description: string): ParameterSpec<T, false> {
  return { kind: 'parameter', type, optional: false, description };
}

/** Optional without a default (Python `Optional[X] = None`): `isOptional` and no `defaultValue`. */
function optional<T>(type: ParameterKind, description: string): ParameterSpec<T, true> {
  return { kind: 'parameter', type, optional: true, description };
}

const createPvcInputs = {
  access_modes: required<AccessMode[]>(
    'list',
    'PersistentVolumeClaim.spec.accessModes, e.g. ["ReadWriteOnce"].',
  ),
  size: required<string>(
    'string',
    'Requested storage (PersistentVolumeClaim.spec.resources.requests.storage), e.g. "5Gi".',
  ),
  pvc_name: optional<string>('string', 'Fixed PVC name. Give at most one of pvc_name and pvc_name_suffix.'),
  pvc_name_suffix: optional<string>(
    'string',
    'Suffix of a generated PVC name (unique per run). Give at most one of pvc_name and pvc_name_suffix.',
  ),
  storage_class_name: {
    kind: 'parameter',
    type: 'string',
    optional: true,
    default: '',
    description: 'StorageClass that provisions the volume; empty for a statically provisioned PV.',
  } as ParameterSpec<string, true>,
  volume_name: optional<string>(
    'string',
    'An existing PersistentVolume to bind (PersistentVolumeClaim.spec.volumeName).',
  ),
  annotations: optional<Readonly<Record<string, string>>>(
    'struct',
    'Annotations of the PVC (metadata.annotations).',
  ),
  data_source: optional<PvcDataSource>(
    'struct',
    'Clone from a VolumeSnapshot or PVC: { apiGroup, kind, name } (PersistentVolumeClaim.spec.dataSource).',
  ),
};
const createPvcOutputs = {
  name: { kind: 'parameter', type: 'string', optional: false } as ParameterSpec<string, false>,
};

/**
 * `kubernetes.CreatePVC`: creates a PersistentVolumeClaim; its `name` output feeds `kubernetes.mountPvc` and
 * `deletePvc`. Use as `task(kubernetes.createPvc, { access_modes: ['ReadWriteOnce'], size: '5Gi', ... })`.
 */
export const createPvc: ComponentDefinition<typeof createPvcInputs, typeof createPvcOutputs> = {
  kind: 'component',
  name: 'createpvc',
  inputs: createPvcInputs,
  outputs: createPvcOutputs,
  container: { kind: 'kubernetes-op', image: 'argostub/createpvc' },
  options: {},
};

const deletePvcInputs = {
  pvc_name: required<string>(
    'string',
    'Name of the PVC to delete, e.g. the name output of a createPvc task.',
  ),
};

/** `kubernetes.DeletePVC`: deletes a PersistentVolumeClaim (order it after the tasks that mount it). */
export const deletePvc: ComponentDefinition<typeof deletePvcInputs> = {
  kind: 'component',
  name: 'deletepvc',
  inputs: deletePvcInputs,
  outputs: {},
  container: { kind: 'kubernetes-op', image: 'argostub/deletepvc' },
  options: {},
};
