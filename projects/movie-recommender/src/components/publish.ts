import { defineComponent, external, param, storeParams } from '@capstone/sdk/dsl';
import { objectStoreCredentials } from './storage-secret.js';

/**
 * Commits the version the uploads staged and QA passed: checks every staged object, writes the manifest (the
 * commit point), mirrors the book keys `<prefix>/{train,val,test,movies}.parquet.gzip`, removes stale ones and
 * collects garbage (docs/publishing.md).
 */
export const publish = defineComponent({
  name: 'publish',
  description: 'Makes the staged ml-25m version the published one (manifest last, then the book keys)',
  implementation: new URL('./publish.main.ts', import.meta.url),
  inputs: {
    bucket: param.string({ default: 'datasets' }),
    prefix: param.string({ default: 'ml-25m' }),
    ...storeParams,
    version: param.string({ description: 'The staged version (upload-splits.version)' }),
  },
  outputs: {
    manifest_sha256: param.string({ description: 'SHA-256 of the committed manifest' }),
    objects: param.int(),
  },
  resources: { cpuLimit: '1', memoryLimit: '512Mi' },
  secretEnv: [objectStoreCredentials],
  external: [external.writes('bucket', { prefix: 'prefix' })],
});
