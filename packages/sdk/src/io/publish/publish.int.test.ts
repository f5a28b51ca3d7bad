import { describePublishProtocol } from '../../../testing/publish-protocol.js';
import { describeWithS3 } from '../../../testing/s3-test-env.js';
import { objectStoreFromEnv } from '../store/store-config.js';

describeWithS3('publish protocol on S3', (env) => {
  describePublishProtocol('S3 (Ceph RGW in CI)', () => objectStoreFromEnv(env));
});
