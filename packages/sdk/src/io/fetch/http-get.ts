// One HTTP(S) GET on Node's own client (no HTTP library in the bundle: a download task starts as fast as bare
// node), with the connect, headers and idle timeouts of FetchSettings and up to 5 redirects. Errors carry
// a `code` that retry-policy.ts classifies.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { FetchSettings } from './fetch-settings.js';

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 16 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 16 }),
};

/** A network failure with a code (`CAPSTONE_CONNECT_TIMEOUT`, …) that `isTransient` knows. */
export class HttpNetworkError extends Error {
  override readonly name = 'HttpNetworkError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface HttpGetOptions {
  readonly headers: Readonly<Record<string, string>>;
  readonly settings: FetchSettings;
  readonly signal?: AbortSignal;
}

/**
 * GETs `url`, following redirects; resolves with the response once its headers arrived. The body then
 * fails with `CAPSTONE_BODY_TIMEOUT` when no byte arrives within the idle timeout. After too many
 * redirects the last 3xx response is returned, for the caller to report.
 */
export async function httpGet(url: string, options: HttpGetOptions): Promise<IncomingMessage> {
  let headers = { ...options.headers };
  for (let hops = 0; ; hops += 1) {
    const response = await getOnce(url, headers, options);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.statusCode ?? 0) || !location || hops >= MAX_REDIRECTS) return response;
    response.destroy();
    const next = new URL(location, url);
    if (next.origin !== new URL(url).origin) {
      headers = Object.fromEntries(
        Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.includes(name.toLowerCase())),
      );
    }
    url = next.href;
  }
}

function getOnce(
  url: string,
  headers: Readonly<Record<string, string>>,
  { settings, signal }: HttpGetOptions,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const agent = agents[target.protocol as keyof typeof agents];
    const request = send(target, { method: 'GET', headers, agent, ...(signal ? { signal } : {}) });
    let timer: NodeJS.Timeout | undefined;
    const fail = (code: string, message: string) => () =>
      request.destroy(new HttpNetworkError(code, `${message} (${url})`));
    const waitHeaders = (): void => {
      clearTimeout(timer);
      timer = setTimeout(
        fail('CAPSTONE_HEADERS_TIMEOUT', `no response headers within ${settings.idleTimeoutMs} ms`),
        settings.idleTimeoutMs,
      );
    };
    request.on('socket', (socket) => {
      if (!socket.connecting) return waitHeaders();
      timer = setTimeout(
        fail('CAPSTONE_CONNECT_TIMEOUT', `no connection within ${settings.connectTimeoutMs} ms`),
        settings.connectTimeoutMs,
      );
      socket.once(target.protocol === 'https:' ? 'secureConnect' : 'connect', waitHeaders);
    });
    request.on('response', (response) => {
      clearTimeout(timer);
      request.setTimeout(settings.idleTimeoutMs, () =>
        response.destroy(
          new HttpNetworkError(
            'CAPSTONE_BODY_TIMEOUT',
            `no data within ${settings.idleTimeoutMs} ms (${url})`,
          ),
        ),
      );
      response.once('close', () => request.setTimeout(0));
      resolve(response);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // Node's words for a connection the server closed without sending a status line.
      const unanswered = error.code === 'ECONNRESET' && error.message === 'socket hang up';
      reject(unanswered ? new HttpNetworkError('CAPSTONE_NO_ANSWER', `socket hang up (${url})`) : error);
    });
    request.end();
  });
}
