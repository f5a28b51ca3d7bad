import { DeleteBucketPolicyCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { inspectionClient } from './s3-bucket-state.js';

/**
 * Makes `bucket` behave for the test's own user like Kubeflow's `mlpipeline` bucket does for a namespace's
 * SeaweedFS key (kubeflow/pipelines' profile controller grants Put/Get/List/Delete only under
 * `private/<namespace>/`, `shared/`, …): a bucket policy denies object reads and writes outside `prefix`
 * and listings whose prefix is outside it. Explicit Deny statements bind the bucket owner too (AWS, Ceph RGW),
 * so one user is enough. Returns the undo (the owner may always remove the policy).
 */
export async function restrictBucketToPrefix(
  env: NodeJS.ProcessEnv,
  bucket: string,
  prefix: string,
): Promise<() => Promise<void>> {
  const client = inspectionClient(env);
  const arn = `arn:aws:s3:::${bucket}`;
  const inside = `${prefix.replace(/\/+$/, '')}/*`;
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ObjectsOnlyUnderPrefix',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        NotResource: [`${arn}/${inside}`],
      },
      {
        Sid: 'ListingsOnlyUnderPrefix',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:ListBucket', 's3:ListBucketMultipartUploads'],
        Resource: [arn],
        Condition: { StringNotLike: { 's3:prefix': [inside] } },
      },
    ],
  };
  await client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));
  return async () => {
    await client.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
    client.destroy();
  };
}
