import { createRedactor } from '../secrets/index.js';
import { authHeaders, authHint, type KfpAuth } from './auth.js';
import { httpError, KfpConfigError, KfpNetworkError, KfpResponseError } from './errors.js';
import { fillPath, REQUEST_SHAPES, type OperationName } from './request-shapes.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface CallOptions {
  readonly path?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly json?: unknown;
  readonly form?: FormData;
  readonly signal?: AbortSignal;
}

export interface Transport {
  readonly host: string;
  call<T>(operation: OperationName, options?: CallOptions): Promise<T>;
}

export interface TransportOptions {
  readonly host: string;
  readonly auth: KfpAuth;
  readonly fetch?: FetchLike;
  readonly readTokenFile?: (path: string) => Promise<string>;
  /** Named in the hint of a "not authorized" error. */
  readonly namespace?: string;
}

/** Validates and normalises a host: `http(s)://host[:port][/prefix]`, no trailing slash. */
export function normaliseHost(host: string): string {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new KfpConfigError(`KFP host '${host}' is not a URL; expected e.g. http://localhost:8888`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new KfpConfigError(`KFP host '${host}' must use http or https`);
  }
  if (url.username || url.password) {
    throw new KfpConfigError(
      'KFP host must not embed credentials; use KF_PIPELINES_TOKEN or KF_PIPELINES_COOKIE',
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Sends declared requests only: every query key is checked against the operation's request shape. */
export function createTransport(options: TransportOptions): Transport {
  const host = normaliseHost(options.host);
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    host,
    async call<T>(operation: OperationName, call: CallOptions = {}): Promise<T> {
      const shape = REQUEST_SHAPES[operation];
      const url = `${host}${fillPath(shape.path, call.path ?? {})}${queryString(operation, call.query)}`;
      const auth = await authHeaders(options.auth, options.readTokenFile);
      const headers: Record<string, string> = { accept: 'application/json', ...auth.headers };
      let body: string | FormData | undefined;
      if (call.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(call.json);
      } else if (call.form) {
        body = call.form;
      }
      const redact = createRedactor({ secrets: auth.secrets });
      let response: Response;
      try {
        response = await doFetch(url, { method: shape.method, headers, body, signal: call.signal });
      } catch (error) {
        if (call.signal?.aborted) throw call.signal.reason;
        throw new KfpNetworkError(operation, host, redact(networkReason(error)));
      }
      const text = await response.text();
      if (!response.ok) {
        const message = redact(serverMessage(text));
        throw httpError(
          operation,
          response.status,
          message,
          redact(url),
          authHint(options.auth, options.namespace),
        );
      }
      return parseJson<T>(operation, text, url, redact);
    },
  };
}

function queryString(operation: OperationName, query: CallOptions['query']): string {
  const allowed: readonly string[] = REQUEST_SHAPES[operation].query;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (!allowed.includes(key)) throw new Error(`query parameter '${key}' is not declared for ${operation}`);
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** The message of a googleRpcStatus (`message`), of the upload server (`error_message`), or the raw text. */
export function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    for (const key of ['message', 'error_message', 'error']) {
      const value = body[key];
      if (typeof value === 'string' && value) return value;
    }
  } catch {
    // not JSON: fall through to the text itself
  }
  return text.trim().slice(0, 2000);
}

function parseJson<T>(operation: string, text: string, url: string, redact: (text: string) => string): T {
  if (!text.trim()) return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new KfpResponseError(
      redact(
        `${operation}: ${url} answered with non-JSON (${text.slice(0, 80).replace(/\s+/g, ' ')}...); ` +
          'is the host the KFP API (e.g. the /pipeline prefix behind the Kubeflow gateway)?',
      ),
    );
  }
}
