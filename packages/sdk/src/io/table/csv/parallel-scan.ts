// CSV parsing on worker threads so that parsing and the Parquet encoding/compression (main thread and the
// libuv pool) use every core. The main thread reads the file in chunks that end at a newline outside
// quotes, hands them round-robin to the workers, and reassembles their rows in file order into row groups
// of exactly the single-thread scanner's size: the Parquet file is byte for byte the same. Line numbers in
// errors are absolute (each chunk's replies are relative to its first line; the main thread adds its base).
import { readSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../../util/module-worker.js';
import type { ColumnChunk } from '../column-chunk.js';
import { CsvRowError } from '../table-errors.js';
import type { TableSchema } from '../table-schema.js';
import { CsvScanner } from './csv-scanner.js';
import {
  PARSE_WORKER_KIND,
  PARSE_WORKER_URL,
  type ParseReply,
  type ParseRequest,
  type ParseWorkerData,
} from './parse-worker.js';
import { RowGroupAssembler } from './row-group-assembler.js';

const LF = 10;
const QUOTE = 34;

export interface ParallelScanOptions {
  readonly file: string;
  readonly schema: TableSchema;
  readonly rowGroupSize: number;
  /** Line of the first record (after the header). */
  readonly firstLine: number;
  readonly workers: number;
  /** Bytes per chunk handed to a worker (a chunk grows when no newline outside quotes is in it). */
  readonly chunkBytes: number;
}

export type RowGroupSink = (columns: ColumnChunk[], lines: Int32Array) => Promise<void>;

/** Quotes in buf[from, to). */
function countQuotes(buf: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(QUOTE, from); i >= 0 && i < to; i = buf.indexOf(QUOTE, i + 1)) n++;
  return n;
}

/**
 * The end (after its LF) of the last record in buf[0, len) that starts at 0, or -1: an LF counts when an
 * even number of quotes precedes it (the chunk starts outside quotes; `""` inside quotes counts twice).
 */
export function recordBoundary(buf: Uint8Array, len: number): number {
  let lf = buf.lastIndexOf(LF, len - 1);
  while (lf >= 0) {
    if (countQuotes(buf, 0, lf) % 2 === 0) return lf + 1;
    const quote = buf.lastIndexOf(QUOTE, lf - 1);
    lf = quote > 0 ? buf.lastIndexOf(LF, quote - 1) : -1;
  }
  return -1;
}

/** One worker and the replies it owes, in the order it was asked. */
class ParseWorker {
  private readonly worker: Worker;
  private readonly waiting: Array<{ resolve: (r: ParseReply) => void; reject: (e: Error) => void }> = [];

  constructor(data: ParseWorkerData) {
    this.worker = startModuleWorker(PARSE_WORKER_URL, data);
    this.worker.on('message', (reply: ParseReply) => this.waiting.shift()?.resolve(reply));
    this.worker.on('error', (error: Error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`CSV parse worker exited with code ${code}`)));
  }

  parse(request: ParseRequest): Promise<ParseReply> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(request, [request.bytes.buffer as ArrayBuffer]);
    });
  }

  private failAll(error: Error): void {
    for (const w of this.waiting.splice(0)) w.reject(error);
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

interface Pending {
  readonly reply: Promise<ParseReply>;
  readonly start: number;
  readonly length: number;
  readonly eof: boolean;
}

/** Input buffers the workers handed back, reused for later chunks. */
class BufferPool {
  private readonly free: ArrayBuffer[] = [];
  get(size: number): Buffer {
    const i = this.free.findIndex((b) => b.byteLength >= size);
    return i >= 0 ? Buffer.from(this.free.splice(i, 1)[0]!, 0, size) : Buffer.allocUnsafeSlow(size);
  }
  put(buffer: ArrayBuffer): void {
    if (this.free.length < 8) this.free.push(buffer);
  }
}

/** Reads the next chunk of whole records from `fd` at `offset` (grown until one fits, or the file ends). */
function readChunk(
  fd: number,
  offset: number,
  size: number,
  pool: BufferPool,
): { bytes: Uint8Array; eof: boolean } {
  for (let want = size; ; want *= 2) {
    const buf = pool.get(want);
    let len = 0;
    while (len < want) {
      const n = readSync(fd, buf, len, want - len, offset + len);
      if (n === 0) break;
      len += n;
    }
    if (len < want) return { bytes: buf.subarray(0, len), eof: true };
    const end = recordBoundary(buf, len);
    if (end > 0) return { bytes: buf.subarray(0, end), eof: false };
    pool.put(buf.buffer as ArrayBuffer);
  }
}

/**
 * Parses `fd` from byte `offset` (the first record after the header) to its end on worker threads and
 * calls `sink` with each row group in order. Returns the number of row groups (at least one, maybe empty).
 */
export async function scanParallel(
  fd: number,
  offset: number,
  options: ParallelScanOptions,
  sink: RowGroupSink,
): Promise<number> {
  const data: ParseWorkerData = {
    kind: PARSE_WORKER_KIND,
    file: options.file,
    schema: options.schema,
    pieceRows: Math.min(options.rowGroupSize, 1 << 16),
  };
  const workers = Array.from({ length: options.workers }, () => new ParseWorker(data));
  const assembler = new RowGroupAssembler();
  const queue: Pending[] = [];
  const pool = new BufferPool();
  let next = offset;
  let readAll = false;
  let seq = 0;
  let line = options.firstLine;
  let groups = 0;
  const refill = () => {
    while (!readAll && queue.length < workers.length * 2) {
      const { bytes, eof } = readChunk(fd, next, options.chunkBytes, pool);
      const length = bytes.length; // the bytes move to the worker (detached here)
      const reply = workers[seq % workers.length]!.parse({ seq: seq++, bytes, eof });
      queue.push({ reply, start: next, length, eof });
      next += length;
      readAll = eof;
    }
  };
  try {
    refill();
    while (queue.length > 0) {
      const head = queue.shift()!;
      const reply = await head.reply;
      refill();
      if ('rowError' in reply) {
        const { line: at, reason, text } = reply.rowError;
        throw new CsvRowError(options.file, line + at, reason, text);
      }
      if ('failure' in reply) throw new Error(`CSV parse worker failed: ${reply.failure}`);
      pool.put(reply.input);
      if (!head.eof && reply.consumed !== head.length)
        throw new Error(
          `parallel CSV parse lost record alignment at byte ${head.start + reply.consumed} of ${options.file}`,
        );
      for (const piece of reply.pieces) {
        for (let i = 0; i < piece.lines.length; i++) piece.lines[i]! += line;
        assembler.add(piece);
      }
      line += reply.lineCount;
      while (assembler.rows >= options.rowGroupSize) {
        const group = assembler.take(options.rowGroupSize);
        await sink([...group.columns], group.lines);
        groups++;
      }
    }
    if (assembler.rows > 0 || groups === 0) {
      const group =
        assembler.rows > 0
          ? assembler.take(assembler.rows)
          : {
              columns: new CsvScanner(options.file, options.schema, 1).takeRowGroup(),
              lines: new Int32Array(0),
            };
      await sink([...group.columns], group.lines);
      groups++;
    }
    return groups;
  } finally {
    await Promise.allSettled(queue.map((p) => p.reply));
    await Promise.all(workers.map((w) => w.close()));
  }
}
