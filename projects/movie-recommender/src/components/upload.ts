import { artifact, defineComponent, external, param, storeParams } from '@capstone/sdk/dsl';
import { objectStoreCredentials } from './storage-secret.js';

/**
 * Stages a file (as `<name>`) or a folder (each file as `<file>`) into a version of the dataset at
 * `<bucket>/<prefix>/` (docs/publishing.md): with no `into_version` it opens a new one under the dataset's lease, else
 * it adds to the version an earlier task of the run opened. Nothing readers see changes until `publish` commits;
 * objects the published version already holds byte for byte are not sent again.
 */
export const upload = defineComponent({
  name: 'upload',
  description: 'Uploads a file or a folder to the object store under a prefix',
  implementation: new URL('./upload.main.ts', import.meta.url),
  inputs: {
    source: artifact.artifact(),
    bucket: param.string({ default: 'datasets' }),
    prefix: param.string({ default: 'ml-25m' }),
    ...storeParams,
    name: param.string({ default: '', description: 'Object name for a file source; default its file name' }),
    into_version: param.string({
      default: '',
      description: 'A version an earlier task staged; empty: open a new one',
    }),
  },
  outputs: {
    objects: param.int(),
    uploaded: param.int(),
    version: param.string({ description: 'The staged version (for the next upload, qa and publish)' }),
  },
  resources: { cpuLimit: '1', memoryLimit: '512Mi' },
  secretEnv: [objectStoreCredentials],
  external: [external.writes('bucket', { prefix: 'prefix' })],
});
