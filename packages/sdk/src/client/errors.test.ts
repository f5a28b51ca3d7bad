import { describe, expect, it } from 'vitest';
import { httpError, KfpConfigError, KfpNetworkError } from './errors.js';

describe('KFP client errors', () => {
  it('redact URL user info, signed-URL parameters and bearer tokens in every message', () => {
    const http = httpError(
      'CreateRun',
      500,
      'upstream said: Authorization: Bearer eyJ0b2tlbi1zZWNyZXQ.x1',
      'https://kfp.example.com/pipeline/apis/v2beta1/runs?token=abc123secret',
    );
    expect(http.message).toBe(
      'CreateRun failed: HTTP 500 from https://kfp.example.com/pipeline/apis/v2beta1/runs?token=***: ' +
        'upstream said: Authorization: Bearer ***',
    );
    expect(new KfpConfigError('KFP host http://admin:pa55word@kfp:8888 is wrong').message).toBe(
      'KFP host http://***@kfp:8888 is wrong',
    );
    expect(new KfpNetworkError('Healthz', 'http://kfp:8888', 'ECONNREFUSED').message).toContain(
      'ECONNREFUSED',
    );
  });
});
