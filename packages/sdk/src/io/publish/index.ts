// Publishing datasets: staging under a run-scoped version, one manifest as the commit point, book keys mirrored
// after it, a lease so two runs never mix, and garbage collection (docs/publishing.md).
export { probeConditionalWrites } from './conditional-writes.js';
export { PUBLISH_ENV, publishOptionsFromEnv } from './env-options.js';
export { collectGarbage, DEFAULT_KEEP_VERSIONS, keptManifests } from './gc.js';
export type { GcOptions, GcResult } from './gc.js';
export {
  isVersionId,
  MANIFEST_NAME,
  newVersionId,
  normalisePrefix,
  PUBLISH_DIR,
  publishKeys,
} from './layout.js';
export type { DatasetLocation, PublishKeys } from './layout.js';
export { acquireLease, Lease, LEASE_DEFAULTS, readLease, staleReason } from './lease.js';
export type { LeaseOptions, LeaseRecord } from './lease.js';
export { fingerprintOf, MANIFEST_FORMAT, parseManifest, serializeManifest, sha256Hex } from './manifest.js';
export type { DatasetManifest, ManifestObject, ManifestValue } from './manifest.js';
export { isMirrored, mirrorBookKeys } from './mirror.js';
export type { MirrorResult } from './mirror.js';
export { abandonStaging, commitStaging, openStaging, resumeStaging } from './publish.js';
export type { CommitResult, OpenOptions, PublishOptions } from './publish.js';
export {
  describeHolder,
  LeaseHeldError,
  LeaseLostError,
  ManifestFormatError,
  ObjectIntegrityError,
  PublishError,
  VersionNotFoundError,
} from './publish-errors.js';
export type { LeaseHolderInfo } from './publish-errors.js';
export {
  datasetName,
  getVerifiedBytes,
  getVerifiedFile,
  objectNamed,
  readCommittedVersion,
  readCurrentManifest,
  readStagedVersion,
} from './read.js';
export type { StoredManifest } from './read.js';
export { Staging } from './staging.js';
export type { ReusableObjects, StagingStats } from './staging.js';
