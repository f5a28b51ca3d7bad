import {
  compareFingerprints,
  describeDifferences,
  FingerprintMismatchError,
  mergeFingerprints,
  parseFingerprint,
  splitParquet,
} from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { split } from './split.js';

export const main = implementComponent(split, async ({ inputs, outputs, log }) => {
  const expected = parseFingerprint(inputs.fingerprint, 'the fingerprint input (convert-ratings)');
  const result = await splitParquet(inputs.ratings.path, outputs.splits.path, {
    seed: inputs.random_state,
    fingerprint: true,
  });
  const { train, val, test } = result.sizes;
  log(`random_state ${inputs.random_state}: train ${train}, val ${val}, test ${test} rows`);
  // Every value read from the converted file and handed to the three writers, fingerprinted on the way:
  // their union must be exactly the converted rows. QA re-reads the stored files against `parts`.
  const parts = result.fingerprints!;
  const union = mergeFingerprints(mergeFingerprints(parts.train, parts.val), parts.test);
  const differences = compareFingerprints(expected, union);
  if (differences.length > 0) {
    throw new FingerprintMismatchError(
      'the union of train, val and test (as written)',
      'the converted ratings',
      describeDifferences(differences),
    );
  }
  log(`wrote ${union.rows} rows: the union of the splits equals the converted ratings (fingerprint)`);
  return { train_rows: train, val_rows: val, test_rows: test, fingerprints: JSON.stringify(parts) };
});
