import { describe, expect, it } from 'vitest';
import { isCredentialName, isCredentialQueryName } from './credential-names.js';
import { createRedactor, holdsSecret, redact, redactUrl, redactValue } from './redact.js';

describe('isCredentialName', () => {
  it.each([
    'AWS_SECRET_ACCESS_KEY',
    'AWS_ACCESS_KEY_ID',
    'AWS_SESSION_TOKEN',
    'KF_PIPELINES_TOKEN',
    'KF_PIPELINES_COOKIE',
    'DB_PASSWORD',
    'githubToken',
    'AWSAccessKeyId',
    'X-Amz-Signature',
    'X-Amz-Credential',
    'X-Amz-Security-Token',
    'client_secret',
    'API_KEY',
    'sig',
    'private_key',
    'Authorization',
  ])('%s is a credential name', (name) => expect(isCredentialName(name)).toBe(true));

  it.each(['TOKENIZERS_PARALLELISM', 'CACHE_KEY', 'PATH', 'HOME', 'S3_ENDPOINT', 'AUTHOR', 'keyword', 'PWD'])(
    '%s is not',
    (name) => expect(isCredentialName(name)).toBe(false),
  );

  it('adds the conventional query names (key, code, rlkey) only for query strings', () => {
    expect(isCredentialQueryName('key')).toBe(true);
    expect(isCredentialQueryName('rlkey')).toBe(true);
    expect(isCredentialName('key')).toBe(false);
    expect(isCredentialQueryName('dl')).toBe(false);
  });
});

describe('redact', () => {
  it.each([
    ['http://user:hunter2@host/a.tar.gz', 'http://***@host/a.tar.gz'],
    ['fetching https://ghp_abcdef1234@github.com/x', 'fetching https://***@github.com/x'],
    [
      'GET https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4&X-Amz-Credential=AKID%2F2024&X-Amz-Signature=abc123&x-id=GetObject',
      'GET https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4&X-Amz-Credential=***&X-Amz-Signature=***&x-id=GetObject',
    ],
    [
      'https://a.blob.core.windows.net/c/f?sv=2024&sig=Zm9vYmFy%3D',
      'https://a.blob.core.windows.net/c/f?sv=2024&sig=***',
    ],
    ['https://h/p?token=s3cr3t&dl=1', 'https://h/p?token=***&dl=1'],
    [
      'GET https://h/p?token=s3cr3t: failed (see https://h/q?sig=a.b).',
      'GET https://h/p?token=***: failed (see https://h/q?sig=***).',
    ],
    ['https://h/cb#access_token=abc.def', 'https://h/cb#access_token=***'],
    ['Authorization: Bearer eyJhbGciOi.J9.abc', 'Authorization: Bearer ***'],
    [
      'env AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG and PATH=/usr/bin',
      'env AWS_SECRET_ACCESS_KEY=*** and PATH=/usr/bin',
    ],
    ['--password=pa55word --user=bob', '--password=*** --user=bob'],
    ['{"token": "abc", "name": "x"}', '{"token": "***", "name": "x"}'],
    ['key AKIAIOSFODNN7EXAMPLE used', 'key *** used'],
  ])('%s', (input, expected) => expect(redact(input)).toBe(expected));

  it('masks the values of credential-named env vars, also URL- and JSON-encoded, but not short or boolean ones', () => {
    const env = { S3_SECRET_KEY: 'a/b+c"d', PLAIN: 'visible-value', API_TOKEN: 'no', SESSION: 'false' };
    const redactor = createRedactor({ env });
    expect(redactor('raw a/b+c"d, encoded a%2Fb%2Bc%22d, json a/b+c\\"d')).toBe(
      'raw ***, encoded ***, json ***',
    );
    expect(redactor('visible-value no false')).toBe('visible-value no false');
  });

  it('masks explicit secrets, longest first', () => {
    expect(redact('cookie session=abcd1234; token abcd', { secrets: ['session=abcd1234', 'abcd1234'] })).toBe(
      'cookie ***; token abcd',
    );
  });

  it('leaves ordinary text alone', () => {
    const text = 'downloaded 12 MB from http://127.0.0.1:8080/data.tar.gz?version=2 (sha256 abc) in 3 s';
    expect(redact(text)).toBe(text);
  });
});

describe('redactUrl', () => {
  it('normalises and redacts, and names an invalid URL without echoing it', () => {
    expect(redactUrl('HTTP://u:p@Example.com/x?sig=1')).toBe('http://***@example.com/x?sig=***');
    expect(redactUrl('not a url with secret')).toBe('<invalid URL>');
  });
});

describe('redactValue', () => {
  it('redacts every string deeply and masks credential-named fields', () => {
    const redactor = createRedactor({ env: { MY_TOKEN: 'tok-123456' } });
    const state = {
      parameters: { url: 'http://u:p@h/x', password: 'plain', count: 3 },
      tasks: { a: { error: 'failed with tok-123456', warnings: ['see https://h/?token=zz'] } },
    };
    expect(redactValue(state, redactor)).toEqual({
      parameters: { url: 'http://***@h/x', password: '***', count: 3 },
      tasks: { a: { error: 'failed with ***', warnings: ['see https://h/?token=***'] } },
    });
    expect(holdsSecret(state.parameters, redactor)).toBe(true);
    expect(holdsSecret({ url: 'http://h/x' }, redactor)).toBe(false);
  });
});
