import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeObjectStoreContract } from '../../../testing/object-store-contract.js';
import { describeRequiring } from '../../../testing/requirements.js';
import { s3Server, s3TestEnv } from '../../../testing/s3-test-env.js';
import { LazyS3ObjectStore } from './lazy-s3-object-store.js';
import { S3ObjectStore } from './s3-object-store.js';
import { objectStoreFromEnv } from './store-config.js';
import { StorageAuthError } from './storage-errors.js';

// A real S3 server (Ceph RGW from scripts/s3/rgw-up.sh): `set -a; . /tmp/capstone-rgw/env; set +a`.
const s3 = s3TestEnv();
const endpoint = s3?.S3_ENDPOINT;
const accessKeyId = s3?.AWS_ACCESS_KEY_ID;
const secretAccessKey = s3?.AWS_SECRET_ACCESS_KEY;
const region = process.env.S3_REGION ?? 'us-east-1';
describeRequiring(s3Server(), 'S3 object store on a real server', () => {
  if (!endpoint || !accessKeyId || !secretAccessKey) return;
  const config = { endpoint, region, accessKeyId, secretAccessKey };
  // Through the lazily loading store that createObjectStore hands out: the contract covers both classes.
  describeObjectStoreContract(`S3 at ${endpoint}`, () => new LazyS3ObjectStore(config));

  describe('S3ObjectStore against a real server', () => {
    it('reports a wrong secret clearly, naming the endpoint and env vars but not the secret', async () => {
      const wrongSecret = `wrong-${randomBytes(8).toString('hex')}`;
      const store = new S3ObjectStore({ ...config, secretAccessKey: wrongSecret });
      for (const attempt of [
        () => store.putBytes('any-bucket', 'a.txt', 'x'),
        () => store.list('any-bucket'),
        () => store.head('any-bucket', 'a.txt'),
        () => store.ensureBucket('any-bucket'),
      ]) {
        const error = await attempt().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(StorageAuthError);
        const message = (error as Error).message;
        expect(message).toContain(endpoint);
        expect(message).toContain('AWS_SECRET_ACCESS_KEY');
        expect(message).not.toContain(wrongSecret);
      }
    });

    it('reports an unknown access key as a credentials error', async () => {
      const store = new S3ObjectStore({ ...config, accessKeyId: 'no-such-user' });
      await expect(store.list('any-bucket')).rejects.toThrow(/InvalidAccessKeyId.*AWS_ACCESS_KEY_ID/);
    });

    it('stores a body whose known SHA-256 matches and refuses one whose digest does not', async () => {
      const store = new S3ObjectStore(config);
      const bucket = `known-sha-${randomBytes(4).toString('hex')}`;
      await store.ensureBucket(bucket);
      const body = randomBytes(100_000);
      const sha256 = createHash('sha256').update(body).digest('hex');
      await store.putBytes(bucket, 'right.bin', body, { sha256, metadata: { sha256 } });
      expect(Buffer.from(await store.getBytes(bucket, 'right.bin')).equals(body)).toBe(true);
      const flipped = Buffer.from(body);
      flipped.writeUInt8(flipped.readUInt8(500) ^ 1, 500);
      await expect(store.putBytes(bucket, 'wrong.bin', flipped, { sha256 })).rejects.toThrow(
        /XAmzContentSHA256Mismatch|BadDigest/,
      );
      expect(await store.head(bucket, 'wrong.bin')).toBeUndefined();
      await store.delete(bucket, 'right.bin');
    });

    it('is what objectStoreFromEnv builds from S3_* variables', async () => {
      const store = objectStoreFromEnv({
        S3_ENDPOINT: endpoint,
        S3_ACCESS_KEY: accessKeyId,
        S3_SECRET_KEY: secretAccessKey,
      });
      expect(store).toBeInstanceOf(LazyS3ObjectStore);
      const bucket = `from-env-${randomBytes(4).toString('hex')}`;
      await store.ensureBucket(bucket);
      await store.putBytes(bucket, 'hello.txt', 'hi', { metadata: { sha256: 'abc' } });
      expect(await store.head(bucket, 'hello.txt')).toMatchObject({ size: 2, metadata: { sha256: 'abc' } });
      await store.delete(bucket, 'hello.txt');
    });
  });
});
