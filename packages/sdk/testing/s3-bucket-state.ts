import {
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';

/** Everything a failed run could have left in a bucket: its objects (with ETags) and incomplete multipart uploads. */
export interface BucketState {
  readonly objects: readonly string[];
  readonly uploads: readonly string[];
}

/** A plain client (no proxy, no retries of ours) for looking at a bucket from outside the code under test. */
export function inspectionClient(env: NodeJS.ProcessEnv): S3Client {
  const config: S3ClientConfig = {
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION ?? env.AWS_REGION ?? 'us-east-1',
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? env.S3_ACCESS_KEY ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? env.S3_SECRET_KEY ?? '',
    },
    forcePathStyle: true,
  };
  return new S3Client(config);
}

/** `key etag size` for every object and `key uploadId` for every incomplete upload; empty for a missing bucket. */
export async function bucketState(client: S3Client, bucket: string): Promise<BucketState> {
  try {
    const objects: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      for (const item of page.Contents ?? []) objects.push(`${item.Key} ${item.ETag} ${item.Size}`);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    return {
      objects: objects.sort(),
      uploads: (uploads.Uploads ?? []).map((u) => `${u.Key} ${u.UploadId}`).sort(),
    };
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchBucket') return { objects: [], uploads: [] };
    throw error;
  }
}
