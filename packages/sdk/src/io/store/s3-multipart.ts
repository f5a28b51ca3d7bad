// Multipart uploads that never outlive a failure: aborted when the upload fails, and stale ones at start-up.
import { AbortMultipartUploadCommand, ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { s3ErrorCode } from './s3-error-map.js';

export interface StreamUpload {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  readonly body: Readable;
  readonly partSize: number;
  readonly queueSize: number;
  readonly headers: { ContentType?: string; Metadata?: Record<string, string> };
  readonly log: (line: string) => void;
}

/**
 * Uploads a stream (multipart when it exceeds one part). On any failure (a body error, a part that kept failing,
 * a refused completion) the multipart upload is aborted so no parts linger, and the first error is thrown.
 */
export async function uploadStream(upload: StreamUpload): Promise<{ etag?: string; size: number }> {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback(null, chunk);
    },
  });
  const sending = new Upload({
    client: upload.client,
    params: { Bucket: upload.bucket, Key: upload.key, Body: counter, ...upload.headers },
    partSize: upload.partSize,
    queueSize: upload.queueSize,
    leavePartsOnError: false,
  });
  const feeding = pipeline(upload.body, counter);
  feeding.catch(() => undefined);
  try {
    const [output] = await Promise.all([sending.done(), feeding]);
    return { ...(output.ETag ? { etag: output.ETag } : {}), size };
  } catch (error) {
    counter.destroy();
    const uploadId = (sending as unknown as { uploadId?: string }).uploadId;
    if (uploadId) await abortUpload(upload.client, upload.bucket, upload.key, uploadId, upload.log);
    throw error;
  }
}

/** Aborts one multipart upload; an upload that is already gone counts as aborted. */
async function abortUpload(
  client: S3Client,
  bucket: string,
  key: string,
  uploadId: string,
  log: (line: string) => void,
): Promise<boolean> {
  try {
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
    return true;
  } catch (error) {
    if (s3ErrorCode(error).code === 'NoSuchUpload') return true;
    log(
      `could not abort the incomplete multipart upload of ${bucket}/${key} (${uploadId}): ${String(error)}`,
    );
    return false;
  }
}

/**
 * Aborts the incomplete multipart uploads under `prefix` that started more than `olderThanMs` ago: ours, left by
 * a killed or crashed writer (uploads of other writers under our prefix are younger). Returns how many.
 */
export async function abortStaleUploads(
  client: S3Client,
  bucket: string,
  prefix: string,
  olderThanMs: number,
  log: (line: string) => void,
  now: Date = new Date(),
): Promise<number> {
  let aborted = 0;
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  do {
    const page = await client.send(
      new ListMultipartUploadsCommand({
        Bucket: bucket,
        Prefix: prefix,
        KeyMarker: keyMarker,
        UploadIdMarker: uploadIdMarker,
      }),
    );
    for (const upload of page.Uploads ?? []) {
      const started = upload.Initiated?.getTime() ?? 0;
      if (!upload.Key || !upload.UploadId || now.getTime() - started < olderThanMs) continue;
      if (await abortUpload(client, bucket, upload.Key, upload.UploadId, log)) {
        aborted += 1;
        log(
          `aborted an incomplete multipart upload of ${bucket}/${upload.Key} started ${upload.Initiated?.toISOString() ?? 'at an unknown time'}`,
        );
      }
    }
    [keyMarker, uploadIdMarker] = page.IsTruncated ? [page.NextKeyMarker, page.NextUploadIdMarker] : [];
  } while (keyMarker !== undefined);
  return aborted;
}
