import { describe, it } from 'vitest';

/**
 * S3 settings for integration tests, from what `.ci/run` exports after starting Ceph RGW (`S3_ENDPOINT`,
 * `S3_ACCESS_KEY`, `S3_SECRET_KEY`), under the names components read. `undefined` when no server is configured.
 */
export function s3TestEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv | undefined {
  if (!env.S3_ENDPOINT) return undefined;
  return {
    S3_ENDPOINT: env.S3_ENDPOINT,
    AWS_ACCESS_KEY_ID: env.S3_ACCESS_KEY ?? env.AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: env.S3_SECRET_KEY ?? env.AWS_SECRET_ACCESS_KEY,
  };
}

/** Registers `suite` against the configured S3 server; without one a skipped test, which fails when CI=true. */
export function describeWithS3(name: string, suite: (env: NodeJS.ProcessEnv) => void): void {
  const env = s3TestEnv();
  if (env) {
    suite(env);
    return;
  }
  describe(name, () => {
    it.skipIf(process.env.CI !== 'true')(
      'needs S3_ENDPOINT (start Ceph RGW with scripts/s3/rgw-up.sh)',
      () => {
        throw new Error(
          'CI=true but S3_ENDPOINT is not set: .ci/run must start Ceph RGW before the integration tests',
        );
      },
    );
  });
}
