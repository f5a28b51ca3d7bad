// Writes a download to disk and digests it: incoming chunks are gathered into 4 MiB batches; each batch is
// written at its offset by the thread pool and digested on the main thread, or, when two digests are asked
// for (e.g. an explicit SHA-256 and the MD5 sidecar), MD5 (the slow one, ≈ 0.5 GB/s) goes to a worker thread
// that reads the same shared batch. At most BATCHES batches are in flight, so memory stays bounded whatever
// the download's size. With one digest it stays inline: the worker's start-up, messages and a third busy
// thread cost more CPU than they save on a 2-core machine that also runs the server or the next task.
import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { ChecksumAlgorithm } from './checksum.js';
import { collectYoung } from './young-gc.js';

const BATCH_BYTES = 4 << 20;
const BATCHES = 4;
/** Below this size (or without MD5) the worker's start-up costs more than it saves: digest inline. */
export const WORKER_MIN_BYTES = 32 << 20;
/** The algorithm the worker takes; every other one runs on the main thread. */
const OFFLOADED: ChecksumAlgorithm = 'md5';

// CommonJS source for `new Worker(..., { eval: true })`: works the same from source, tests and bundles.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hash = createHash(workerData.algorithm);
parentPort.on('message', (m) => {
  if (m.length === undefined) return parentPort.postMessage({ hex: hash.digest('hex') });
  hash.update(new Uint8Array(m.buffer, 0, m.length));
  parentPort.postMessage({ slot: m.slot });
});`;

/** A worker that digests batches in the order they are sent. */
class DigestWorker {
  private readonly worker: Worker;
  private readonly waiting: Array<{
    resolve: (value: { hex?: string }) => void;
    reject: (e: Error) => void;
  }> = [];
  private failure: Error | undefined;

  constructor(algorithm: ChecksumAlgorithm) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { algorithm } });
    this.worker.on('message', (reply: { hex?: string }) => this.waiting.shift()?.resolve(reply));
    this.worker.on('error', (error: Error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`digest worker exited with code ${code}`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
  }

  private ask(message: object): Promise<{ hex?: string }> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(message);
    });
  }

  async update(buffer: SharedArrayBuffer, length: number): Promise<void> {
    await this.ask({ buffer, length });
  }

  async digest(): Promise<string> {
    return (await this.ask({})).hex ?? '';
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

interface Batch {
  readonly memory: SharedArrayBuffer | ArrayBuffer;
  readonly bytes: Uint8Array;
  /** The last flush's write and worker digest; the batch is free once it settles. */
  busy: Promise<void>;
}

export interface DigestWriterOptions {
  readonly algorithms: Iterable<ChecksumAlgorithm>;
  /** Expected size, when known: small downloads digest inline. */
  readonly expectedBytes?: number;
  /** Open for appending at this offset (a resumed `.part`); 0 truncates. */
  readonly startAt?: number;
  /** `fsync` the file before `finish` returns. Default true. */
  readonly sync?: boolean;
}

/** Digests what it is given and, for `write`, writes it to the file in order. */
export class DigestWriter {
  private readonly hashes: Map<ChecksumAlgorithm, Hash>;
  private readonly batches: Batch[];
  private current = 0;
  private filled = 0;
  private filledWrites = true;
  private position: number;
  /** Writes run one after another, so a crash leaves a prefix of the download, never a hole. */
  private lastWrite: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  private constructor(
    private readonly file: FileHandle | undefined,
    algorithms: ReadonlySet<ChecksumAlgorithm>,
    private readonly worker: DigestWorker | undefined,
    startAt: number,
    private readonly sync: boolean,
  ) {
    const inline = [...algorithms].filter((algorithm) => !(worker && algorithm === OFFLOADED));
    this.hashes = new Map(inline.map((algorithm) => [algorithm, createHash(algorithm)]));
    this.position = startAt;
    this.batches = Array.from({ length: BATCHES }, () => {
      const memory = worker ? new SharedArrayBuffer(BATCH_BYTES) : new ArrayBuffer(BATCH_BYTES);
      return { memory, bytes: new Uint8Array(memory), busy: Promise.resolve() };
    });
  }

  /** Opens `path` for writing (`undefined`: digest only, e.g. to check a file already on disk). */
  static async open(path: string | undefined, options: DigestWriterOptions): Promise<DigestWriter> {
    const algorithms = new Set(options.algorithms);
    const big = options.expectedBytes === undefined || options.expectedBytes >= WORKER_MIN_BYTES;
    const worker =
      algorithms.has(OFFLOADED) && algorithms.size > 1 && big ? new DigestWorker(OFFLOADED) : undefined;
    const startAt = options.startAt ?? 0;
    try {
      const file = path === undefined ? undefined : await open(path, startAt > 0 ? 'r+' : 'w');
      return new DigestWriter(file, algorithms, worker, startAt, options.sync ?? true);
    } catch (error) {
      await worker?.close();
      throw error;
    }
  }

  /** Digests `chunk` without writing it (bytes already on disk, e.g. a resumed `.part`). */
  async digestOnly(chunk: Uint8Array): Promise<void> {
    await this.add(chunk, false);
  }

  /** Digests `chunk` and writes it after what came before. */
  async write(chunk: Uint8Array): Promise<void> {
    await this.add(chunk, true);
  }

  private async add(chunk: Uint8Array, writes: boolean): Promise<void> {
    if (this.filled > 0 && writes !== this.filledWrites) await this.flush();
    this.filledWrites = writes;
    let offset = 0;
    while (offset < chunk.length) {
      const batch = this.batches[this.current]!;
      const take = Math.min(chunk.length - offset, BATCH_BYTES - this.filled);
      batch.bytes.set(chunk.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === BATCH_BYTES) await this.flush();
    }
  }

  /** Sends the current batch on its way, then waits until the next one is free. */
  private async flush(): Promise<void> {
    this.throwIfFailed();
    const batch = this.batches[this.current]!;
    const length = this.filled;
    const view = batch.bytes.subarray(0, length);
    for (const hash of this.hashes.values()) hash.update(view);
    const pending: Promise<unknown>[] = [];
    if (this.worker) pending.push(this.worker.update(batch.memory as SharedArrayBuffer, length));
    if (this.filledWrites && this.file) {
      const file = this.file;
      const position = this.position;
      this.lastWrite = this.lastWrite.then(() => writeAll(file, view, position));
      pending.push(this.lastWrite);
      this.position += length;
    }
    batch.busy = Promise.all(pending).then(
      () => undefined,
      (error: unknown) => void (this.failure ??= error instanceof Error ? error : new Error(String(error))),
    );
    this.current = (this.current + 1) % BATCHES;
    this.filled = 0;
    collectYoung();
    await this.batches[this.current]!.busy;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /** Writes what is left, syncs (unless `sync: false`) and closes the file; returns the hex digests. */
  async finish(): Promise<Partial<Record<ChecksumAlgorithm, string>>> {
    try {
      if (this.filled > 0) await this.flush();
      await Promise.all(this.batches.map((batch) => batch.busy));
      this.throwIfFailed();
      if (this.sync) await this.file?.sync();
      const digests: Partial<Record<ChecksumAlgorithm, string>> = {};
      for (const [algorithm, hash] of this.hashes) digests[algorithm] = hash.digest('hex');
      if (this.worker) digests[OFFLOADED] = await this.worker.digest();
      return digests;
    } finally {
      await this.close();
    }
  }

  /**
   * Stops without digests. The file keeps every byte given so far, the last partial batch included, so a
   * later run resumes after them (its digests start over from the file).
   */
  async close(): Promise<void> {
    if (this.filled > 0 && this.filledWrites && this.file && !this.failure) {
      const file = this.file;
      const view = this.batches[this.current]!.bytes.subarray(0, this.filled);
      const position = this.position;
      this.lastWrite = this.lastWrite.then(() => writeAll(file, view, position));
      this.filled = 0;
    }
    await Promise.all([this.lastWrite.catch(() => undefined), ...this.batches.map((batch) => batch.busy)]);
    await this.worker?.close();
    await this.file?.close().catch(() => undefined);
  }
}

async function writeAll(file: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await file.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}
