// What a fault-server route is: a body or a redirect, and fault knobs; and what it records of each request.
import type { IncomingHttpHeaders } from 'node:http';
import type { LoopbackBody } from '../../src/samples/index.js';

/** Fault knobs; each one mimics something real servers, proxies and CDNs do. */
export interface FixtureFaults {
  /** Always answer with this status (e.g. 403, 404) and a short text body. */
  readonly status?: number;
  /** Answer the first `count` requests with `status` (default 500), then serve normally. */
  readonly failFirst?: { readonly count: number; readonly status?: number };
  /** Drop the connection after `bytes` body bytes, for the first `times` requests (default 1). */
  readonly dropAfter?: { readonly bytes: number; readonly times?: number };
  /** Never send bytes at or past this absolute offset: every request is cut there. */
  readonly truncateAt?: number;
  /** Trickle the body at this rate. */
  readonly bytesPerSecond?: number;
  /** Announce Content-Length off by this much; a larger value is followed by a dropped connection. */
  readonly contentLengthDelta?: number;
  /** Ignore Range headers and always send the whole body with 200. */
  readonly noRange?: boolean;
  /** Serve an HTML page (200, text/html) instead of the body. */
  readonly html?: boolean;
  /** Override or suppress (`false`) the validators. */
  readonly etag?: string | false;
  readonly lastModified?: Date | false;
  readonly contentType?: string;
  /** Every request stalls (sends nothing more, keeps the connection) on reaching this absolute offset. */
  readonly stallAt?: number;
  /** Every request is reset (TCP RST) on reaching this absolute offset. */
  readonly resetAt?: number;
  /** Send `bytes` body bytes, then nothing more without closing: a stalled server. */
  readonly stallAfter?: { readonly bytes: number } & FaultWindow;
  /** Read the request and never answer, not even headers. */
  readonly stallHeaders?: FaultWindow;
  /** Send `bytes` body bytes, then reset the connection (TCP RST). */
  readonly resetAfter?: { readonly bytes: number } & FaultWindow;
  /** Close the connection before answering at all. */
  readonly closeBeforeHeaders?: FaultWindow;
  /**
   * Answer like an HTTP/1.0 server (Python's `http.server`): `HTTP/1.0` status line, `Connection: close`, the
   * connection closed after the body. `contentLength: false` leaves out Content-Length, so the body ends
   * where the connection closes and a cut body looks complete.
   */
  readonly http10?: { readonly contentLength?: boolean };
}

/** Which requests of a route a fault hits: the first `times` (default 1; `Infinity` for every one). */
export interface FaultWindow {
  readonly times?: number;
}

export interface FixtureRoute {
  readonly body?: LoopbackBody;
  /** Answer 302 to this location (absolute or path). */
  readonly redirect?: string;
  readonly faults?: FixtureFaults;
}

/** One request as the server saw it; `status` and `bytesSent` fill in while the response goes out. */
export interface RecordedRequest {
  readonly method: string;
  /** Path with query string. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly range: string | undefined;
  readonly ifRange: string | undefined;
  /** Requests to the same route before this one (0 for the first); fault windows count these. */
  readonly index: number;
  status: number;
  bytesSent: number;
}
