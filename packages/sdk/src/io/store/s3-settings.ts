// S3 store settings and defaults without the AWS SDK: the filesystem path and the store configuration
// import these, so a task that never talks to S3 never loads the SDK (see lazy-s3-object-store.ts).
import { redactUrl } from '../../secrets/index.js';

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
