import { envInteger } from '../../util/env-number.js';
import { redact } from '../../secrets/index.js';
import { FetchSettingsError, InvalidDownloadUrlError } from './download-errors.js';

/** Environment variables that tune every download (a task reads them once, at its entry point). */
export const FETCH_ENV = {
  connectTimeoutMs: 'CAPSTONE_HTTP_CONNECT_TIMEOUT_MS',
  idleTimeoutMs: 'CAPSTONE_HTTP_IDLE_TIMEOUT_MS',
  maxAttempts: 'CAPSTONE_HTTP_MAX_ATTEMPTS',
} as const;

export interface FetchSettings {
  /** Time allowed to open a TCP/TLS connection. */
  readonly connectTimeoutMs: number;
  /** Time allowed without a byte: waiting for headers, or between body chunks (a stalled server). */
  readonly idleTimeoutMs: number;
  /** Attempts in a row without progress before a download gives up (first try included). */
  readonly maxAttempts: number;
}

export const DEFAULT_FETCH_SETTINGS: FetchSettings = {
  connectTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  maxAttempts: 6,
};

/** Reads `FETCH_ENV` with the defaults; a set but malformed value is an error naming the variable. */
export function readFetchSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
): FetchSettings {
  const read = (key: keyof FetchSettings): number => {
    const name = FETCH_ENV[key];
    const value = envInteger(env, name, DEFAULT_FETCH_SETTINGS[key]);
    if (value === undefined) throw new FetchSettingsError(name, env[name] ?? '');
    return value;
  };
  return {
    connectTimeoutMs: read('connectTimeoutMs'),
    idleTimeoutMs: read('idleTimeoutMs'),
    maxAttempts: read('maxAttempts'),
  };
}

const PROTOCOLS = ['http:', 'https:', 'file:'];

/**
 * Parses a download URL, or throws `InvalidDownloadUrlError` naming `name` (e.g. `parameter url`), the
 * (redacted) value and what is accepted: an absolute http://, https:// or file:// URL.
 */
export function parseDownloadUrl(value: string | URL, name = 'download URL'): URL {
  const text = String(value).trim();
  if (text === '') throw new InvalidDownloadUrlError(name, '', 'it is empty');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidDownloadUrlError(name, redact(text), 'it is not an absolute URL');
  }
  if (!PROTOCOLS.includes(url.protocol)) {
    throw new InvalidDownloadUrlError(name, redact(text), `protocol ${url.protocol} is not supported`);
  }
  return url;
}
