import { defineComponent, external, param, storeParams } from '@capstone/sdk/dsl';
import { objectStoreCredentials } from './storage-secret.js';

/** The book's full MIDV-500 archive (YOLO layout, ~10 GB gzipped tar). */
export const MIDV500_URL = 'https://manning.box.com/shared/static/34dbdkmhahuafcxh0yhiqaf05rqnzjq9.gz';

/**
 * Download → untar → upload, streamed: the archive never lands on disk and never passes through artifact
 * storage. It stages a new version of the dataset under `<prefix>/_publish/` (docs/publishing.md); the book keys
 * `<prefix>/images/<file>` and `<prefix>/labels/<file>` change only when `split-dataset` commits it.
 */
export const ingestDataset = defineComponent({
  name: 'ingest-dataset',
  description: 'Streams the MIDV-500 archive from a URL into the object store',
  implementation: new URL('./ingest-dataset.main.ts', import.meta.url),
  inputs: {
    url: param.string({ default: MIDV500_URL }),
    checksum: param.string({ default: '', description: 'Expected sha256:<hex> or md5:<hex> of the archive' }),
    bucket: param.string({ default: 'dataset' }),
    prefix: param.string({ default: 'dataset' }),
    ...storeParams,
  },
  outputs: {
    objects: param.int(),
    uploaded: param.int(),
    version: param.string({ description: 'The staged version, committed by split-dataset' }),
  },
  resources: { cpuLimit: '2', memoryLimit: '1Gi' },
  secretEnv: [objectStoreCredentials],
  // Reads a URL and writes a bucket: never cached (docs/publishing.md).
  external: [external.url('url'), external.writes('bucket', { prefix: 'prefix' })],
});
