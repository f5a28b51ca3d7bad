import {
  compareFingerprints,
  describeDifferences,
  fingerprintParquetFile,
  FingerprintMismatchError,
  mergeFingerprints,
  parseFingerprint,
  splitParquet,
} from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { split } from './split.js';

export const main = implementComponent(split, async ({ inputs, outputs, log }) => {
  const expected = parseFingerprint(inputs.fingerprint, 'the fingerprint input (convert-ratings)');
  const result = await splitParquet(inputs.ratings.path, outputs.splits.path, { seed: inputs.random_state });
  const { train, val, test } = result.sizes;
  log(`random_state ${inputs.random_state}: train ${train}, val ${val}, test ${test} rows`);
  // Read every value of the three files back and prove their union holds exactly the converted rows.
  const parts = {
    train: await fingerprintParquetFile(result.files.train),
    val: await fingerprintParquetFile(result.files.val),
    test: await fingerprintParquetFile(result.files.test),
  };
  const union = mergeFingerprints(mergeFingerprints(parts.train, parts.val), parts.test);
  const differences = compareFingerprints(expected, union);
  if (differences.length > 0) {
    throw new FingerprintMismatchError(
      'the union of train, val and test (read back)',
      'the converted ratings',
      describeDifferences(differences),
    );
  }
  log(`read back ${union.rows} rows: the union of the splits equals the converted ratings (fingerprint)`);
  return { train_rows: train, val_rows: val, test_rows: test, fingerprints: JSON.stringify(parts) };
});
