import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { makeDir } from '../../util/make-dir.js';
import { formatRange } from './byte-range.js';
import type {
  ByteRange,
  ObjectInfo,
  ObjectStore,
  PutOptions,
  PutTreeOptions,
  PutTreeResult,
} from './object-store.js';
import { validateBucket, validateKey } from './object-key.js';
import { putTree } from './put-tree.js';
import { createS3Client } from './s3-client.js';
import { redactEndpoint, S3_DEFAULTS, stderrLog, type S3StoreConfig } from './s3-settings.js';
import { mapS3Error, s3ErrorCode } from './s3-error-map.js';
import { abortStaleUploads, uploadStream } from './s3-multipart.js';
import { signWithKnownSha256 } from './s3-payload-hash.js';
import { ObjectNotFoundError } from './storage-errors.js';

const DEFAULT_PART_SIZE = 16 * 1024 * 1024;
const DEFAULT_QUEUE_SIZE = 4;
/** Files up to this size are sent in one PutObject from memory (retryable); larger ones go multipart. */
const SINGLE_PUT_LIMIT = 8 * 1024 * 1024;

function stripQuotes(etag: string | undefined): string | undefined {
  const bare = etag?.replace(/^"|"$/g, '');
  return bare === '' ? undefined : bare;
}

function putHeaders(options: PutOptions | undefined) {
  return { ContentType: options?.contentType, Metadata: options?.metadata && { ...options.metadata } };
}

/** ObjectStore over the S3 API (`@aws-sdk/client-s3`, multipart through `@aws-sdk/lib-storage`). */
export class S3ObjectStore implements ObjectStore {
  readonly description: string;
  readonly client: S3Client;
  private readonly endpoint: string;
  private readonly partSize: number;
  private readonly queueSize: number;
  private readonly staleUploadAgeMs: number;
  private readonly requestTimeoutMs: number;
  private readonly log: (line: string) => void;

  constructor(config: S3StoreConfig, client: S3Client = createS3Client(config)) {
    this.endpoint = redactEndpoint(config.endpoint);
    this.description = `s3+${this.endpoint}`;
    this.client = client;
    this.partSize = config.partSize ?? DEFAULT_PART_SIZE;
    this.queueSize = config.queueSize ?? DEFAULT_QUEUE_SIZE;
    this.staleUploadAgeMs = config.staleUploadAgeMs ?? S3_DEFAULTS.staleUploadAgeMs;
    this.requestTimeoutMs = config.requestTimeoutMs ?? S3_DEFAULTS.requestTimeoutMs;
    this.log = config.log ?? stderrLog;
  }

  async ensureBucket(bucket: string): Promise<void> {
    validateBucket(bucket);
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: bucket }));
    } catch (error) {
      // Ceph RGW answers 200, MinIO BucketAlreadyOwnedByYou, SeaweedFS sometimes BucketAlreadyExists.
      const { code } = s3ErrorCode(error);
      if (code === 'BucketAlreadyOwnedByYou' || code === 'BucketAlreadyExists') return;
      // Credentials limited to prefixes of an existing bucket (Kubeflow's per-namespace SeaweedFS keys on
      // `mlpipeline`) may not create buckets: the bucket is usable when it exists and answers HEAD.
      if (code === 'AccessDenied' && (await this.bucketAnswers(bucket))) return;
      throw this.mapError(error, `CreateBucket ${bucket}`, bucket);
    }
  }

  private async bucketAnswers(bucket: string): Promise<boolean> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: bucket }));
      return true;
    } catch {
      return false;
    }
  }

  async putFile(bucket: string, key: string, path: string, options?: PutOptions): Promise<ObjectInfo> {
    const { size } = await stat(path);
    if (size <= SINGLE_PUT_LIMIT) return this.putBytes(bucket, key, await readFile(path), options);
    return this.putStream(bucket, key, createReadStream(path), options);
  }

  async putBytes(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    options?: PutOptions,
  ): Promise<ObjectInfo> {
    return this.call(`PutObject ${bucket}/${key}`, bucket, undefined, () =>
      this.putObject(bucket, key, body, options, {}),
    );
  }

  async putBytesIfAbsent(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    options?: PutOptions,
  ): Promise<ObjectInfo | undefined> {
    try {
      return await this.putObject(bucket, key, body, options, { IfNoneMatch: '*' });
    } catch (error) {
      const { code, status } = s3ErrorCode(error);
      if (status === 412 || code === 'PreconditionFailed') return undefined;
      throw this.mapError(error, `PutObject (If-None-Match: *) ${bucket}/${key}`, bucket);
    }
  }

  async copy(
    bucket: string,
    sourceKey: string,
    targetKey: string,
    options?: PutOptions,
  ): Promise<ObjectInfo> {
    const source = `${bucket}/${this.key(bucket, sourceKey).split('/').map(encodeURIComponent).join('/')}`;
    await this.call(`CopyObject ${bucket}/${sourceKey} → ${targetKey}`, bucket, sourceKey, () =>
      this.client.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: this.key(bucket, targetKey),
          CopySource: source,
          ...(options ? { MetadataDirective: 'REPLACE', ...putHeaders(options) } : {}),
        }),
      ),
    );
    const info = await this.head(bucket, targetKey);
    if (!info) throw new ObjectNotFoundError(this.endpoint, bucket, targetKey);
    return info;
  }

  /**
   * Multipart when the body exceeds one part; at most `queueSize + 1` parts are held in memory. A failed upload
   * (body error, part or completion refused) is aborted, so no parts are left behind.
   */
  async putStream(bucket: string, key: string, body: Readable, options?: PutOptions): Promise<ObjectInfo> {
    const Key = this.key(bucket, key);
    const { etag, size } = await this.call(`upload ${bucket}/${key}`, bucket, undefined, () =>
      uploadStream({
        client: this.client,
        bucket,
        key: Key,
        body,
        partSize: this.partSize,
        queueSize: this.queueSize,
        headers: putHeaders(options),
        log: this.log,
      }),
    );
    // RGW answers CompleteMultipartUpload with an empty ETag; head() has the real one when needed.
    return { key, size, etag: stripQuotes(etag), metadata: options?.metadata ?? {} };
  }

  /** Aborts incomplete multipart uploads under `prefix` older than the configured age (ours, left by a crash). */
  async abortIncompleteUploads(
    bucket: string,
    prefix: string,
    options: { readonly olderThanMs?: number } = {},
  ): Promise<number> {
    validateBucket(bucket);
    return this.call(`ListMultipartUploads ${bucket}/${prefix}`, bucket, undefined, () =>
      abortStaleUploads(this.client, bucket, prefix, options.olderThanMs ?? this.staleUploadAgeMs, this.log),
    );
  }

  putTree(bucket: string, dir: string, options: PutTreeOptions): Promise<PutTreeResult> {
    return putTree(this, bucket, dir, options);
  }

  async list(bucket: string, prefix = ''): Promise<ObjectInfo[]> {
    const objects: ObjectInfo[] = [];
    let token: string | undefined;
    do {
      const page = await this.call(`ListObjectsV2 ${bucket}/${prefix}`, bucket, undefined, () =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: validateBucket(bucket),
            Prefix: prefix,
            ContinuationToken: token,
          }),
        ),
      );
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined) continue;
        objects.push({
          key: item.Key,
          size: item.Size ?? 0,
          etag: stripQuotes(item.ETag),
          lastModified: item.LastModified,
        });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async get(bucket: string, key: string): Promise<Readable> {
    return (await this.getObject(bucket, key)).Body as Readable;
  }

  async getBytes(bucket: string, key: string, range?: ByteRange): Promise<Uint8Array> {
    const output = await this.getObject(bucket, key, range === undefined ? undefined : formatRange(range));
    if (output.Body === undefined) return new Uint8Array();
    return output.Body.transformToByteArray();
  }

  async getFile(bucket: string, key: string, path: string): Promise<ObjectInfo> {
    const output = await this.getObject(bucket, key);
    const tmp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
    try {
      await makeDir(dirname(path));
      await pipeline(output.Body as Readable, createWriteStream(tmp));
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw this.mapError(error, `GetObject ${bucket}/${key}`, bucket, key);
    }
    return {
      key,
      size: (await stat(path)).size,
      etag: stripQuotes(output.ETag),
      lastModified: output.LastModified,
      metadata: output.Metadata ?? {},
    };
  }

  async head(bucket: string, key: string): Promise<ObjectInfo | undefined> {
    try {
      const output = await this.client.send(
        new HeadObjectCommand({ Bucket: bucket, Key: this.key(bucket, key) }),
      );
      return {
        key,
        size: output.ContentLength ?? 0,
        etag: stripQuotes(output.ETag),
        lastModified: output.LastModified,
        metadata: output.Metadata ?? {},
      };
    } catch (error) {
      const { code, status } = s3ErrorCode(error);
      if (status === 404 || code === 'NotFound' || code === 'NoSuchKey') return undefined;
      throw this.mapError(error, `HeadObject ${bucket}/${key}`, bucket);
    }
  }

  async delete(bucket: string, key: string): Promise<void> {
    await this.call(`DeleteObject ${bucket}/${key}`, bucket, undefined, () =>
      this.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: this.key(bucket, key) })),
    );
  }

  private async putObject(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    options: PutOptions | undefined,
    condition: { readonly IfNoneMatch?: string },
  ): Promise<ObjectInfo> {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const command = new PutObjectCommand({
      Bucket: bucket,
      Key: this.key(bucket, key),
      Body: bytes,
      ContentLength: bytes.byteLength,
      ...condition,
      ...putHeaders(options),
    });
    signWithKnownSha256(command, options?.sha256);
    const output = await this.client.send(command);
    return { key, size: bytes.byteLength, etag: stripQuotes(output.ETag), metadata: options?.metadata ?? {} };
  }

  private getObject(bucket: string, key: string, range?: string): Promise<GetObjectCommandOutput> {
    const Key = this.key(bucket, key);
    return this.call(`GetObject ${bucket}/${key}`, bucket, key, () =>
      this.client.send(new GetObjectCommand({ Bucket: bucket, Key, Range: range })),
    );
  }

  private key(bucket: string, key: string): string {
    validateBucket(bucket);
    return validateKey(key);
  }

  private async call<T>(
    operation: string,
    bucket: string,
    key: string | undefined,
    send: () => Promise<T>,
  ): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw this.mapError(error, operation, bucket, key);
    }
  }

  private mapError(error: unknown, operation: string, bucket: string, key?: string): Error {
    const context = { endpoint: this.endpoint, operation, bucket, requestTimeoutMs: this.requestTimeoutMs };
    return mapS3Error(error, key === undefined ? context : { ...context, key });
  }
}
