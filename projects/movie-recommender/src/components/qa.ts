import { artifact, defineComponent, param } from '@capstone/sdk/dsl';
import { objectStoreCredentials } from './storage-secret.js';

/**
 * Checks what the training chapters will read, in the object store: the four objects, the splits' exact
 * columns and Arrow types, row counts against the ratings CSV, the 75/15/10 shares and the movies header.
 * Footers are read with ranged requests; the small objects (movies, test) are also decoded with Arrow.
 */
export const qa = defineComponent({
  name: 'qa',
  description: 'Quality checks of the uploaded ml-25m Parquet files',
  implementation: new URL('./qa.main.ts', import.meta.url),
  inputs: {
    bucket: param.string({ default: 'datasets' }),
    prefix: param.string({ default: 'ml-25m' }),
    ratings_rows: param.int({ description: 'Data rows of ratings.csv (the conversion output)' }),
  },
  outputs: { report: artifact.markdown() },
  resources: { cpuLimit: '1', memoryLimit: '1Gi' },
  // Writes to (or checks) the object store: a cached result would skip that, e.g. for another store.
  caching: false,
  secretEnv: [objectStoreCredentials],
});
