import type { ObjectStore } from './object-store.js';
import {
  createObjectStore,
  describeStoreConfig,
  readStoreConfig,
  type CreateStoreOptions,
  type StoreOverrides,
} from './store-config.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The store-location inputs of a component (`storeParams` of `@capstone/sdk/dsl`); empty = not given. */
export interface StoreParamValues {
  readonly s3_endpoint: string;
  readonly s3_region: string;
}

/**
 * The object store a component's inputs and environment describe: a non-empty `s3_endpoint` / `s3_region`
 * input wins over the environment (`S3_ENDPOINT`, `AWS_ENDPOINT_URL`, `AWS_REGION`, `S3_REGION`,
 * `CAPSTONE_OBJECT_STORE_DIR`), which wins over the defaults. Credentials come from the environment only.
 * With `options.log`, logs where each setting came from (never a key or secret).
 */
export function objectStoreFromParams(
  params: StoreParamValues,
  env: Env = process.env,
  options: CreateStoreOptions = {},
): ObjectStore {
  const config = readStoreConfig(env, storeOverrides(params));
  options.log?.(describeStoreConfig(config));
  return createObjectStore(config, options);
}

/** The run parameters as `readStoreConfig` overrides, named as the user set them. */
export function storeOverrides(params: StoreParamValues): StoreOverrides {
  return {
    endpoint: { value: params.s3_endpoint, source: 'parameter s3_endpoint' },
    region: { value: params.s3_region, source: 'parameter s3_region' },
  };
}
