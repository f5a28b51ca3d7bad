import { splitParquet } from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { split } from './split.js';

export const main = implementComponent(split, async ({ inputs, outputs, log }) => {
  const result = await splitParquet(inputs.ratings.path, outputs.splits.path, { seed: inputs.random_state });
  const { train, val, test } = result.sizes;
  log(`random_state ${inputs.random_state}: train ${train}, val ${val}, test ${test} rows`);
  return { train_rows: train, val_rows: val, test_rows: test };
});
