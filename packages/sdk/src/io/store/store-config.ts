import { FsObjectStore } from './fs-object-store.js';
import type { ObjectStore } from './object-store.js';
import { redactEndpoint, S3ObjectStore } from './s3-object-store.js';
import { StorageConfigError } from './storage-errors.js';
import { STORE_ENV } from './store-env.js';

/** Kubeflow's in-cluster object store (MinIO, or SeaweedFS behind the same service name in newer releases). */
export const DEFAULT_S3_ENDPOINT = 'http://minio-service.kubeflow:9000';
export const DEFAULT_S3_REGION = 'us-east-1';

export interface FsStoreConfig {
  readonly kind: 'filesystem';
  readonly root: string;
}

export interface S3EnvStoreConfig {
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

function readEndpoint(env: Env): { value: string; source: string } {
  const set = firstSet(env, STORE_ENV.endpoint);
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

/** Reads the object-store settings from the environment and validates them once, at the entry point. */
export function readStoreConfig(env: Env = process.env): StoreConfig {
  const dir = env[STORE_ENV.dir]?.trim();
  if (dir) return { kind: 'filesystem', root: dir };
  const endpoint = readEndpoint(env);
  const credentials = readCredentials(env);
  const region = firstSet(env, STORE_ENV.region);
  return {
    kind: 's3',
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

export function createObjectStore(config: StoreConfig): ObjectStore {
  return config.kind === 'filesystem' ? new FsObjectStore(config.root) : new S3ObjectStore(config);
}

/** The object store the environment describes: a local directory or an S3 endpoint. */
export function objectStoreFromEnv(env: Env = process.env): ObjectStore {
  return createObjectStore(readStoreConfig(env));
}
