// The S3 adapter against Ceph RGW behind a TCP proxy that stalls, resets and answers 503 SlowDown.
import { CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bucketState, inspectionClient } from '../../../testing/s3-bucket-state.js';
import { describeWithS3 } from '../../../testing/s3-test-env.js';
import { startTcpFaultProxy, type TcpFaultProxy } from '../../../testing/tcp-fault-proxy.js';
import { S3ObjectStore } from './s3-object-store.js';
import { StorageRequestError, StorageTimeoutError } from './storage-errors.js';

describeWithS3('S3 adapter under network faults', (env) => {
  let proxy: TcpFaultProxy;
  const bucket = `faults-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const inspect = inspectionClient(env);
  const lines: string[] = [];
  const store = (overrides: Partial<ConstructorParameters<typeof S3ObjectStore>[0]> = {}) =>
    new S3ObjectStore({
      endpoint: proxy.url,
      region: 'us-east-1',
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
      requestTimeoutMs: 1_000,
      maxAttempts: 3,
      partSize: 5 * 1024 * 1024,
      log: (line) => lines.push(line),
      ...overrides,
    });

  beforeAll(async () => {
    proxy = await startTcpFaultProxy(env.S3_ENDPOINT ?? '');
    await store().ensureBucket(bucket);
  });
  afterAll(async () => proxy?.close());

  it('retries 503 SlowDown, logging each attempt, and stores the object once', async () => {
    lines.length = 0;
    proxy.setMode({ kind: 'pass' });
    proxy.slowDownNext(2);
    await store().putBytes(bucket, 'slow/a.txt', 'hello');
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`^retrying PUT ${bucket}/slow/a\\.txt \\(2/3\\) after 503 SlowDown; waiting`),
      ),
      expect.stringMatching(
        new RegExp(`^retrying PUT ${bucket}/slow/a\\.txt \\(3/3\\) after 503 SlowDown; waiting`),
      ),
    ]);
    expect((await bucketState(inspect, bucket)).objects).toEqual([expect.stringMatching(/^slow\/a\.txt /)]);
  });

  it('fails a stalled request within its timeouts, naming the stall, and stores nothing', async () => {
    lines.length = 0;
    const before = await bucketState(inspect, bucket);
    proxy.setMode({ kind: 'stall' });
    const started = Date.now();
    const error = await store()
      .putBytes(bucket, 'stalled/x.txt', 'x')
      .catch((e: unknown) => e);
    proxy.setMode({ kind: 'pass' });
    expect(error).toBeInstanceOf(StorageTimeoutError);
    expect((error as Error).message).toMatch(
      /stalled during PutObject .*stalled\/x\.txt: no bytes sent or received for 1 s \(request timeout\), 3 attempts/,
    );
    expect(lines).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await bucketState(inspect, bucket)).toEqual(before);
    await store().putBytes(bucket, 'stalled/x.txt', 'x');
  });

  it('aborts a multipart upload whose parts keep being reset, leaving no parts behind', async () => {
    lines.length = 0;
    const before = await bucketState(inspect, bucket);
    proxy.setMode({ kind: 'reset', afterBytes: 1024 * 1024 });
    const body = randomBytes(12 * 1024 * 1024);
    // RGW may take over a second to store a 5 MiB part on a busy machine: only the resets should fail this.
    const patient = store({ requestTimeoutMs: 30_000 });
    const error = await patient
      .putStream(bucket, 'big/object.bin', Readable.from([body]))
      .catch((e: unknown) => e);
    proxy.setMode({ kind: 'pass' });
    expect(error).toBeInstanceOf(StorageRequestError);
    expect((error as Error).message).toMatch(
      /ECONNRESET.*the connection was reset \(ECONNRESET\), after 3 attempts/,
    );
    expect(
      lines.some((line) =>
        /^retrying PUT .*big\/object\.bin part \d \(2\/3\) after the connection was reset/.test(line),
      ),
    ).toBe(true);
    expect(await bucketState(inspect, bucket)).toEqual(before);
    await patient.putStream(bucket, 'big/object.bin', Readable.from([body]));
    expect((await bucketState(inspect, bucket)).uploads).toEqual([]);
  });

  it('aborts our stale multipart uploads at start-up, and only the old ones under the prefix', async () => {
    lines.length = 0;
    const start = async (key: string) => {
      const { UploadId } = await inspect.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
      await inspect.send(
        new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: randomBytes(1024) }),
      );
    };
    await start('crashed/run/part.bin');
    await start('other/prefix.bin');
    expect(await store().abortIncompleteUploads(bucket, 'crashed/')).toBe(0);
    expect(await store({ staleUploadAgeMs: 0 }).abortIncompleteUploads(bucket, 'crashed/')).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`^aborted an incomplete multipart upload of ${bucket}/crashed/run/part\\.bin started `),
      ),
    ]);
    expect((await bucketState(inspect, bucket)).uploads).toEqual([
      expect.stringMatching(/^other\/prefix\.bin /),
    ]);
    await store({ staleUploadAgeMs: 0 }).abortIncompleteUploads(bucket, 'other/');
  });
});
