import {
  artifact,
  defineComponent,
  external,
  param,
  RANDOM_STATE_RULES,
  storeParams,
} from '@capstone/sdk/dsl';
import { objectStoreCredentials } from './storage-secret.js';

/**
 * Reads the version `ingest-dataset` staged (its record, not a bucket listing), pairs images and labels by stem,
 * and splits 75/15/10 with a seeded permutation. Outputs six newline-terminated book-key lists (`x_*[i]` is the
 * image of label `y_*[i]`) and a YOLO data.yaml, stages them as `splits/…`, then commits the version: the
 * manifest is written last, the book keys follow and stale ones are removed (docs/publishing.md).
 */
export const splitDataset = defineComponent({
  name: 'split-dataset',
  description: 'Seeded, pair-preserving 75/15/10 split of the ingested images and labels',
  implementation: new URL('./split-dataset.main.ts', import.meta.url),
  inputs: {
    bucket: param.string({ default: 'dataset' }),
    prefix: param.string({ default: 'dataset' }),
    ...storeParams,
    version: param.string({ description: 'ingest-dataset.version: the staged version to split and commit' }),
    random_state: param.int({ default: 42, ...RANDOM_STATE_RULES }),
  },
  outputs: {
    x_train: artifact.dataset(),
    y_train: artifact.dataset(),
    x_val: artifact.dataset(),
    y_val: artifact.dataset(),
    x_test: artifact.dataset(),
    y_test: artifact.dataset(),
    data_yaml: artifact.artifact(),
    pairs: param.int(),
    unmatched: param.int(),
    manifest_sha256: param.string({ description: 'SHA-256 of the committed manifest' }),
  },
  secretEnv: [objectStoreCredentials],
  external: [external.writes('bucket', { prefix: 'prefix' })],
});
