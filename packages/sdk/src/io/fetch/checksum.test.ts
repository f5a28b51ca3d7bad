import { describe, expect, it } from 'vitest';
import { HashingStream, parseChecksum, parseMd5Sidecar } from './checksum.js';
import { ChecksumFormatError } from './download-errors.js';

const md5 = '6b51fb2759a8657d3bfcbfc42b592ada';

describe('parseChecksum', () => {
  it('accepts sha256 and md5 and normalises case', () => {
    expect(parseChecksum(`md5:${md5.toUpperCase()}`)).toEqual({
      algorithm: 'md5',
      hex: md5,
      source: 'parameter',
    });
    expect(parseChecksum(`sha256:${'a'.repeat(64)}`).algorithm).toBe('sha256');
  });

  it.each(['sha1:abc', `md5:${md5}0`, md5, 'sha256:xyz'])('rejects %s with the accepted forms', (text) => {
    expect(() => parseChecksum(text)).toThrow(/expected sha256:<64 hex> or md5:<32 hex>/);
  });
});

describe('parseMd5Sidecar', () => {
  it.each([
    ['GNU', `${md5}  ml-25m.zip\n`],
    ['GNU binary mode', `${md5} *ml-25m.zip`],
    ['BSD', `MD5 (ml-25m.zip) = ${md5}\n`],
    ['bare digest', `${md5}\n`],
    ['a single line naming another file', `${md5}  renamed.zip\n`],
    ['CRLF multi-line', `${'0'.repeat(32)}  other.zip\r\n${md5}  ml-25m.zip\r\n`],
  ])('reads %s', (_style, text) => {
    expect(parseMd5Sidecar(text, 'ml-25m.zip', 'x.md5').hex).toBe(md5);
  });

  it('fails clearly when no line fits', () => {
    expect(() => parseMd5Sidecar('<html>nope</html>', 'ml-25m.zip', 'https://host/ml-25m.zip.md5')).toThrow(
      ChecksumFormatError,
    );
    expect(() => parseMd5Sidecar(`${md5}  a.zip\n${md5}  b.zip\n`, 'c.zip', 'x')).toThrow(
      /no digest for c\.zip/,
    );
  });
});

describe('HashingStream', () => {
  it('hashes primed bytes and streamed bytes together', async () => {
    const hashing = new HashingStream(['md5', 'sha256']);
    hashing.prime(Buffer.from('hello '));
    hashing.end(Buffer.from('world'));
    for await (const _chunk of hashing) {
      // drain
    }
    expect(hashing.digests()).toEqual({
      md5: '5eb63bbbe01eeed093cb22bb8f5acdc3',
      sha256: 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
    });
  });
});
