// Output digests hashed with the machine's spare time. Recording a finished task's output digests (run.json,
// for resume) runs while the next tasks work; on a small machine the hashing competed with them for the CPU
// (at 25 M ratings on 2 cores: ≈ 1.6 GB hashed, ≈ 1 CPU-second, during convert and split). Here it runs on a
// worker thread that lowers its own scheduling priority (Linux: nice 19 for that thread only), so the
// kernel gives it the cores the tasks leave idle. The digest is `digestPath`'s, byte for byte. Used when
// the run's cache is off: cache keys need input digests at once, so a cached run hashes on the main thread.
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../util/module-worker.js';
import { digestPath } from './cache.js';

const IDLE_DIGEST_KIND = 'capstone-idle-digest';
const IDLE_DIGEST_URL = new URL(import.meta.url);

interface Request {
  readonly id: number;
  readonly path: string;
}

type Reply =
  | { readonly id: number; readonly digest: string }
  | { readonly id: number; readonly error: string };

/**
 * Lowers the calling thread's priority to the lowest (19). Linux only, where a thread is a task with its own
 * id (`/proc/thread-self`); elsewhere (or when refused) the thread keeps its priority. Returns whether it did.
 */
export function lowerThreadPriority(): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, constants.priority.PRIORITY_LOW);
    return true;
  } catch {
    return false;
  }
}

function serve(): void {
  const port = parentPort!;
  port.postMessage({ lowered: lowerThreadPriority() });
  port.on('message', (request: Request) => {
    digestPath(request.path).then(
      (digest) => port.postMessage({ id: request.id, digest } satisfies Reply),
      (error: unknown) => port.postMessage({ id: request.id, error: String(error) } satisfies Reply),
    );
  });
}

if (!isMainThread && (workerData as { kind?: string } | undefined)?.kind === IDLE_DIGEST_KIND) serve();

/** Digests paths on one low-priority worker thread, started on first use; `close` ends it. */
export class IdleDigester {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (digest: string) => void; reject: (error: Error) => void }
  >();
  private broken: Error | undefined;
  /** Whether the worker lowered its priority (undefined until it says). */
  lowered: boolean | undefined;

  /** `digestPath(path)`, computed on the worker; on the calling thread if the worker failed. */
  digest(path: string): Promise<string> {
    if (this.broken) return digestPath(path);
    const worker = this.start();
    const id = this.nextId++;
    // Referenced while it owes digests (a run awaiting them must not exit), unreferenced when idle.
    worker.ref();
    return new Promise<string>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, path } satisfies Request);
    }).catch((error: unknown) => {
      if (error === this.broken) return digestPath(path);
      throw error;
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    worker.removeAllListeners();
    await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startModuleWorker(IDLE_DIGEST_URL, { kind: IDLE_DIGEST_KIND });
    worker.on('message', (reply: Reply | { lowered: boolean }) => this.settle(reply));
    worker.on('error', (error: Error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`digest worker exited with code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(reply: Reply | { lowered: boolean }): void {
    if ('lowered' in reply) {
      this.lowered = reply.lowered;
      return;
    }
    const waiter = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if ('digest' in reply) waiter?.resolve(reply.digest);
    else waiter?.reject(new Error(reply.error));
  }

  /** The worker is gone: every waiting digest (and every later one) is computed on the calling thread. */
  private fail(error: Error): void {
    this.broken ??= error;
    this.worker = undefined;
    for (const waiter of this.waiting.values()) waiter.reject(this.broken);
    this.waiting.clear();
  }
}
