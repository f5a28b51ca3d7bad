import { describe, expect, it } from 'vitest';
import { FsObjectStore } from './fs-object-store.js';
import { LazyS3ObjectStore } from './lazy-s3-object-store.js';
import { S3ObjectStore } from './s3-object-store.js';
import {
  DEFAULT_S3_ENDPOINT,
  describeStoreConfig,
  objectStoreFromEnv,
  readStoreConfig,
} from './store-config.js';
import { StorageConfigError } from './storage-errors.js';

const SECRET = 'super-secret-value-123';

describe('readStoreConfig', () => {
  it('uses a local directory when CAPSTONE_OBJECT_STORE_DIR is set, even with S3 variables present', () => {
    const env = { CAPSTONE_OBJECT_STORE_DIR: '/data/store', S3_ENDPOINT: 'http://s3:9000' };
    expect(readStoreConfig(env)).toEqual({
      kind: 'filesystem',
      root: '/data/store',
      staleUploadAgeMs: 3_600_000,
    });
    expect(objectStoreFromEnv(env)).toBeInstanceOf(FsObjectStore);
  });

  it('defaults to the Kubeflow endpoint and us-east-1 with AWS_* credentials', () => {
    const config = readStoreConfig({ AWS_ACCESS_KEY_ID: 'minio', AWS_SECRET_ACCESS_KEY: SECRET });
    expect(config).toMatchObject({
      kind: 's3',
      endpoint: DEFAULT_S3_ENDPOINT,
      region: 'us-east-1',
      accessKeyId: 'minio',
      secretAccessKey: SECRET,
    });
  });

  it('prefers S3_ENDPOINT over AWS_ENDPOINT_URL and accepts S3_* keys and region', () => {
    const config = readStoreConfig({
      S3_ENDPOINT: 'http://127.0.0.1:7480/',
      AWS_ENDPOINT_URL: 'http://other:9000',
      S3_ACCESS_KEY: 'ak',
      S3_SECRET_KEY: SECRET,
      S3_REGION: 'eu-west-1',
    });
    expect(config).toMatchObject({
      endpoint: 'http://127.0.0.1:7480',
      region: 'eu-west-1',
      accessKeyId: 'ak',
    });
    expect(
      readStoreConfig({ AWS_ENDPOINT_URL: 'https://s3.example.com', S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b' }),
    ).toMatchObject({
      endpoint: 'https://s3.example.com',
    });
  });

  it('names the variables to set when credentials are missing', () => {
    expect(() => readStoreConfig({})).toThrow(StorageConfigError);
    expect(() => readStoreConfig({})).toThrow(
      /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.*CAPSTONE_OBJECT_STORE_DIR/,
    );
    expect(() => readStoreConfig({ AWS_ACCESS_KEY_ID: 'ak', AWS_SECRET_ACCESS_KEY: '  ' })).toThrow(
      /AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not/,
    );
    expect(() => readStoreConfig({ S3_SECRET_KEY: SECRET })).toThrow(
      /S3_SECRET_KEY is set but S3_ACCESS_KEY is not/,
    );
  });

  it('never mixes an AWS_* key with an S3_* secret', () => {
    expect(() => readStoreConfig({ AWS_ACCESS_KEY_ID: 'ak', S3_SECRET_KEY: SECRET })).toThrow(
      StorageConfigError,
    );
  });

  it('rejects endpoints that are not http(s) URLs or that embed credentials, without echoing them', () => {
    const creds = { S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b' };
    expect(() => readStoreConfig({ ...creds, S3_ENDPOINT: 'minio:9000' })).toThrow(
      /S3_ENDPOINT must start with http/,
    );
    expect(() => readStoreConfig({ ...creds, S3_ENDPOINT: 'not a url' })).toThrow(/S3_ENDPOINT is not a URL/);
    const withCreds = () => readStoreConfig({ ...creds, S3_ENDPOINT: `http://user:${SECRET}@host:9000` });
    expect(withCreds).toThrow(/must not contain credentials/);
    expect(withCreds).not.toThrow(new RegExp(SECRET));
  });
});

describe('S3 timeouts and retries from the environment', () => {
  const creds = { S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b' };

  it('has defaults and reads CAPSTONE_S3_* and CAPSTONE_STALE_UPLOAD_AGE_MS', () => {
    expect(readStoreConfig(creds)).toMatchObject({
      connectTimeoutMs: 10_000,
      requestTimeoutMs: 60_000,
      maxAttempts: 5,
      staleUploadAgeMs: 3_600_000,
    });
    expect(
      readStoreConfig({
        ...creds,
        CAPSTONE_S3_CONNECT_TIMEOUT_MS: '500',
        CAPSTONE_S3_REQUEST_TIMEOUT_MS: '2000',
        CAPSTONE_S3_MAX_ATTEMPTS: '2',
        CAPSTONE_STALE_UPLOAD_AGE_MS: '0',
      }),
    ).toMatchObject({ connectTimeoutMs: 500, requestTimeoutMs: 2000, maxAttempts: 2, staleUploadAgeMs: 0 });
  });

  it.each([
    ['CAPSTONE_S3_REQUEST_TIMEOUT_MS', '60s'],
    ['CAPSTONE_S3_MAX_ATTEMPTS', '0'],
    ['CAPSTONE_S3_CONNECT_TIMEOUT_MS', '-1'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => readStoreConfig({ ...creds, [name]: value })).toThrow(
      new RegExp(`${name}="${value}" is not a whole number of at least`),
    );
  });
});

describe('describeStoreConfig', () => {
  it('says where the settings came from and never includes keys', () => {
    const config = readStoreConfig({
      AWS_ENDPOINT_URL: 'http://s3:9000',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: SECRET,
    });
    const text = describeStoreConfig(config);
    expect(text).toBe(
      'S3 object store at http://s3:9000 (endpoint from AWS_ENDPOINT_URL, region us-east-1 from default, credentials from AWS_ACCESS_KEY_ID)',
    );
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('AKIAEXAMPLE');
    expect(describeStoreConfig({ kind: 'filesystem', root: '/x', staleUploadAgeMs: 0 })).toBe(
      'filesystem object store at /x (CAPSTONE_OBJECT_STORE_DIR)',
    );
  });
});

describe('objectStoreFromEnv', () => {
  it('builds an S3 store whose description carries no secret', async () => {
    const store = objectStoreFromEnv({
      S3_ENDPOINT: 'http://127.0.0.1:7480',
      S3_ACCESS_KEY: 'ak',
      S3_SECRET_KEY: SECRET,
    });
    expect(store).toBeInstanceOf(LazyS3ObjectStore);
    expect(await (store as LazyS3ObjectStore).store()).toBeInstanceOf(S3ObjectStore);
    expect(store.description).toBe('s3+http://127.0.0.1:7480');
    expect(JSON.stringify(store.description)).not.toContain(SECRET);
  });
});
