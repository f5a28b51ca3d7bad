// The column reader on a worker thread: the worker reads, inflates and decodes a file's row groups and
// hands each one over (its arrays transferred, not copied), up to two ahead of the consumer, so a consumer
// that checks every value keeps the main thread busy with its own work while the other core decodes.
// One worker serves any number of files, one after the other. The worker runs this module's file: in a
// component bundle that is the bundle itself (its entry runs the component only on the main thread).
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ColumnChunk } from '../column-chunk.js';
import { ParquetReader } from './column-reader.js';
import type { ReadColumnsOptions } from './column-reader.js';

const WORKER_URL = new URL(import.meta.url);
const KIND = 'capstone-parquet-read';
/** Row groups decoded ahead of the consumer. */
const AHEAD = 2;

type Request =
  | {
      readonly type: 'read';
      readonly id: number;
      readonly file: string;
      readonly options: ReadColumnsOptions;
    }
  | { readonly type: 'more' | 'cancel'; readonly id: number };

type Reply =
  | { readonly id: number; readonly group: ColumnChunk[] }
  | { readonly id: number; readonly done: true }
  | { readonly id: number; readonly error: { readonly name: string; readonly message: string } };

function transferables(group: readonly ColumnChunk[]): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  for (const c of group)
    for (const a of [c.values, c.offsets, c.bytes, c.valid]) if (a) set.add(a.buffer as ArrayBuffer);
  return [...set];
}

/** The worker: reads the files it is asked for, a row group at a time, while it has credit. */
function serve(): void {
  const port = parentPort!;
  const credit = new Map<number, { left: number; wake?: () => void }>();
  const waitForCredit = async (id: number): Promise<boolean> => {
    const c = credit.get(id);
    while (c && credit.get(id) === c && c.left === 0)
      await new Promise<void>((resolve) => (c.wake = resolve));
    if (!c || credit.get(id) !== c) return false;
    c.left--;
    return true;
  };
  const read = async (id: number, file: string, options: ReadColumnsOptions): Promise<void> => {
    let reader: ParquetReader | undefined;
    try {
      reader = await ParquetReader.open(file);
      reader.columnIndexes(options.columns);
      for (let g = 0; g < reader.layout.rowGroups.length; g++) {
        const group = await reader.readRowGroup(g, options);
        if (!(await waitForCredit(id))) return;
        port.postMessage({ id, group } satisfies Reply, transferables(group));
      }
      port.postMessage({ id, done: true } satisfies Reply);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      port.postMessage({ id, error: { name: error.name, message: error.message } } satisfies Reply);
    } finally {
      credit.delete(id);
      await reader?.close();
    }
  };
  port.on('message', (request: Request) => {
    if (request.type === 'read') {
      credit.set(request.id, { left: AHEAD });
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

if (!isMainThread && (workerData as { kind?: string } | undefined)?.kind === KIND) serve();

/** A worker thread that reads local Parquet files for this one. Close it when done. */
export class ParquetReadWorker {
  private readonly worker: Worker;
  private next = 0;
  private readonly inbox: Reply[] = [];
  private waiting: { resolve: () => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;

  constructor() {
    this.worker = WORKER_URL.pathname.endsWith('.ts')
      ? // From TypeScript source (tests, `tsx`): the worker registers tsx's loader, then loads the module.
        new Worker(
          `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); })`,
          { eval: true, workerData: { kind: KIND } },
        )
      : new Worker(WORKER_URL, { workerData: { kind: KIND } });
    this.worker.on('message', (reply: Reply) => {
      this.inbox.push(reply);
      this.waiting?.resolve();
    });
    this.worker.on('error', (error: Error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`Parquet read worker exited with code ${code}`)));
  }

  /** `readColumnChunks` on the worker: the file's row groups, in order. One file at a time. */
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
        } else if ('done' in reply) {
          finished = true;
          return;
        } else {
          finished = true;
          throw Object.assign(new Error(reply.error.message), { name: reply.error.name });
        }
      }
    } finally {
      if (!finished) this.worker.postMessage({ type: 'cancel', id } satisfies Request);
    }
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private async receive(id: number): Promise<Reply> {
    for (;;) {
      const i = this.inbox.findIndex((r) => r.id === id);
      if (i >= 0) return this.inbox.splice(i, 1)[0]!;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve, reject) => (this.waiting = { resolve, reject }));
      this.waiting = undefined;
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.waiting?.reject(error);
  }
}
