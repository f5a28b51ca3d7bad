import { FsObjectStore } from './fs-object-store.js';
import type { ObjectStore } from './object-store.js';
import { envInteger } from '../../util/env-number.js';
import { redactEndpoint, S3_DEFAULTS } from './s3-settings.js';
import { LazyS3ObjectStore } from './lazy-s3-object-store.js';
import { StorageConfigError } from './storage-errors.js';
import { STORE_ENV } from '../../util/store-env.js';

/**
 * Kubeflow 1.10's in-cluster MinIO (also SeaweedFS on KFP 2.15, behind the same service). KFP >= 2.16
 * manifests ship SeaweedFS as `seaweedfs.kubeflow:8333` only: set `s3_endpoint` or `S3_ENDPOINT` there.
 */
export const DEFAULT_S3_ENDPOINT = 'http://minio-service.kubeflow:9000';
export const DEFAULT_S3_REGION = 'us-east-1';

export interface FsStoreConfig {
  readonly kind: 'filesystem';
  readonly root: string;
  /** Temp files older than this are a crashed writer's, removed by `abortIncompleteUploads`. */
  readonly staleUploadAgeMs: number;
}

/** Timeouts, attempts and clean-up age of the S3 adapter (`CAPSTONE_S3_*` variables). */
export interface S3Tuning {
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly maxAttempts: number;
  readonly staleUploadAgeMs: number;
}

export interface S3EnvStoreConfig extends S3Tuning {
  readonly kind: 's3';
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Which variables the values came from, for logs (`default` when none was set). */
  readonly sources: { readonly endpoint: string; readonly credentials: string; readonly region: string };
}

export type StoreConfig = FsStoreConfig | S3EnvStoreConfig;

type Env = Readonly<Record<string, string | undefined>>;

function firstSet(env: Env, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/** Picks the credential pair, never mixing an AWS_* key with an S3_* secret. */
function readCredentials(env: Env): { accessKeyId: string; secretAccessKey: string; source: string } {
  const all = [...STORE_ENV.accessKey, ...STORE_ENV.secretKey];
  for (const [idName, secretName] of [
    ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
    ['S3_ACCESS_KEY', 'S3_SECRET_KEY'],
  ] as const) {
    const id = env[idName]?.trim();
    const secret = env[secretName]?.trim();
    if (id && secret) return { accessKeyId: id, secretAccessKey: secret, source: idName };
    if (id || secret) {
      throw new StorageConfigError(
        all,
        `${id ? idName : secretName} is set but ${id ? secretName : idName} is not`,
      );
    }
  }
  throw new StorageConfigError(
    all,
    `no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or S3_ACCESS_KEY and S3_SECRET_KEY), or set ${STORE_ENV.dir} to use a local directory`,
  );
}

/**
 * Values that win over the environment, e.g. a task's run parameters (`objectStoreFromParams`); an empty or
 * absent value means "not given". `source` names them in logs and errors (e.g. `parameter s3_endpoint`).
 */
export interface StoreOverrides {
  readonly endpoint?: { readonly value: string; readonly source: string };
  readonly region?: { readonly value: string; readonly source: string };
}

function given(
  override: StoreOverrides['endpoint'],
): { readonly name: string; readonly value: string } | undefined {
  const value = override?.value.trim();
  return override && value ? { name: override.source, value } : undefined;
}

function readEndpoint(env: Env, override: StoreOverrides['endpoint']): { value: string; source: string } {
  const set = given(override) ?? firstSet(env, STORE_ENV.endpoint);
  if (set === undefined) return { value: DEFAULT_S3_ENDPOINT, source: 'default' };
  let url: URL;
  try {
    url = new URL(set.value);
  } catch {
    throw new StorageConfigError([set.name], `${set.name} is not a URL; expected e.g. http://host:9000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StorageConfigError(
      [set.name],
      `${set.name} must start with http:// or https://, got ${url.protocol}`,
    );
  }
  if (url.username || url.password) {
    throw new StorageConfigError(
      [set.name],
      `${set.name} must not contain credentials; use the key variables`,
    );
  }
  return { value: set.value.replace(/\/+$/, ''), source: set.name };
}

function readNumber(env: Env, name: string, fallback: number, min: number): number {
  const value = envInteger(env, name, fallback, min);
  if (value === undefined) {
    throw new StorageConfigError(
      [name],
      `${name}=${JSON.stringify(env[name])} is not a whole number of at least ${min}`,
    );
  }
  return value;
}

/** Reads `CAPSTONE_S3_CONNECT_TIMEOUT_MS`, `…_REQUEST_TIMEOUT_MS`, `…_MAX_ATTEMPTS`, `CAPSTONE_STALE_UPLOAD_AGE_MS`. */
export function readS3Tuning(env: Env = process.env): S3Tuning {
  return {
    connectTimeoutMs: readNumber(env, STORE_ENV.connectTimeoutMs, S3_DEFAULTS.connectTimeoutMs, 1),
    requestTimeoutMs: readNumber(env, STORE_ENV.requestTimeoutMs, S3_DEFAULTS.requestTimeoutMs, 1),
    maxAttempts: readNumber(env, STORE_ENV.maxAttempts, S3_DEFAULTS.maxAttempts, 1),
    staleUploadAgeMs: readNumber(env, STORE_ENV.staleUploadAgeMs, S3_DEFAULTS.staleUploadAgeMs, 0),
  };
}

/**
 * Reads the object-store settings from the environment and validates them once, at the entry point.
 * Precedence: an override (run parameter), then `CAPSTONE_OBJECT_STORE_DIR` (local runs), then the
 * endpoint and region variables, then the defaults. An endpoint override always selects S3.
 */
export function readStoreConfig(env: Env = process.env, overrides: StoreOverrides = {}): StoreConfig {
  const dir = env[STORE_ENV.dir]?.trim();
  if (dir && !given(overrides.endpoint)) {
    const staleUploadAgeMs = readNumber(env, STORE_ENV.staleUploadAgeMs, S3_DEFAULTS.staleUploadAgeMs, 0);
    return { kind: 'filesystem', root: dir, staleUploadAgeMs };
  }
  const endpoint = readEndpoint(env, overrides.endpoint);
  const credentials = readCredentials(env);
  const region = given(overrides.region) ?? firstSet(env, STORE_ENV.region);
  return {
    kind: 's3',
    ...readS3Tuning(env),
    endpoint: endpoint.value,
    region: region?.value ?? DEFAULT_S3_REGION,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sources: {
      endpoint: endpoint.source,
      credentials: credentials.source,
      region: region?.name ?? 'default',
    },
  };
}

/** One line for logs. Never contains a secret or an access key. */
export function describeStoreConfig(config: StoreConfig): string {
  if (config.kind === 'filesystem') return `filesystem object store at ${config.root} (${STORE_ENV.dir})`;
  const { sources } = config;
  return `S3 object store at ${redactEndpoint(config.endpoint)} (endpoint from ${sources.endpoint}, region ${config.region} from ${sources.region}, credentials from ${sources.credentials})`;
}

export interface CreateStoreOptions {
  /** Retry and clean-up lines (S3); default stderr. */
  readonly log?: (line: string) => void;
}

export function createObjectStore(config: StoreConfig, options: CreateStoreOptions = {}): ObjectStore {
  if (config.kind === 'filesystem') {
    return new FsObjectStore(config.root, { staleUploadAgeMs: config.staleUploadAgeMs });
  }
  // The SDK loads on the store's first call: a filesystem run never loads it.
  return new LazyS3ObjectStore({ ...config, ...(options.log ? { log: options.log } : {}) });
}

/** The object store the environment describes: a local directory or an S3 endpoint. */
export function objectStoreFromEnv(env: Env = process.env, options: CreateStoreOptions = {}): ObjectStore {
  return createObjectStore(readStoreConfig(env), options);
}
