import { expect, it } from 'vitest';
import { describePublishProtocol } from '../../../testing/publish-protocol.js';
import { describeWithS3 } from '../../../testing/s3-test-env.js';
import { objectStoreFromEnv } from '../store/store-config.js';
import { probeConditionalWrites } from './conditional-writes.js';

describeWithS3('publish protocol on S3', (env) => {
  // docs/publishing.md says which servers honour `If-None-Match: *`; this is the evidence for Ceph RGW.
  it('the S3 server under test honours If-None-Match: * (the lease uses conditional creates)', async () => {
    const store = objectStoreFromEnv(env);
    const bucket = `cond-probe-${process.pid}-${Date.now() % 100000}`;
    await store.ensureBucket(bucket);
    expect(await probeConditionalWrites(store, bucket, '_probe/')).toBe(true);
    expect(await store.putBytesIfAbsent(bucket, 'once', 'first')).toBeTruthy();
    expect(await store.putBytesIfAbsent(bucket, 'once', 'second')).toBeUndefined();
    expect(Buffer.from(await store.getBytes(bucket, 'once')).toString()).toBe('first');
  });
  describePublishProtocol('S3 (Ceph RGW in CI)', () => objectStoreFromEnv(env));
});
