import { describeWithS3 } from '@capstone/sdk/testing/vitest';
import { describeObjectDetectionE2e } from './object-detection.e2e.js';
import { describeObjectDetectionPublishing } from './publishing.e2e.js';

describeWithS3('object-detection pipeline on S3', (env) => {
  describeObjectDetectionE2e(`S3 at ${env.S3_ENDPOINT}`, async () => env);
  describeObjectDetectionPublishing(`S3 at ${env.S3_ENDPOINT}`, async () => env);
});
