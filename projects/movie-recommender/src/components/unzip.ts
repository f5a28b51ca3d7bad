import { artifact, defineComponent, param } from '@capstone/sdk/dsl';
import { ML25M_ENTRIES } from './ml25m-layout.js';

/**
 * Extracts only the two entries the pipeline needs (streamed inflate, CRC-checked), not the 1.1 GB of
 * genome scores and tags beside them.
 */
export const unzip = defineComponent({
  name: 'unzip',
  description: 'Extracts ratings.csv and movies.csv from the archive',
  implementation: new URL('./unzip.main.ts', import.meta.url),
  inputs: {
    zip: artifact.artifact(),
    ratings_entry: param.string({ default: ML25M_ENTRIES.ratings }),
    movies_entry: param.string({ default: ML25M_ENTRIES.movies }),
  },
  outputs: { ratings: artifact.dataset(), movies: artifact.dataset() },
  resources: { cpuLimit: '1', memoryLimit: '512Mi' },
});
