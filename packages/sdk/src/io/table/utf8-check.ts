// UTF-8 validation of string columns: one native pass over a chunk's bytes (node:buffer `isUtf8`), plus a
// check that every value starts on a character boundary, which together prove each value valid; the
// per-value search runs only when something is wrong.
import { isUtf8 } from 'node:buffer';
import type { ColumnChunk } from './column-chunk.js';

/** The first row of a string column whose value is not valid UTF-8, or -1 (also for non-string columns). */
export function invalidUtf8Row(chunk: ColumnChunk): number {
  const { offsets, bytes, length } = chunk;
  if (!offsets || !bytes || length === 0) return -1;
  if (isUtf8(bytes.subarray(offsets[0], offsets[length])) && startsOnBoundaries(offsets, bytes, length)) {
    return -1;
  }
  for (let i = 0; i < length; i++) {
    if (!isUtf8(bytes.subarray(offsets[i], offsets[i + 1]))) return i;
  }
  return -1;
}

function startsOnBoundaries(offsets: Int32Array, bytes: Uint8Array, length: number): boolean {
  for (let i = 0; i < length; i++) {
    const start = offsets[i]!;
    if (offsets[i + 1]! > start && (bytes[start]! & 0xc0) === 0x80) return false;
  }
  return true;
}

/** Where the first invalid byte of `bytes` is, for messages: `byte 0xe9 at offset 3`; '' when valid. */
export function describeInvalidUtf8(bytes: Uint8Array): string {
  for (let at = 0; at < bytes.length; ) {
    const length = sequenceLength(bytes, at);
    if (length === 0) return `byte 0x${bytes[at]!.toString(16).padStart(2, '0')} at offset ${at}`;
    at += length;
  }
  return '';
}

/** Length of the valid UTF-8 sequence at `at` (RFC 3629: no overlongs, surrogates or > U+10FFFF), or 0. */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const b = bytes[at]!;
  if (b < 0x80) return 1;
  const [length, low, high] =
    b >= 0xc2 && b <= 0xdf
      ? [2, 0x80, 0xbf]
      : b === 0xe0
        ? [3, 0xa0, 0xbf]
        : b === 0xed
          ? [3, 0x80, 0x9f]
          : b >= 0xe1 && b <= 0xef
            ? [3, 0x80, 0xbf]
            : b === 0xf0
              ? [4, 0x90, 0xbf]
              : b === 0xf4
                ? [4, 0x80, 0x8f]
                : b >= 0xf1 && b <= 0xf3
                  ? [4, 0x80, 0xbf]
                  : [0, 0, 0];
  if (length === 0 || at + length > bytes.length) return 0;
  const second = bytes[at + 1]!;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) if ((bytes[at + k]! & 0xc0) !== 0x80) return 0;
  return length;
}
