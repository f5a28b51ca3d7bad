// The wire side of the fault server: HTTP/1.1 or raw HTTP/1.0 heads, paced bodies, and how a body ends.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { BODY_CHUNK } from '../../src/samples/index.js';
import type { FaultPlan } from './fault-plan.js';
import type { FixtureFaults, RecordedRequest } from './fixture-types.js';

export function writeHttp11Head(res: ServerResponse, plan: FaultPlan): Writable {
  res.writeHead(plan.status, plan.headers);
  res.flushHeaders();
  return res;
}

/** Writes an HTTP/1.0 head straight to the socket; the body follows on the socket, which closes after it. */
export function writeHttp10Head(
  req: IncomingMessage,
  plan: FaultPlan,
  http10: FixtureFaults['http10'],
): Writable {
  const headers = Object.entries(plan.headers).filter(
    ([name]) => http10?.contentLength !== false || name !== 'content-length',
  );
  const lines = [`HTTP/1.0 ${plan.status} ${STATUS_CODES[plan.status] ?? ''}`, 'Server: SimpleHTTP/0.6'];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  lines.push('Connection: close', '', '');
  req.socket.write(lines.join('\r\n'));
  return req.socket;
}

export async function finishBody(
  res: ServerResponse,
  out: Writable,
  ending: FaultPlan['ending'],
  sent: number,
): Promise<void> {
  const socket = res.socket ?? (out as Socket);
  if (ending === 'end') return void out.end();
  if (ending === 'stall') return untilClosed(res);
  // Let what was written reach the client first, so the cut lands mid-body rather than wiping the buffer.
  await new Promise<void>((resolve) => out.write('', () => resolve()));
  if (sent > 0) await delay(200);
  if (ending === 'reset') socket.resetAndDestroy();
  else socket.destroy();
}

/** Holds a response open (sending nothing) until the client or `close()` ends the connection. */
export function untilClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => res.socket?.once('close', () => resolve()) ?? resolve());
}

export async function sendBody(
  out: Writable,
  record: RecordedRequest,
  source: AsyncIterable<Uint8Array>,
  limit: number,
  bytesPerSecond: number | undefined,
): Promise<void> {
  const slice = bytesPerSecond ? Math.max(1, Math.floor(bytesPerSecond / 20)) : BODY_CHUNK;
  for await (const chunk of source) {
    for (let offset = 0; offset < chunk.length && record.bytesSent < limit; offset += slice) {
      if (out.destroyed) return;
      const piece = chunk.subarray(offset, Math.min(offset + slice, offset + limit - record.bytesSent));
      record.bytesSent += piece.length;
      if (!out.write(piece)) await waitForDrain(out);
      if (bytesPerSecond) await delay((1000 * piece.length) / bytesPerSecond);
    }
    if (record.bytesSent >= limit) return;
  }
}

function waitForDrain(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}
