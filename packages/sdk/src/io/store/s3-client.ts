// The S3 client with the settings that work on AWS, MinIO, Ceph RGW and SeaweedFS, timeouts and logged retries.
import { S3Client } from '@aws-sdk/client-s3';
import { redactUrl } from '../../secrets/index.js';
import { installS3Retries } from './s3-retry.js';

export interface S3StoreConfig {
  /** e.g. `http://minio-service.kubeflow:9000`; must not contain credentials. */
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Multipart part size in bytes (default 16 MiB); memory per upload is about `partSize × (queueSize + 1)`. */
  readonly partSize?: number;
  /** Parts uploaded in parallel per multipart upload (default 4). */
  readonly queueSize?: number;
  /** Time allowed to open a connection (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** Time a request may go without sending or receiving a byte (default 60 s): a stalled server. */
  readonly requestTimeoutMs?: number;
  /** Attempts per request, the first included (default 5); each retry is logged. */
  readonly maxAttempts?: number;
  /** Incomplete multipart uploads older than this are ours to abort at start-up (default 1 hour). */
  readonly staleUploadAgeMs?: number;
  /** Retry and clean-up lines; default stderr. */
  readonly log?: (line: string) => void;
}

export const S3_DEFAULTS = {
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  maxAttempts: 5,
  staleUploadAgeMs: 60 * 60 * 1000,
} as const;

export const stderrLog = (line: string): void => void process.stderr.write(`${line}\n`);

/** The endpoint without any user-info part, safe for logs and error messages. */
export function redactEndpoint(endpoint: string): string {
  return redactUrl(endpoint).replace(/\/$/, '');
}

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
