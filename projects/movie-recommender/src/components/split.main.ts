import { parseFingerprint, splitParquet, subtractFingerprint } from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { split } from './split.js';

export const main = implementComponent(split, async ({ inputs, outputs, log }) => {
  const ratings = parseFingerprint(inputs.fingerprint, 'the fingerprint input (convert-ratings)');
  const result = await splitParquet(inputs.ratings.path, outputs.splits.path, {
    seed: inputs.random_state,
    fingerprint: ['val', 'test'],
  });
  const { train, val, test } = result.sizes;
  log(`random_state ${inputs.random_state}: train ${train}, val ${val}, test ${test} rows`);
  // val and test as handed to their writers; train is every converted row that is in neither. QA decodes
  // the three stored files and checks each against these, so a row lost, changed or moved anywhere on
  // the way (the converted file as read, the split, the writer, the upload) fails before publishing.
  const parts = {
    train: subtractFingerprint(
      subtractFingerprint(ratings, result.fingerprints.val!),
      result.fingerprints.test!,
    ),
    val: result.fingerprints.val!,
    test: result.fingerprints.test!,
  };
  if (parts.train.rows !== train) {
    throw new Error(
      `the converted ratings hold ${ratings.rows} rows, so train should hold ${parts.train.rows}, but the split wrote ${train}`,
    );
  }
  log(
    'fingerprints: val and test as written, train = the converted ratings minus both (QA checks each file)',
  );
  return { train_rows: train, val_rows: val, test_rows: test, fingerprints: JSON.stringify(parts) };
});
