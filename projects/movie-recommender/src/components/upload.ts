import { artifact, defineComponent, param, storeParams } from '@capstone/sdk/dsl';
import { objectStoreCredentials } from './storage-secret.js';

/**
 * Uploads a file (as `<prefix>/<name>`) or a folder (each file as `<prefix>/<file>`) to the object store.
 * Creating the bucket is idempotent, and unchanged objects are not sent again.
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
  },
  outputs: { objects: param.int(), uploaded: param.int() },
  resources: { cpuLimit: '1', memoryLimit: '512Mi' },
  // Writes to (or checks) the object store: a cached result would skip that, e.g. for another store.
  caching: false,
  secretEnv: [objectStoreCredentials],
});
