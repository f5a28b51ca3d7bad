// Reading a local Parquet file's row groups on a worker thread: the file is read, decompressed and decoded
// there while the caller's thread works on the previous row groups. Each row group's columns are
// transferred, not copied (an array sharing its memory with another is copied first), and the worker
// stays at most `ahead` row groups in front of the caller. Errors keep their message (and a
// ParquetFormatError its class).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import type { ColumnChunk } from '../column-chunk.js';
import { ParquetFormatError } from '../table-errors.js';
import { readColumnChunks } from './column-reader.js';
import { ValuesPool } from './values-pool.js';
import type { ReadColumnsOptions } from './column-reader.js';
import { startModuleWorker } from '../../../util/module-worker.js';

const READ_WORKER_KIND = 'capstone-parquet-read';
const READ_WORKER_URL = new URL(import.meta.url);

interface ReadWorkerData {
  readonly kind: typeof READ_WORKER_KIND;
  readonly file: string;
  readonly options: ReadColumnsOptions;
  readonly ahead: number;
}

interface Failure {
  readonly name: string;
  readonly message: string;
  readonly file?: string;
  readonly reason?: string;
}

type ReadReply = { readonly group: ColumnChunk[] } | { readonly done: true } | { readonly failure: Failure };

type Arrays = ColumnChunk['values'] | Int32Array | Uint8Array | undefined;

/**
 * The columns with arrays that own their whole buffer, or a buffer `pool` lent them (copies where not), and
 * those buffers.
 */
function detachable(
  columns: readonly ColumnChunk[],
  pool?: ValuesPool,
): { columns: ColumnChunk[]; transfer: ArrayBuffer[] } {
  const transfer = new Set<ArrayBuffer>();
  const own = <T extends Arrays>(a: T): T => {
    if (!a) return a;
    const whole = (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) || !!pool?.owns(a.buffer);
    const mine = whole && a.buffer instanceof ArrayBuffer && !transfer.has(a.buffer) ? a : (a.slice() as T);
    transfer.add(mine!.buffer as ArrayBuffer);
    return mine;
  };
  const out = columns.map((c) => ({
    ...c,
    values: own(c.values),
    offsets: own(c.offsets),
    bytes: own(c.bytes),
    valid: own(c.valid),
  }));
  return { columns: out, transfer: [...transfer] };
}

function failureOf(error: unknown): Failure {
  if (error instanceof ParquetFormatError)
    return { name: error.name, message: error.message, file: error.file, reason: error.reason };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

function errorOf(failure: Failure): Error {
  if (failure.name === 'ParquetFormatError' && failure.file !== undefined && failure.reason !== undefined)
    return new ParquetFormatError(failure.file, failure.reason);
  const error = new Error(failure.message);
  error.name = failure.name;
  return error;
}

async function serve(data: ReadWorkerData): Promise<void> {
  const port = parentPort!;
  let credits = data.ahead;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credits++;
    wake?.();
  });
  try {
    for await (const group of readColumnChunks(data.file, data.options)) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      const { columns, transfer } = detachable(group);
      port.postMessage({ group: columns } satisfies ReadReply, transfer);
    }
    port.postMessage({ done: true } satisfies ReadReply);
  } catch (error) {
    port.postMessage({ failure: failureOf(error) } satisfies ReadReply);
  }
}

if (!isMainThread && (workerData as ReadWorkerData | undefined)?.kind === READ_WORKER_KIND) {
  void serve(workerData as ReadWorkerData);
}

/**
 * `readColumnChunks` on a worker thread: the same row groups, in order, decoded while the caller works.
 * Memory: up to `ahead` (default 2) decoded row groups besides the one the caller holds.
 */
export async function* readColumnChunksInWorker(
  file: string,
  options: ReadColumnsOptions = {},
  ahead = 2,
): AsyncGenerator<ColumnChunk[]> {
  const data: ReadWorkerData = { kind: READ_WORKER_KIND, file, options, ahead };
  const worker = startModuleWorker(READ_WORKER_URL, data);
  const replies: ReadReply[] = [];
  let stopped: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on('message', (reply: ReadReply) => {
    replies.push(reply);
    wake?.();
  });
  worker.on('error', (error: Error) => {
    stopped ??= error;
    wake?.();
  });
  worker.on('exit', (code) => {
    stopped ??= new Error(`Parquet read worker for ${file} exited with code ${code}`);
    wake?.();
  });
  try {
    for (;;) {
      while (replies.length === 0) {
        if (stopped) throw stopped;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const reply = replies.shift()!;
      if ('failure' in reply) throw errorOf(reply.failure);
      if ('done' in reply) return;
      worker.postMessage('next');
      yield reply.group;
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}

// One worker for many files (no worker start per file): the caller asks for a file, the worker reads it.
const MANY_KIND = 'capstone-parquet-read-many';

type Request =
  | {
      readonly type: 'read';
      readonly id: number;
      readonly file: string;
      readonly options: ReadColumnsOptions;
    }
  | { readonly type: 'more' | 'cancel'; readonly id: number }
  | { readonly type: 'recycle'; readonly buffers: readonly ArrayBuffer[] };

type ManyReply = ReadReply & { readonly id: number };

function serveMany(ahead: number): void {
  const port = parentPort!;
  const credit = new Map<number, { left: number; wake?: () => void }>();
  const pool = new ValuesPool();
  const read = async (id: number, file: string, options: ReadColumnsOptions): Promise<void> => {
    const c = credit.get(id)!;
    try {
      for await (const group of readColumnChunks(file, options, pool.allocate)) {
        while (credit.get(id) === c && c.left === 0) await new Promise<void>((resolve) => (c.wake = resolve));
        if (credit.get(id) !== c) return;
        c.left--;
        const { columns, transfer } = detachable(group, pool);
        port.postMessage({ id, group: columns } satisfies ManyReply, transfer);
      }
      port.postMessage({ id, done: true } satisfies ManyReply);
    } catch (error) {
      port.postMessage({ id, failure: failureOf(error) } satisfies ManyReply);
    } finally {
      credit.delete(id);
    }
  };
  port.on('message', (request: Request) => {
    if (request.type === 'recycle') return pool.give(request.buffers);
    if (request.type === 'read') {
      credit.set(request.id, { left: ahead });
      void read(request.id, request.file, request.options);
      return;
    }
    const c = credit.get(request.id);
    if (!c) return;
    if (request.type === 'cancel') credit.delete(request.id);
    else c.left++;
    c.wake?.();
  });
}

if (!isMainThread && (workerData as { kind?: string } | undefined)?.kind === MANY_KIND) {
  serveMany((workerData as { ahead: number }).ahead);
}

/**
 * `readColumnChunksInWorker` for several files in turn on one worker thread, started once (a worker start
 * loads the whole component bundle). One file at a time; close it when done.
 */
export class ParquetReadWorker {
  private readonly worker: Worker;
  private next = 0;
  private readonly inbox: ManyReply[] = [];
  private wake: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(ahead = 2) {
    this.worker = startModuleWorker(READ_WORKER_URL, { kind: MANY_KIND, ahead });
    this.worker.on('message', (reply: ManyReply) => {
      this.inbox.push(reply);
      this.wake?.();
    });
    this.worker.on('error', (error: Error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`Parquet read worker exited with code ${code}`)));
  }

  /** The file's row groups, in order, as `readColumnChunks` gives them. */
  async *read(file: string, options: ReadColumnsOptions = {}): AsyncGenerator<ColumnChunk[]> {
    const id = ++this.next;
    this.inbox.length = 0;
    this.worker.postMessage({ type: 'read', id, file, options } satisfies Request);
    let finished = false;
    try {
      for (;;) {
        const reply = await this.receive(id);
        if ('group' in reply) {
          this.worker.postMessage({ type: 'more', id } satisfies Request);
          yield reply.group;
          continue;
        }
        finished = true;
        if ('failure' in reply) throw errorOf(reply.failure);
        return;
      }
    } finally {
      if (!finished) this.worker.postMessage({ type: 'cancel', id } satisfies Request);
    }
  }

  /**
   * Gives a row group's values arrays back to the worker for a later row group to be decoded into (no
   * fresh memory per row group). The caller must be done with them: they are detached here (length 0).
   */
  release(group: readonly ColumnChunk[]): void {
    const buffers = group.flatMap((c) => (c.values ? [c.values.buffer as ArrayBuffer] : []));
    const unique = [...new Set(buffers)].filter((b) => b.byteLength > 0);
    this.worker.postMessage({ type: 'recycle', buffers: unique } satisfies Request, unique);
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private async receive(id: number): Promise<ManyReply> {
    for (;;) {
      const i = this.inbox.findIndex((r) => r.id === id);
      if (i >= 0) return this.inbox.splice(i, 1)[0]!;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake?.();
  }
}
