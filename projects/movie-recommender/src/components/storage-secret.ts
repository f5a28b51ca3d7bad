import type { SecretEnv } from '@capstone/sdk/dsl';

/**
 * Kubeflow's object-store credentials in every profile namespace, mapped to the variables the SDK's S3
 * adapter reads. The endpoint defaults to Kubeflow's store; values never enter the compiled YAML.
 */
export const objectStoreCredentials: SecretEnv = {
  secretName: 'mlpipeline-minio-artifact',
  keyToEnv: { accesskey: 'AWS_ACCESS_KEY_ID', secretkey: 'AWS_SECRET_ACCESS_KEY' },
};
