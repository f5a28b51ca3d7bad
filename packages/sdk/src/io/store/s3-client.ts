// The S3 client with the settings that work on AWS, MinIO, Ceph RGW and SeaweedFS, timeouts and logged retries.
import { S3Client } from '@aws-sdk/client-s3';
import { S3_DEFAULTS, stderrLog, type S3StoreConfig } from './s3-settings.js';
import { installS3Retries } from './s3-retry.js';

/** Builds an S3 client with settings that work on AWS, MinIO, Ceph RGW and SeaweedFS. */
export function createS3Client(config: S3StoreConfig): S3Client {
  const requestTimeoutMs = config.requestTimeoutMs ?? S3_DEFAULTS.requestTimeoutMs;
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Virtual-hosted addressing needs wildcard DNS that in-cluster stores do not have.
    forcePathStyle: true,
    // Default checksums send `aws-chunked` bodies, which Ceph RGW refuses (411) and older MinIO mishandles.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      connectionTimeout: config.connectTimeoutMs ?? S3_DEFAULTS.connectTimeoutMs,
      socketTimeout: requestTimeoutMs,
    },
    // Our own retry step (installS3Retries) logs every attempt; the SDK's makes one.
    maxAttempts: 1,
  });
  installS3Retries(client, {
    maxAttempts: config.maxAttempts ?? S3_DEFAULTS.maxAttempts,
    log: config.log ?? stderrLog,
    requestTimeoutMs,
  });
  return client;
}
