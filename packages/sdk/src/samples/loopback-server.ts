import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { planResource, readBody, type LoopbackBody } from './loopback-resource.js';

/** A path the loopback server answers: one resource, served with validators, ranges and HEAD. */
export interface LoopbackRoute {
  readonly body: LoopbackBody;
}

/**
 * Answers one request; `route` is what was registered for the request's path (without query), if anything.
 * The default serves `route.body`; test servers pass their own to inject faults.
 */
export type LoopbackHandler<R> = (
  req: IncomingMessage,
  res: ServerResponse,
  route: R | undefined,
  path: string,
) => Promise<void>;

export interface LoopbackServer<R = LoopbackRoute> {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Registers (or replaces) a route; returns its full URL. */
  route(path: string, route: R): string;
  urlFor(path: string): string;
  close(): Promise<void>;
}

export interface LoopbackServerOptions<R = LoopbackRoute> {
  readonly routes?: Readonly<Record<string, R>>;
  /**
   * Preferred port (default: any free one). Used when free, otherwise any free port: a stable port keeps
   * sample URLs, and so cache keys of tasks that take them, the same across `pnpm start` runs.
   */
  readonly port?: number;
}

/** Starts a `node:http` server on 127.0.0.1 serving registered routes (`pnpm start`'s sample datasets). */
export function startLoopbackServer(options?: LoopbackServerOptions): Promise<LoopbackServer<LoopbackRoute>>;
export function startLoopbackServer<R>(
  options: LoopbackServerOptions<R> & { readonly handle: LoopbackHandler<R> },
): Promise<LoopbackServer<R>>;
export async function startLoopbackServer<R>(
  options: LoopbackServerOptions<R> & { readonly handle?: LoopbackHandler<R> } = {},
): Promise<LoopbackServer<R>> {
  const routes = new Map<string, R>(Object.entries(options.routes ?? {}));
  const handle = options.handle ?? (serveRoute as LoopbackHandler<unknown>);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://loopback').pathname;
    handle(req, res, routes.get(path), path).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 1_000;
  await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    route(path, route) {
      routes.set(path, route);
      return `${url}${path}`;
    },
    urlFor: (path) => `${url}${path}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The default handler: 404 for an unknown path, otherwise the resource (200, 206, 416; HEAD sends no body). */
export async function serveRoute(
  req: IncomingMessage,
  res: ServerResponse,
  route: LoopbackRoute | undefined,
): Promise<void> {
  if (!route) return void sendText(res, 404, 'not found\n');
  const plan = planResource(req.headers, route.body);
  res.writeHead(plan.status, plan.headers);
  if (req.method === 'HEAD' || plan.status === 416) return void res.end();
  await pipeline(Readable.from(readBody(plan.body, plan.start, plan.end)), res);
}

/** A short text answer with its length; returns the bytes of the body. */
export function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain'): number {
  const length = Buffer.byteLength(text);
  res.writeHead(status, { 'content-type': type, 'content-length': String(length) }).end(text);
  return length;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (port !== 0 && error.code === 'EADDRINUSE') {
        server.listen(0, '127.0.0.1', resolve);
      } else {
        reject(error);
      }
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
}
