import type { IncomingHttpHeaders } from 'node:http';
import {
  ContentLengthMismatchError,
  DownloadForbiddenError,
  DownloadHttpError,
  DownloadNotFoundError,
  UnexpectedHtmlError,
} from './download-errors.js';
import { isRetryableStatus, TransientError } from './retry-policy.js';

/** What a response tells us about where its body starts and how large the resource is. */
export interface ResponsePlan {
  /** Offset of the first body byte in the resource. */
  readonly start: number;
  /** Size of the whole resource, when known. */
  readonly total: number | undefined;
  /** Strong ETag, else Last-Modified: what `If-Range` sends on a resume. */
  readonly validator: string | undefined;
  readonly contentType: string | undefined;
  /** The resource is already complete at the requested offset (416 with a matching size). */
  readonly complete: boolean;
}

/**
 * Classifies an answer to `GET url` sent with `Range: bytes=<offset>-` (or without Range when offset is 0).
 * Throws the typed error for final failures and a `TransientError` for retryable ones.
 */
export function planResponse(
  url: string,
  status: number,
  headers: IncomingHttpHeaders,
  offset: number,
  expectBinary: boolean,
): ResponsePlan {
  if (status === 404 || status === 410) throw new DownloadNotFoundError(url, status);
  if (status === 401 || status === 403) throw new DownloadForbiddenError(url, status);
  if (isRetryableStatus(status)) throw new TransientError(`HTTP ${status}`, retryAfter(headers));
  const contentType = header(headers, 'content-type');
  const validator = validatorOf(headers);
  if (status === 416) {
    const total = parseContentRange(header(headers, 'content-range'))?.total;
    if (total !== undefined && total === offset)
      return { start: offset, total, validator, contentType, complete: true };
    throw new DownloadHttpError(
      url,
      status,
      `${url} answered 416 to a request from byte ${offset} (size ${total ?? 'unknown'})`,
    );
  }
  if (status !== 200 && status !== 206) throw new DownloadHttpError(url, status);
  if (expectBinary && contentType && /^text\/html\b/i.test(contentType))
    throw new UnexpectedHtmlError(url, contentType);
  if (status === 200) {
    return {
      start: 0,
      total: numberHeader(headers, 'content-length'),
      validator,
      contentType,
      complete: false,
    };
  }
  const range = parseContentRange(header(headers, 'content-range'));
  if (!range || range.start === undefined) {
    throw new DownloadHttpError(url, status, `${url} answered 206 without a usable Content-Range header`);
  }
  return { start: range.start, total: range.total, validator, contentType, complete: false };
}

/** Checks a resumed part against what the first response promised. */
export function checkResumedTotal(url: string, promised: number | undefined, plan: ResponsePlan): void {
  if (promised === undefined || plan.total === undefined || promised === plan.total) return;
  throw new ContentLengthMismatchError(url, promised, plan.total);
}

// Parses `bytes 10-99/100`, `bytes */100` (416) or `bytes 10-99/*` (size unknown).
export function parseContentRange(value: string | undefined): { start?: number; total?: number } | undefined {
  const match = value ? /^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)$/i.exec(value.trim()) : null;
  if (!match) return undefined;
  return {
    ...(match[1] !== undefined ? { start: Number(match[1]) } : {}),
    ...(match[3] !== undefined && match[3] !== '*' ? { total: Number(match[3]) } : {}),
  };
}

const HTML_START = /^\s*(<!doctype html|<html[\s>])/i;

/** True when the first bytes of a body look like an HTML document. */
export function looksLikeHtml(firstBytes: Uint8Array): boolean {
  const text = Buffer.from(firstBytes.subarray(0, 512))
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '');
  return HTML_START.test(text);
}

function validatorOf(headers: IncomingHttpHeaders): string | undefined {
  const etag = header(headers, 'etag');
  if (etag && !etag.startsWith('W/')) return etag;
  return header(headers, 'last-modified');
}

function retryAfter(headers: IncomingHttpHeaders): number | undefined {
  const value = header(headers, 'retry-after');
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

function numberHeader(headers: IncomingHttpHeaders, name: string): number | undefined {
  const value = header(headers, name);
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
