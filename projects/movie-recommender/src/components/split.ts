import { artifact, defineComponent, param, RANDOM_STATE_RULES } from '@capstone/sdk/dsl';

/**
 * The book's 75/15/10 split with sklearn's size arithmetic (train 18,750,071 / val 3,750,014 / test
 * 2,500,010 of 25,000,095), seeded by `random_state`; one folder with the three files. `fingerprints` gives each
 * file's: val's and test's as handed to their writers, train's as `fingerprint` (the converted ratings')
 * minus both; `qa` checks every stored value against them before publishing.
 */
export const split = defineComponent({
  name: 'split',
  description: 'Seeded 75/15/10 split of the ratings into train/val/test Parquet files',
  implementation: new URL('./split.main.ts', import.meta.url),
  inputs: {
    ratings: artifact.dataset(),
    fingerprint: param.string({ description: 'Fingerprint of the ratings (convert-ratings.fingerprint)' }),
    random_state: param.int({ default: 42, ...RANDOM_STATE_RULES }),
  },
  outputs: {
    splits: artifact.dataset({ description: 'train.parquet.gzip, val.parquet.gzip, test.parquet.gzip' }),
    train_rows: param.int(),
    val_rows: param.int(),
    test_rows: param.int(),
    fingerprints: param.string({ description: 'JSON {train, val, test}: the fingerprint of each file' }),
  },
  resources: { cpuLimit: '1', memoryLimit: '1536Mi' },
});
