import { InvalidBucketNameError, InvalidKeyError } from './storage-errors.js';

const MAX_KEY_BYTES = 1024;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Rejects keys that would escape a directory on the filesystem adapter or that S3 servers treat differently:
 * empty, leading `/`, empty segments (`a//b`, trailing `/`), `.` or `..` segments, NUL, over 1024 bytes.
 */
export function validateKey(key: string): string {
  if (key.length === 0) throw new InvalidKeyError(key, 'it is empty');
  if (key.startsWith('/'))
    throw new InvalidKeyError(key, 'it starts with "/"; keys are relative, e.g. "data/file.csv"');
  if (key.includes('\0')) throw new InvalidKeyError(key, 'it contains a NUL character');
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw new InvalidKeyError(key, `it is longer than ${MAX_KEY_BYTES} bytes`);
  }
  for (const segment of key.split('/')) {
    if (segment === '')
      throw new InvalidKeyError(key, 'it has an empty path segment ("//" or a trailing "/")');
    if (segment === '.' || segment === '..') {
      throw new InvalidKeyError(key, `it has a "${segment}" path segment`);
    }
  }
  return key;
}

const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * S3's bucket naming rules, for every adapter (the filesystem store accepts exactly what S3 does): 3-63
 * characters of a-z, 0-9, `.` and `-`, starting and ending with a letter or digit; no `..`; not an IP address;
 * none of S3's reserved prefixes (`xn--`, `sthree-`, `amzn-s3-demo-`) or suffixes (`-s3alias`, `--ol-s3`,
 * `.mrap`, `--x-s3`, `--table-s3`).
 */
export function validateBucket(bucket: string): string {
  const refuse = (reason: string): never => {
    throw new InvalidBucketNameError(bucket, reason);
  };
  if (!BUCKET_NAME.test(bucket)) {
    refuse(
      'expected 3-63 characters of lower-case letters, digits, "." and "-", starting and ending with a letter or digit',
    );
  }
  if (bucket.includes('..')) refuse('it contains ".."');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) refuse('it is formatted as an IP address');
  const prefix = RESERVED_PREFIXES.find((reserved) => bucket.startsWith(reserved));
  if (prefix) refuse(`the prefix "${prefix}" is reserved by S3`);
  const suffix = RESERVED_SUFFIXES.find((reserved) => bucket.endsWith(reserved));
  if (suffix) refuse(`the suffix "${suffix}" is reserved by S3`);
  return bucket;
}

/** Joins a key prefix and a relative path with exactly one `/`; an empty prefix leaves the path as is. */
export function joinKey(prefix: string, relative: string): string {
  const trimmed = prefix.replace(/\/+$/, '');
  return trimmed === '' ? relative : `${trimmed}/${relative}`;
}
