// A TCP proxy in front of a real server (Ceph RGW in the tests) that stalls, resets or answers 503 on demand.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * What happens to connections:
 * - `pass`: forward both ways.
 * - `stall`: accept, then forward nothing either way (a hung server or a black-holed network).
 * - `reset`: reset (TCP RST) each connection once more than `afterBytes` bytes travelled from the client, e.g.
 *   only the ones carrying upload bodies, while small requests pass.
 */
export type ProxyMode =
  | { readonly kind: 'pass' }
  | { readonly kind: 'stall' }
  | { readonly kind: 'reset'; readonly afterBytes: number };

export interface TcpFaultProxy {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  setMode(mode: ProxyMode): void;
  /** Answer the next `count` HTTP requests with `503 SlowDown` (S3's throttling error) and close their connection. */
  slowDownNext(count: number): void;
  /** Connections reset and requests answered 503 so far. */
  readonly stats: { resets: number; slowDowns: number; connections: number };
  close(): Promise<void>;
}

const SLOW_DOWN_BODY =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>';
const REQUEST_START = /^(GET|PUT|POST|HEAD|DELETE) /;

/** Starts a proxy on a free loopback port that forwards to `target` (`http://host:port`). */
export async function startTcpFaultProxy(target: string): Promise<TcpFaultProxy> {
  const { hostname, port } = new URL(target);
  let mode: ProxyMode = { kind: 'pass' };
  let slowDowns = 0;
  const stats = { resets: 0, slowDowns: 0, connections: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    stats.connections += 1;
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (mode.kind === 'stall') {
      client.pause();
      return;
    }
    const upstream = createConnection({ host: hostname, port: Number(port) });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    let fromClient = 0;
    client.on('data', (chunk: Buffer) => {
      if (slowDowns > 0 && REQUEST_START.test(chunk.subarray(0, 8).toString('latin1'))) {
        slowDowns -= 1;
        stats.slowDowns += 1;
        client.end(
          `HTTP/1.1 503 Slow Down\r\ncontent-type: application/xml\r\ncontent-length: ${SLOW_DOWN_BODY.length}\r\n` +
            `connection: close\r\n\r\n${SLOW_DOWN_BODY}`,
        );
        upstream.destroy();
        return;
      }
      fromClient += chunk.length;
      if (mode.kind === 'reset' && fromClient > mode.afterBytes) {
        stats.resets += 1;
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      if (mode.kind === 'stall') return;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (mode.kind !== 'stall') client.write(chunk);
    });
    client.once('end', () => upstream.end());
    upstream.once('end', () => client.end());
    client.once('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    setMode(next) {
      mode = next;
      // Kept-alive connections would dodge the new mode; make clients reconnect.
      if (next.kind !== 'pass') for (const socket of sockets) socket.destroy();
    },
    slowDownNext(count) {
      slowDowns += count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
