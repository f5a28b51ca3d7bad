import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { mapS3Error } from './s3-error-map.js';
import {
  BucketNotFoundError,
  InvalidRangeError,
  ObjectNotFoundError,
  StorageAuthError,
  StorageRequestError,
  StorageUnreachableError,
} from './storage-errors.js';

const context = { endpoint: 'http://127.0.0.1:7480', operation: 'PutObject b/k', bucket: 'bkt', key: 'k' };
function sdkError(name: string, status: number | undefined, message = ''): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('mapS3Error', () => {
  it.each(['SignatureDoesNotMatch', 'InvalidAccessKeyId'])(
    'maps %s to a credentials error naming endpoint and env vars',
    (code) => {
      const error = mapS3Error(sdkError(code, 403), context);
      expect(error).toBeInstanceOf(StorageAuthError);
      expect(error.message).toContain('http://127.0.0.1:7480');
      expect(error.message).toContain('AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY');
      expect(error.message).toContain(code);
    },
  );

  it('maps a bodiless 403 (HEAD) to a credentials error', () => {
    expect(mapS3Error(sdkError('Forbidden', 403), context)).toBeInstanceOf(StorageAuthError);
    expect(mapS3Error(sdkError('UnknownError', 403), context).message).toContain('HTTP 403');
  });

  it('tells AccessDenied apart from wrong credentials', () => {
    expect(mapS3Error(sdkError('AccessDenied', 403), context).message).toMatch(/lack permission/);
  });

  it('maps missing buckets, keys and bad ranges by code even with empty messages', () => {
    expect(mapS3Error(sdkError('NoSuchBucket', 404), context)).toBeInstanceOf(BucketNotFoundError);
    expect(mapS3Error(sdkError('NoSuchKey', 404), context)).toBeInstanceOf(ObjectNotFoundError);
    expect(mapS3Error(sdkError('InvalidRange', 416), context)).toBeInstanceOf(InvalidRangeError);
  });

  it('keeps the code and status of anything else', () => {
    const error = mapS3Error(sdkError('SlowDown', 503, 'please slow down'), context);
    expect(error).toBeInstanceOf(StorageRequestError);
    expect(error.message).toBe(
      'PutObject b/k failed at http://127.0.0.1:7480: SlowDown (HTTP 503): please slow down',
    );
  });

  it('maps connection failures, also when nested as a cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(mapS3Error(refused, context)).toBeInstanceOf(StorageUnreachableError);
    const wrapped = Object.assign(new Error('request failed'), { cause: refused });
    expect(mapS3Error(wrapped, context).message).toMatch(/unreachable.*ECONNREFUSED.*S3_ENDPOINT/);
  });
});

describe('S3ObjectStore without a server', () => {
  it('reports a closed port as unreachable, naming the endpoint', async () => {
    const { S3ObjectStore } = await import('./s3-object-store.js');
    const server = createServer();
    const port = await new Promise<number>((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
    await new Promise((resolve) => server.close(resolve));
    const endpoint = `http://127.0.0.1:${port}`;
    const store = new S3ObjectStore({
      endpoint,
      region: 'us-east-1',
      accessKeyId: 'a',
      secretAccessKey: 'b',
    });
    await expect(store.list('some-bucket')).rejects.toThrow(StorageUnreachableError);
    await expect(store.list('some-bucket')).rejects.toThrow(endpoint);
  });
});
