import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplePipelineYaml } from '../../testing/fake-kfp-fixtures.js';
import { authFromEnv, DEFAULT_SA_TOKEN_PATH, describeAuth } from './auth.js';
import { clientFromEnv, IN_CLUSTER_HOST } from './client-from-env.js';
import { KfpConfigError } from './errors.js';
import { coerceParameters, parsePipelineText } from './pipeline-file.js';
import { normaliseHost } from './transport.js';
import { versionNameFor } from './upload-or-update.js';

describe('authFromEnv', () => {
  const never = () => false;

  it('prefers an explicit token, then a cookie, then a token file', () => {
    const all = { KF_PIPELINES_TOKEN: 't', KF_PIPELINES_COOKIE: 'c=1', KF_PIPELINES_SA_TOKEN_PATH: '/p' };
    expect(authFromEnv(all, never)).toEqual({ kind: 'bearer', token: 't' });
    expect(authFromEnv({ ...all, KF_PIPELINES_TOKEN: '' }, never)).toEqual({ kind: 'cookie', cookie: 'c=1' });
    expect(authFromEnv({ KF_PIPELINES_SA_TOKEN_PATH: '/p' }, never)).toEqual({
      kind: 'token-file',
      path: '/p',
    });
  });

  it('uses the projected token at its default path when present, otherwise no auth', () => {
    expect(authFromEnv({}, (p) => p === DEFAULT_SA_TOKEN_PATH)).toEqual({
      kind: 'token-file',
      path: DEFAULT_SA_TOKEN_PATH,
    });
    expect(authFromEnv({}, never)).toEqual({ kind: 'none' });
  });

  it('describes auth without the secret', () => {
    expect(describeAuth({ kind: 'bearer', token: 'secret-value' })).not.toContain('secret-value');
    expect(describeAuth({ kind: 'cookie', cookie: 'authservice_session=secret-value' })).toBe(
      'session cookie (authservice_session)',
    );
  });
});

describe('clientFromEnv', () => {
  it('defaults to the in-cluster service and the pod namespace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kfp-ns-'));
    await writeFile(join(dir, 'namespace'), 'kubeflow-user-example-com\n');
    const client = clientFromEnv({}, { namespaceFile: join(dir, 'namespace'), auth: { kind: 'none' } });
    expect(client.host).toBe(IN_CLUSTER_HOST);
    expect(client.namespace).toBe('kubeflow-user-example-com');
    // A browser cannot reach the service address: the link is relative to the Kubeflow dashboard.
    expect(client.runUrl('r1')).toBe('/pipeline/#/runs/details/r1');
  });

  it('reads host, namespace and UI host from the environment', () => {
    const client = clientFromEnv(
      {
        KF_PIPELINES_ENDPOINT: 'https://kubeflow.example.com/pipeline/',
        KF_PIPELINES_NAMESPACE: 'team-a',
        KF_PIPELINES_UI_ENDPOINT: 'https://kubeflow.example.com/_/pipeline',
      },
      { namespaceFile: '/nonexistent' },
    );
    expect(client.host).toBe('https://kubeflow.example.com/pipeline');
    expect(client.namespace).toBe('team-a');
    expect(client.runUrl('r1')).toBe('https://kubeflow.example.com/_/pipeline/#/runs/details/r1');
    expect(clientFromEnv({ KFP_HOST: 'http://localhost:8888' }, { namespaceFile: '/nonexistent' }).host).toBe(
      'http://localhost:8888',
    );
  });

  it('rejects hosts that are not http(s) URLs or embed credentials', () => {
    expect(() => normaliseHost('ml-pipeline:8888')).toThrow(KfpConfigError);
    expect(() => normaliseHost('https://user:pw@kf.example.com')).toThrow(/must not embed credentials/);
  });
});

describe('pipeline files', () => {
  const file = parsePipelineText(
    samplePipelineYaml({
      name: 'typed',
      parameters: { n: 'NUMBER_INTEGER', x: 'NUMBER_DOUBLE', b: 'BOOLEAN', l: 'LIST', s: 'STRING' },
      defaultPipelineRoot: 'minio://mlpipeline/v2/artifacts',
    }),
  );

  it('reads name, pipeline root and parameter types', () => {
    expect(file.name).toBe('typed');
    expect(file.defaultPipelineRoot).toBe('minio://mlpipeline/v2/artifacts');
    expect(file.parameterTypes).toMatchObject({ n: 'NUMBER_INTEGER', s: 'STRING' });
  });

  it('coerces k=v strings to the declared types', () => {
    expect(coerceParameters(file, { n: '3', x: '2.5', b: 'true', l: '[1,2]', s: '007' })).toEqual({
      n: 3,
      x: 2.5,
      b: true,
      l: [1, 2],
      s: '007',
    });
    expect(coerceParameters(file, { n: 4 })).toEqual({ n: 4 });
  });

  it('names the parameter and the expected type on bad values', () => {
    expect(() => coerceParameters(file, { n: '2.5' })).toThrow("parameter n must be an integer, got '2.5'");
    expect(() => coerceParameters(file, { b: 'yes' })).toThrow('must be true or false');
    expect(() => coerceParameters(file, { l: '[' })).toThrow('(LIST) must be JSON');
  });

  it('names versions by content hash, with a UTC stamp unless deterministic', () => {
    const at = () => new Date('2026-01-02T03:04:05.678Z');
    expect(versionNameFor('p', { sha256: 'abcdef0123456789' }, { now: at })).toBe(
      'p-abcdef012345-20260102030405',
    );
    expect(versionNameFor('p', { sha256: 'abcdef0123456789' }, { deterministic: true })).toBe(
      'p-abcdef012345',
    );
  });
});
