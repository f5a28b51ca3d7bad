import { describe, expect, it } from 'vitest';
import { FsObjectStore } from './fs-object-store.js';
import { LazyS3ObjectStore } from './lazy-s3-object-store.js';
import { S3ObjectStore } from './s3-object-store.js';
import { describeStoreConfig, readStoreConfig } from './store-config.js';
import { objectStoreFromParams, storeOverrides } from './store-params.js';

const SECRET = 'store-params-secret-987';
const creds = { AWS_ACCESS_KEY_ID: 'ak', AWS_SECRET_ACCESS_KEY: SECRET };
const none = { s3_endpoint: '', s3_region: '' };

describe('store location from run parameters', () => {
  it('a parameter wins over every variable, and the log line says it came from the parameter', () => {
    const env = {
      ...creds,
      S3_ENDPOINT: 'http://minio-service.kubeflow:9000',
      AWS_ENDPOINT_URL: 'http://other:9000',
      AWS_REGION: 'eu-west-1',
      S3_REGION: 'eu-west-2',
    };
    const params = { s3_endpoint: 'http://seaweedfs.kubeflow:8333/', s3_region: 'ap-south-1' };
    const config = readStoreConfig(env, storeOverrides(params));
    expect(config).toMatchObject({
      kind: 's3',
      endpoint: 'http://seaweedfs.kubeflow:8333',
      region: 'ap-south-1',
      sources: { endpoint: 'parameter s3_endpoint', region: 'parameter s3_region' },
    });
    expect(describeStoreConfig(config)).toBe(
      'S3 object store at http://seaweedfs.kubeflow:8333 (endpoint from parameter s3_endpoint, region ap-south-1 from parameter s3_region, credentials from AWS_ACCESS_KEY_ID)',
    );
  });

  it('empty (or blank) parameters fall back to S3_ENDPOINT, AWS_ENDPOINT_URL, AWS_REGION, S3_REGION, then the defaults', () => {
    const blank = { s3_endpoint: '  ', s3_region: '' };
    expect(
      readStoreConfig({ ...creds, S3_ENDPOINT: 'http://a:1', AWS_REGION: 'r1' }, storeOverrides(blank)),
    ).toMatchObject({ endpoint: 'http://a:1', region: 'r1', sources: { endpoint: 'S3_ENDPOINT' } });
    expect(
      readStoreConfig({ ...creds, AWS_ENDPOINT_URL: 'http://b:2', S3_REGION: 'r2' }, storeOverrides(none)),
    ).toMatchObject({ endpoint: 'http://b:2', region: 'r2', sources: { region: 'S3_REGION' } });
    expect(readStoreConfig(creds, storeOverrides(none))).toMatchObject({
      endpoint: 'http://minio-service.kubeflow:9000',
      region: 'us-east-1',
      sources: { endpoint: 'default', region: 'default' },
    });
  });

  it('an endpoint parameter selects S3 even where the local runner chose its filesystem store', async () => {
    const env = { ...creds, CAPSTONE_OBJECT_STORE_DIR: '/tmp/objects' };
    expect(objectStoreFromParams(none, env)).toBeInstanceOf(FsObjectStore);
    expect(objectStoreFromParams({ s3_endpoint: '', s3_region: 'x' }, env)).toBeInstanceOf(FsObjectStore);
    const store = objectStoreFromParams({ s3_endpoint: 'http://127.0.0.1:7480', s3_region: '' }, env);
    expect(store).toBeInstanceOf(LazyS3ObjectStore);
    expect(await (store as LazyS3ObjectStore).store()).toBeInstanceOf(S3ObjectStore);
    expect(store.description).toBe('s3+http://127.0.0.1:7480');
  });

  it('opens the store the parameters name and logs where each setting came from, never a secret', () => {
    const lines: string[] = [];
    const store = objectStoreFromParams(
      { s3_endpoint: 'https://s3.example.com', s3_region: 'eu-central-1' },
      { S3_ACCESS_KEY: 'AKIAPARAM', S3_SECRET_KEY: SECRET, S3_ENDPOINT: 'http://ignored:9000' },
      { log: (line) => lines.push(line) },
    );
    expect(store.description).toBe('s3+https://s3.example.com');
    expect(lines).toEqual([
      'S3 object store at https://s3.example.com (endpoint from parameter s3_endpoint, region eu-central-1 from parameter s3_region, credentials from S3_ACCESS_KEY)',
    ]);
    expect(lines.join('\n')).not.toMatch(new RegExp(`${SECRET}|AKIAPARAM`));
  });

  it('refuses a bad endpoint parameter naming the parameter, without echoing embedded credentials', () => {
    expect(() =>
      readStoreConfig(creds, storeOverrides({ s3_endpoint: 'seaweedfs:8333', s3_region: '' })),
    ).toThrow(
      /parameter s3_endpoint must start with http:\/\/ or https:\/\/.*\(settings: parameter s3_endpoint\)/,
    );
    const withCreds = () =>
      readStoreConfig(creds, storeOverrides({ s3_endpoint: `http://u:${SECRET}@h:1`, s3_region: '' }));
    expect(withCreds).toThrow(/parameter s3_endpoint must not contain credentials/);
    expect(withCreds).not.toThrow(new RegExp(SECRET));
  });
});
