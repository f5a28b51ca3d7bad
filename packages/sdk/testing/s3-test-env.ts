import { describeRequiring, type Requirement } from './requirements.js';

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

/** The S3 server the integration tests use (`.ci/run` starts Ceph RGW and exports its settings). */
export function s3Server(env: NodeJS.ProcessEnv = process.env): Requirement {
  const settings = s3TestEnv(env);
  const unset = ['S3_ENDPOINT', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'].filter(
    (name) => !settings?.[name],
  );
  if (unset.length === 0) return { missing: undefined };
  return {
    missing: `an S3 server: ${unset.join(', ')} not set (S3_ACCESS_KEY / S3_SECRET_KEY give the keys; start Ceph RGW with scripts/s3/rgw-up.sh and export its $RGW_DIR/env)`,
  };
}

/** Registers `suite` against the configured S3 server; without one a skip on a laptop, a failure when CI=true. */
export function describeWithS3(name: string, suite: (env: NodeJS.ProcessEnv) => void): void {
  const env = s3TestEnv();
  describeRequiring(s3Server(), name, () => {
    if (env) suite(env);
  });
}
