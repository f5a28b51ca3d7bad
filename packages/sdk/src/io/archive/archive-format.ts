// What a file is, from its first bytes: so a zip given where a tar.gz is expected is named as a zip.
import { Header } from 'tar';

export const ARCHIVE_FORMATS = [
  'gzip',
  'tar',
  'zip',
  'bzip2',
  'xz',
  'zstd',
  '7z',
  'rar',
  'html',
  'text',
  'empty',
  'unknown',
] as const;
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number];

/** Bytes `sniffFormat` needs to tell a tar (header checksum in the first 512-byte block) from the rest. */
export const SNIFF_BYTES = 512;

const MAGIC: ReadonlyArray<readonly [ArchiveFormat, readonly number[]]> = [
  ['gzip', [0x1f, 0x8b]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['zip', [0x50, 0x4b, 0x05, 0x06]],
  ['zip', [0x50, 0x4b, 0x07, 0x08]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['rar', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
];

const DESCRIPTIONS: Readonly<Record<ArchiveFormat, string>> = {
  gzip: 'a gzip file',
  tar: 'a tar archive',
  zip: 'a zip archive',
  bzip2: 'a bzip2-compressed file',
  xz: 'an xz-compressed file',
  zstd: 'a zstd-compressed file',
  '7z': 'a 7-Zip archive',
  rar: 'a RAR archive',
  html: 'an HTML page',
  text: 'a text file',
  empty: 'empty (0 bytes)',
  unknown: 'not a known archive format',
};

/** Identifies a file from its first bytes (up to `SNIFF_BYTES`). */
export function sniffFormat(head: Uint8Array): ArchiveFormat {
  if (head.length === 0) return 'empty';
  for (const [format, magic] of MAGIC) {
    if (magic.every((byte, index) => head[index] === byte)) return format;
  }
  if (head.length >= SNIFF_BYTES && isTarHeader(head.subarray(0, SNIFF_BYTES))) return 'tar';
  const text = Buffer.from(head).toString('latin1');
  if (/^\s*(<!doctype html|<html[\s>])/i.test(text.replace(/^\xef\xbb\xbf/, ''))) return 'html';
  if (isMostlyText(head)) return 'text';
  return 'unknown';
}

/** `a zip archive`, or for unknown formats the first bytes, so the user can see what arrived. */
export function describeFormat(format: ArchiveFormat, head: Uint8Array): string {
  if (format === 'text') {
    const line = Buffer.from(head.subarray(0, 60)).toString('utf8').split(/\r?\n/)[0] ?? '';
    return `${DESCRIPTIONS.text} starting ${JSON.stringify(line)}`;
  }
  if (format === 'unknown') {
    const bytes = Buffer.from(head.subarray(0, 8))
      .toString('hex')
      .replace(/(..)(?!$)/g, '$1 ');
    return `${DESCRIPTIONS.unknown} (it starts with bytes ${bytes})`;
  }
  return DESCRIPTIONS[format];
}

function isTarHeader(block: Uint8Array): boolean {
  try {
    const header = new Header(Buffer.from(block));
    return header.cksumValid && !header.nullBlock && Boolean(header.path);
  } catch {
    return false;
  }
}

function isMostlyText(head: Uint8Array): boolean {
  const sample = head.subarray(0, 512);
  let printable = 0;
  for (const byte of sample)
    if (byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte < 127)) printable++;
  return printable / sample.length > 0.95;
}
