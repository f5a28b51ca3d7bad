// Fingerprinting row groups on a worker thread, beside a thread busy producing them (the CSV conversion: its
// parser is the critical path; the fingerprint was ≈ 0.5 s of its ≈ 2 s at 25 M rows). Arrays on shared
// memory (the CSV scanner's, `allocValues(…, true)`) are read in place: `add` then returns only once the
// worker is done with every earlier row group, so a caller that refills the previous group's arrays after
// `add` (the scanner's two sets taking turns) never changes what the worker reads. Other arrays are copied
// into buffers the worker hands back for the next copies. The fingerprint is `TableFingerprinter`'s: it does
// not depend on the order or grouping of the rows.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import type { ColumnChunk } from '../column-chunk.js';
import type { TableSchema } from '../table-schema.js';
import { startModuleWorker } from '../../../util/module-worker.js';
import { TableFingerprinter } from './table-fingerprint.js';
import type { TableFingerprint } from './table-fingerprint.js';

const FINGERPRINT_KIND = 'capstone-fingerprint';
const FINGERPRINT_URL = new URL(import.meta.url);
/** Row groups copied and not yet added by the worker; `add` waits beyond this (1 with shared memory). */
const MAX_QUEUED = 3;

type Message = { readonly group: ColumnChunk[] } | { readonly finish: true };
type Reply =
  | { readonly added: ArrayBuffer[] }
  | { readonly fingerprint: TableFingerprint }
  | { readonly failure: string };

function serve(schema: TableSchema): void {
  const port = parentPort!;
  const fingerprinter = new TableFingerprinter(schema);
  port.on('message', (message: Message) => {
    try {
      if ('finish' in message) {
        port.postMessage({ fingerprint: fingerprinter.result() } satisfies Reply);
        return;
      }
      fingerprinter.add(message.group);
      const buffers = ownBuffers(message.group);
      port.postMessage({ added: buffers } satisfies Reply, buffers);
    } catch (error) {
      port.postMessage({ failure: String(error) } satisfies Reply);
    }
  });
}

if (!isMainThread && (workerData as { kind?: string } | undefined)?.kind === FINGERPRINT_KIND)
  serve((workerData as { schema: TableSchema }).schema);

/** The buffers of a group's arrays that are not shared memory (the copies, transferred both ways). */
function ownBuffers(group: readonly ColumnChunk[]): ArrayBuffer[] {
  return group
    .flatMap((c) => [c.values, c.valid, c.offsets, c.bytes])
    .flatMap((a) => (a && !(a.buffer instanceof SharedArrayBuffer) ? [a.buffer] : []));
}

/** `TableFingerprinter` on a worker thread; `add` returns when the caller may go on (see above). */
export class FingerprintWorker {
  private readonly worker: Worker;
  /** Buffers the worker handed back, by byte length, for the next copies. */
  private readonly free = new Map<number, ArrayBuffer[]>();
  private queued = 0;
  private room: (() => void) | undefined;
  private finished: { resolve: (f: TableFingerprint) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;
  private closed = false;

  constructor(schema: TableSchema) {
    this.worker = startModuleWorker(FINGERPRINT_URL, { kind: FINGERPRINT_KIND, schema });
    this.worker.on('message', (reply: Reply) => this.onReply(reply));
    this.worker.on('error', (error: Error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`fingerprint worker exited with code ${code}`)));
  }

  async add(chunks: readonly ColumnChunk[]): Promise<void> {
    if (this.failure) throw this.failure;
    const group = chunks.map((c) => this.copy(c));
    const buffers = ownBuffers(group);
    const inPlace =
      buffers.length < chunks.flatMap((c) => [c.values, c.valid, c.offsets, c.bytes]).filter(Boolean).length;
    this.queued++;
    this.worker.postMessage({ group } satisfies Message, buffers);
    const limit = inPlace ? 1 : MAX_QUEUED;
    while (this.queued > limit && !this.failure) await new Promise<void>((r) => (this.room = r));
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /** The fingerprint of every row group added; ends the worker. */
  async result(): Promise<TableFingerprint> {
    if (this.failure) throw this.failure;
    const done = new Promise<TableFingerprint>((resolve, reject) => (this.finished = { resolve, reject }));
    this.worker.postMessage({ finish: true } satisfies Message);
    try {
      return await done;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.worker.removeAllListeners();
    await this.worker.terminate();
  }

  private copy(chunk: ColumnChunk): ColumnChunk {
    const own = <T extends ArrayBufferView>(a: T | undefined, used: number): T | undefined => {
      if (!a || a.buffer instanceof SharedArrayBuffer) return a;
      const bytes = used * (a as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
      const buffer = this.free.get(bytes)?.pop() ?? new ArrayBuffer(bytes);
      const Ctor = a.constructor as new (b: ArrayBuffer) => T;
      const copy = new Ctor(buffer);
      (copy as unknown as { set(s: T): void }).set(
        (a as unknown as { subarray(s: number, e: number): T }).subarray(0, used),
      );
      return copy;
    };
    const n = chunk.length;
    const strings = chunk.offsets !== undefined;
    return {
      spec: chunk.spec,
      length: n,
      nullCount: chunk.nullCount,
      values: own(chunk.values, n),
      valid: own(chunk.valid, n),
      offsets: strings ? own(chunk.offsets, n + 1) : undefined,
      bytes: strings ? own(chunk.bytes, chunk.offsets?.[n] ?? 0) : undefined,
    };
  }

  private onReply(reply: Reply): void {
    if ('added' in reply) {
      for (const buffer of reply.added) {
        const list = this.free.get(buffer.byteLength) ?? [];
        list.push(buffer);
        this.free.set(buffer.byteLength, list);
      }
      this.queued--;
      this.room?.();
      this.room = undefined;
    } else if ('fingerprint' in reply) this.finished?.resolve(reply.fingerprint);
    else this.fail(new Error(`fingerprint worker: ${reply.failure}`));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.room?.();
    this.room = undefined;
    this.finished?.reject(this.failure);
  }
}
