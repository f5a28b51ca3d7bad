// Object storage: one ObjectStore port, filesystem and S3 adapters, configuration from the env, errors.
export type {
  ByteRange,
  ObjectInfo,
  ObjectStore,
  PutOptions,
  PutTreeOptions,
  PutTreeResult,
  TreeProgress,
} from './object-store.js';
export { FsObjectStore } from './fs-object-store.js';
export { S3_DEFAULTS, redactEndpoint } from './s3-settings.js';
export type { S3StoreConfig } from './s3-settings.js';
export { describeS3Failure, isRetryableS3Error } from './s3-retry.js';
export {
  DEFAULT_S3_ENDPOINT,
  DEFAULT_S3_REGION,
  createObjectStore,
  describeStoreConfig,
  objectStoreFromEnv,
  readStoreConfig,
} from './store-config.js';
export type { FsStoreConfig, S3EnvStoreConfig, StoreConfig, StoreOverrides } from './store-config.js';
export { objectStoreFromParams, storeOverrides } from './store-params.js';
export type { StoreParamValues } from './store-params.js';
export { STORE_ENV, isS3CredentialVar, usesFilesystemStore } from '../../util/store-env.js';
export {
  BucketNotFoundError,
  CREDENTIAL_ENV_VARS,
  InvalidBucketNameError,
  InvalidKeyError,
  InvalidRangeError,
  ObjectNotFoundError,
  StorageAuthError,
  StorageConfigError,
  StorageError,
  StorageRequestError,
  StorageUnreachableError,
} from './storage-errors.js';
export {
  DEFAULT_TREE_CONCURRENCY,
  DIGEST_METADATA_KEY,
  listTreeFiles,
  putTree,
  runPool,
} from './put-tree.js';
export { sha256File } from './file-digest.js';
export type { TreeTarget } from './put-tree.js';
export { joinKey, validateBucket, validateKey } from './object-key.js';
