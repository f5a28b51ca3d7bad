import type { ByteRange } from './object-store.js';
import { InvalidRangeError } from './storage-errors.js';

/** First and last byte, both inclusive. */
export interface ResolvedRange {
  readonly start: number;
  readonly end: number;
}

function isCount(value: number | undefined): value is number {
  return value !== undefined && Number.isSafeInteger(value) && value >= 0;
}

/** The HTTP `Range` header value for a range, after checking that it is well formed. */
export function formatRange(range: ByteRange): string {
  const text = `bytes=${range.suffix !== undefined ? `-${range.suffix}` : `${range.start ?? ''}-${range.end ?? ''}`}`;
  if (range.suffix !== undefined) {
    if (range.start !== undefined || range.end !== undefined) {
      throw new InvalidRangeError(text, 'give either suffix or start/end, not both');
    }
    if (!isCount(range.suffix) || range.suffix === 0) {
      throw new InvalidRangeError(text, 'suffix must be a positive integer');
    }
    return text;
  }
  if (!isCount(range.start)) throw new InvalidRangeError(text, 'start must be a non-negative integer');
  if (range.end !== undefined && (!isCount(range.end) || range.end < range.start)) {
    throw new InvalidRangeError(text, 'end must be an integer >= start');
  }
  return text;
}

/** Resolves a range against an object size the way an HTTP server does (end and suffix clipped to the size). */
export function resolveRange(range: ByteRange, size: number): ResolvedRange {
  const text = formatRange(range);
  if (range.suffix !== undefined) {
    return { start: Math.max(0, size - range.suffix), end: size - 1 };
  }
  const start = range.start ?? 0;
  if (start >= size)
    throw new InvalidRangeError(text, `start is at or past the end of a ${size}-byte object`);
  return { start, end: Math.min(range.end ?? size - 1, size - 1) };
}
