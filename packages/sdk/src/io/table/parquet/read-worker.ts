// Reading a local Parquet file's row groups on a worker thread: the file is read, decompressed and decoded
// there while the caller's thread works on the previous row groups. Each row group's columns are
// transferred, not copied (an array sharing its memory with another is copied first), and the worker
// stays at most `ahead` row groups in front of the caller. Errors keep their message (and a
// ParquetFormatError its class).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { ColumnChunk } from '../column-chunk.js';
import { ParquetFormatError } from '../table-errors.js';
import { readColumnChunks } from './column-reader.js';
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

/** The columns with arrays that own their whole buffer (copies where not), and those buffers. */
function detachable(columns: readonly ColumnChunk[]): { columns: ColumnChunk[]; transfer: ArrayBuffer[] } {
  const transfer = new Set<ArrayBuffer>();
  const own = <T extends Arrays>(a: T): T => {
    if (!a) return a;
    const whole = a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;
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
