// The resource side of the fixture server: bodies, sizes, validators and Range/If-Range handling.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { FixtureBody, FixtureFaults, RecordedRequest } from './http-fixture-server.js';

const FIXED_LAST_MODIFIED = new Date('2024-01-02T03:04:05Z');
export const CHUNK = 64 * 1024;

export async function* readBody(body: FixtureBody, start: number, end: number): AsyncIterable<Uint8Array> {
  if (end < start) return;
  if ('bytes' in body) {
    const bytes = typeof body.bytes === 'string' ? Buffer.from(body.bytes) : body.bytes;
    for (let offset = start; offset <= end; offset += CHUNK)
      yield bytes.subarray(offset, Math.min(offset + CHUNK, end + 1));
  } else if ('file' in body) {
    yield* createReadStream(body.file, { start, end }) as AsyncIterable<Buffer>;
  } else {
    yield* body.generate(start, end);
  }
}

export function bodySize(body: FixtureBody): number {
  if ('bytes' in body)
    return typeof body.bytes === 'string' ? Buffer.byteLength(body.bytes) : body.bytes.length;
  if ('file' in body) return statSync(body.file).size;
  return body.size;
}

export function defaultEtag(body: FixtureBody, size: number): string {
  if ('bytes' in body) return `"${createHash('sha1').update(body.bytes).digest('hex').slice(0, 16)}"`;
  if ('file' in body) return `"${size.toString(16)}-${statSync(body.file).mtimeMs.toString(16)}"`;
  return `"gen-${size.toString(16)}"`;
}

export function defaultLastModified(body: FixtureBody): Date {
  return 'file' in body ? statSync(body.file).mtime : FIXED_LAST_MODIFIED;
}

export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start >= size || end < start ? 'unsatisfiable' : { start, end };
}

export function ifRangeMatches(
  ifRange: string | undefined,
  etag: string | undefined,
  lastModified: Date | undefined,
): boolean {
  if (ifRange === undefined) return true;
  if (ifRange.startsWith('"') || ifRange.startsWith('W/'))
    return etag !== undefined && ifRange === etag && !etag.startsWith('W/');
  return lastModified !== undefined && ifRange === lastModified.toUTCString();
}

export interface BodyPlan {
  readonly body: FixtureBody;
  readonly size: number;
  readonly status: 200 | 206 | 416;
  readonly headers: Record<string, string>;
  readonly start: number;
  readonly end: number;
  /** Body bytes to send before `ending`. */
  readonly limit: number;
  readonly ending: 'end' | 'drop' | 'stall' | 'reset';
}

export function planBody(
  req: IncomingMessage,
  body: FixtureBody,
  faults: FixtureFaults,
  record: RecordedRequest,
): BodyPlan {
  const size = bodySize(body);
  const etag = faults.etag === false ? undefined : (faults.etag ?? defaultEtag(body, size));
  const lastModified =
    faults.lastModified === false ? undefined : (faults.lastModified ?? defaultLastModified(body));
  const headers: Record<string, string> = {
    'content-type': faults.contentType ?? 'application/octet-stream',
    'accept-ranges': faults.noRange ? 'none' : 'bytes',
  };
  if (etag) headers.etag = etag;
  if (lastModified) headers['last-modified'] = lastModified.toUTCString();
  let [start, end, status] = [0, size - 1, 200 as 200 | 206 | 416];
  const range = faults.noRange ? undefined : parseRange(req.headers.range, size);
  if (range && ifRangeMatches(record.ifRange, etag, lastModified)) {
    if (range === 'unsatisfiable') status = 416;
    else [start, end, status] = [range.start, range.end, 206];
    if (range !== 'unsatisfiable') headers['content-range'] = `bytes ${start}-${end}/${size}`;
  }
  record.status = status;
  const length = end - start + 1;
  const delta = faults.contentLengthDelta ?? 0;
  headers['content-length'] = String(Math.max(0, length + delta));
  let limit = delta < 0 ? length + delta : length;
  let ending: BodyPlan['ending'] = delta > 0 ? 'drop' : 'end';
  const index = record.index;
  if (faults.dropAfter && index < (faults.dropAfter.times ?? 1) && faults.dropAfter.bytes < limit) {
    [limit, ending] = [faults.dropAfter.bytes, 'drop'];
  }
  for (const [at, kind] of [
    [faults.truncateAt, 'drop'],
    [faults.stallAt, 'stall'],
    [faults.resetAt, 'reset'],
  ] as const) {
    if (at !== undefined && at - start < limit) [limit, ending] = [Math.max(0, at - start), kind];
  }
  return { body, size, status, headers, start, end, limit, ending };
}
