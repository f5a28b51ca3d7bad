import { describe, expect, it } from 'vitest';
import { formatRange, resolveRange } from './byte-range.js';
import { joinKey, validateBucket, validateKey } from './object-key.js';
import { InvalidBucketNameError, InvalidKeyError, InvalidRangeError } from './storage-errors.js';

describe('validateKey', () => {
  it.each(['a', 'a/b/c.txt', 'data/part-0001.parquet', 'with space/ü.txt', '.hidden/x', 'a..b/c'])(
    'accepts %j',
    (key) => {
      expect(validateKey(key)).toBe(key);
    },
  );

  it.each([
    ['', /empty/],
    ['/abs/key', /starts with "\/"/],
    ['a//b', /empty path segment/],
    ['a/b/', /empty path segment/],
    ['../x', /"\.\." path segment/],
    ['a/../../x', /"\.\." path segment/],
    ['a/./b', /"\." path segment/],
    ['a\0b', /NUL/],
    ['k'.repeat(1025), /1024 bytes/],
  ])('rejects %j with a message naming the key and the reason', (key, reason) => {
    expect(() => validateKey(key)).toThrow(InvalidKeyError);
    expect(() => validateKey(key)).toThrow(reason);
    expect(() => validateKey(key)).toThrow(JSON.stringify(key).slice(0, 20));
  });
});

describe('validateBucket', () => {
  it('accepts S3 bucket names', () => {
    expect(validateBucket('mlpipeline')).toBe('mlpipeline');
    expect(validateBucket('my.data-01')).toBe('my.data-01');
  });
  it.each([
    'ab',
    'UPPER',
    '.meta',
    '-x-',
    'a_b',
    'a..b',
    'x'.repeat(64),
    '192.168.5.4',
    'xn--bucket',
    'sthree-data',
    'amzn-s3-demo-bucket',
    'data-s3alias',
    'data--ol-s3',
    'data.mrap',
    'data--x-s3',
    'data--table-s3',
  ])('rejects %j', (bucket) => {
    expect(() => validateBucket(bucket)).toThrow(InvalidBucketNameError);
  });
});

describe('joinKey', () => {
  it('joins with exactly one slash and leaves an empty prefix out', () => {
    expect(joinKey('data', 'a.txt')).toBe('data/a.txt');
    expect(joinKey('data//', 'a.txt')).toBe('data/a.txt');
    expect(joinKey('', 'a.txt')).toBe('a.txt');
  });
});

describe('byte ranges', () => {
  it('formats HTTP Range headers', () => {
    expect(formatRange({ start: 0, end: 3 })).toBe('bytes=0-3');
    expect(formatRange({ start: 10 })).toBe('bytes=10-');
    expect(formatRange({ suffix: 8 })).toBe('bytes=-8');
  });
  it('resolves like an HTTP server, clipping to the object size', () => {
    expect(resolveRange({ suffix: 8 }, 20)).toEqual({ start: 12, end: 19 });
    expect(resolveRange({ suffix: 50 }, 20)).toEqual({ start: 0, end: 19 });
    expect(resolveRange({ start: 5, end: 100 }, 20)).toEqual({ start: 5, end: 19 });
  });
  it.each([{ suffix: 0 }, { suffix: 2, start: 1 }, { start: -1 }, { start: 4, end: 2 }, { start: 1.5 }, {}])(
    'rejects %j',
    (range) => {
      expect(() => formatRange(range)).toThrow(InvalidRangeError);
    },
  );
  it('rejects a start at or past the end', () => {
    expect(() => resolveRange({ start: 20 }, 20)).toThrow(/past the end of a 20-byte object/);
  });
});
