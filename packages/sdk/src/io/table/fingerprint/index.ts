// Order-independent table fingerprints: computed while converting, re-computed from stored files, compared.
export {
  FINGERPRINT_FORMAT,
  TableFingerprinter,
  fingerprintParquetFile,
  mergeFingerprints,
} from './table-fingerprint.js';
export type { ColumnFingerprint, TableFingerprint } from './table-fingerprint.js';
export { subtractFingerprint } from './subtract-fingerprint.js';
export { compareFingerprints, describeDifferences, parseFingerprint } from './compare-fingerprints.js';
export type { FingerprintDifference } from './compare-fingerprints.js';
