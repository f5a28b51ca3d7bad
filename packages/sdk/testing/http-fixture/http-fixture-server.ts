// The fault-injecting HTTP server tests use: the production loopback server (`src/samples/`) with a handler
// that records every request and mimics what real servers, proxies and CDNs do wrong.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  planResource,
  readBody,
  sendText,
  startLoopbackServer,
  type LoopbackBody,
} from '../../src/samples/index.js';
import { planFaults } from './fault-plan.js';
import type { FaultWindow, FixtureRoute, RecordedRequest } from './fixture-types.js';
import { finishBody, sendBody, untilClosed, writeHttp10Head, writeHttp11Head } from './fixture-wire.js';

export interface HttpFixtureServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Every request in arrival order (live array). */
  readonly requests: RecordedRequest[];
  /** Registers (or replaces) a route; returns its full URL. */
  route(path: string, route: FixtureRoute): string;
  urlFor(path: string): string;
  /** Requests whose path (without query) is `path`. */
  requestsFor(path: string): RecordedRequest[];
  close(): Promise<void>;
}

export interface HttpFixtureServerOptions {
  readonly routes?: Readonly<Record<string, FixtureRoute>>;
  /** Preferred port (default: any free one), as for the loopback server. */
  readonly port?: number;
}

const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Please sign in.</body></html>\n';

/** Starts a loopback HTTP server (127.0.0.1, random port) serving registered routes with fault knobs. */
export async function startHttpFixtureServer(
  options: HttpFixtureServerOptions = {},
): Promise<HttpFixtureServer> {
  const counts = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const server = await startLoopbackServer<FixtureRoute>({
    ...options,
    handle: (req, res, route, path) => {
      const index = counts.get(path) ?? 0;
      counts.set(path, index + 1);
      const record = recordOf(req, index);
      requests.push(record);
      return handle(req, res, route, record);
    },
  });
  return {
    ...server,
    requests,
    requestsFor: (path) => requests.filter((r) => new URL(r.path, 'http://fixture').pathname === path),
  };
}

function recordOf(req: IncomingMessage, index: number): RecordedRequest {
  const ifRange = req.headers['if-range'];
  return {
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    headers: req.headers,
    range: req.headers.range,
    ifRange: Array.isArray(ifRange) ? ifRange[0] : ifRange,
    index,
    status: 0,
    bytesSent: 0,
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  route: FixtureRoute | undefined,
  record: RecordedRequest,
): Promise<void> {
  const faults = route?.faults ?? {};
  const hits = (window: FaultWindow | undefined): boolean =>
    window !== undefined && record.index < (window.times ?? 1);
  const text = (status: number, body: string, type?: string) => {
    record.status = status;
    record.bytesSent = sendText(res, status, body, type);
  };
  if (!route || (!route.body && !route.redirect)) return text(404, 'not found\n');
  if (hits(faults.closeBeforeHeaders)) return void req.socket.destroy();
  if (hits(faults.stallHeaders)) return untilClosed(res);
  if (faults.status !== undefined) return text(faults.status, `status ${faults.status}\n`);
  if (faults.failFirst && record.index < faults.failFirst.count) {
    return text(faults.failFirst.status ?? 500, 'temporary failure\n');
  }
  if (route.redirect) {
    record.status = 302;
    res.writeHead(302, { location: route.redirect, 'content-length': '0' }).end();
    return;
  }
  if (faults.html) return text(200, HTML_PAGE, 'text/html; charset=utf-8');
  const plan = planFaults(
    planResource(req.headers, route.body as LoopbackBody, faults),
    faults,
    record.index,
  );
  record.status = plan.status;
  if (plan.status === 416) return void res.writeHead(416, plan.headers).end();
  const out = faults.http10 ? writeHttp10Head(req, plan, faults.http10) : writeHttp11Head(res, plan);
  if (req.method === 'HEAD') return void out.end();
  const body = readBody(plan.body, plan.start, plan.end);
  await sendBody(out, record, body, plan.limit, faults.bytesPerSecond);
  await finishBody(res, out, plan.ending, record.bytesSent);
}
