import { artifact, defineComponent, external, param, storeParams } from '@capstone/sdk/dsl';
import { objectStoreCredentials } from './storage-secret.js';

/**
 * Checks what the training chapters will read, in the version the uploads staged (before `publish` commits it): the four objects, the splits' exact
 * columns and Arrow types, and every value of every object (streamed with the SDK's column reader):
 * MovieLens' value rules, each split against the fingerprint `split` gave it, their union against the
 * converted ratings, no (userId, movieId) pair twice, movies equal to the converted movies.csv and valid
 * UTF-8; then sizes against sklearn's split arithmetic.
 */
export const qa = defineComponent({
  name: 'qa',
  description: 'Quality checks of the uploaded ml-25m Parquet files',
  implementation: new URL('./qa.main.ts', import.meta.url),
  inputs: {
    bucket: param.string({ default: 'datasets' }),
    prefix: param.string({ default: 'ml-25m' }),
    ...storeParams,
    version: param.string({ description: 'The staged version to check (upload-splits.version)' }),
    ratings_fingerprint: param.string({
      description: 'convert-ratings.fingerprint: every row of ratings.csv',
    }),
    split_fingerprints: param.string({ description: 'split.fingerprints: each split file as written' }),
    movies_fingerprint: param.string({ description: 'convert-movies.fingerprint: every row of movies.csv' }),
  },
  outputs: { report: artifact.markdown() },
  resources: { cpuLimit: '1', memoryLimit: '1Gi' },
  secretEnv: [objectStoreCredentials],
  external: [external.reads('bucket', { prefix: 'prefix' })],
});
