// The environment variables that select and configure the object store (io/store reads them). Here, with no
// imports, so the local runner can tell whether a task will use S3 without loading the AWS SDK.

export const STORE_ENV = {
  dir: 'CAPSTONE_OBJECT_STORE_DIR',
  endpoint: ['S3_ENDPOINT', 'AWS_ENDPOINT_URL'],
  accessKey: ['AWS_ACCESS_KEY_ID', 'S3_ACCESS_KEY'],
  secretKey: ['AWS_SECRET_ACCESS_KEY', 'S3_SECRET_KEY'],
  region: ['AWS_REGION', 'S3_REGION'],
  connectTimeoutMs: 'CAPSTONE_S3_CONNECT_TIMEOUT_MS',
  requestTimeoutMs: 'CAPSTONE_S3_REQUEST_TIMEOUT_MS',
  maxAttempts: 'CAPSTONE_S3_MAX_ATTEMPTS',
  staleUploadAgeMs: 'CAPSTONE_STALE_UPLOAD_AGE_MS',
} as const;

/** True for the variables that only an S3 store reads (its credentials). */
export function isS3CredentialVar(name: string): boolean {
  return ([...STORE_ENV.accessKey, ...STORE_ENV.secretKey] as readonly string[]).includes(name);
}

/** True when this environment selects the filesystem store, so S3 credentials are never read. */
export function usesFilesystemStore(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(env[STORE_ENV.dir]?.trim());
}
