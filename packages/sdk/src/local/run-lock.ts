// One runner per run folder: `run.lock` names the process that runs it and is renewed while it does, so a
// `--resume` of a live run is refused and a lock left by a killed runner is recognised as stale.
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { RunLockedError } from './errors.js';
import { isProcessAlive } from '../util/process-alive.js';

export const RUN_LOCK_FILE = 'run.lock';
/** How often a runner renews its lock; a lock not renewed for `STALE_AFTER_MS` is stale. */
export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 30_000;

export interface RunLockRecord {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly startedAt: string;
  readonly heartbeatAt: string;
}

export interface RunLockOptions {
  readonly now?: () => Date;
  readonly heartbeatMs?: number;
  readonly staleAfterMs?: number;
  /** Told when a stale lock (a runner that died) was found and replaced. */
  readonly onStale?: (reason: string) => void;
}

/** A held lock: renewed every `heartbeatMs` until `release()`. */
export class RunLock {
  private timer: NodeJS.Timeout | undefined;
  constructor(
    readonly path: string,
    private record: RunLockRecord,
    private readonly now: () => Date,
  ) {}

  start(heartbeatMs: number): void {
    this.timer = setInterval(() => void this.beat(), heartbeatMs);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    const held = await readLock(this.path);
    if (held?.token !== this.record.token) return; // someone replaced it: never write over their lock
    this.record = { ...this.record, heartbeatAt: this.now().toISOString() };
    await writeFile(this.path, `${JSON.stringify(this.record)}\n`).catch(() => undefined);
  }

  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const held = await readLock(this.path);
    if (held?.token === this.record.token) await rm(this.path, { force: true });
  }
}

/** Takes `<runDir>/run.lock`, or throws `RunLockedError` naming the live runner that holds it. */
export async function acquireRunLock(
  runDir: string,
  runId: string,
  options: RunLockOptions = {},
): Promise<RunLock> {
  const now = options.now ?? (() => new Date());
  const path = join(runDir, RUN_LOCK_FILE);
  const stamp = now().toISOString();
  const record: RunLockRecord = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString('hex'),
    startedAt: stamp,
    heartbeatAt: stamp,
  };
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(path, `${JSON.stringify(record)}\n`, { flag: 'wx' });
      const lock = new RunLock(path, record, now);
      lock.start(options.heartbeatMs ?? HEARTBEAT_MS);
      return lock;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const held = await readLock(path);
    const stale = staleLockReason(held, now(), options.staleAfterMs ?? STALE_AFTER_MS);
    if (!stale) throw new RunLockedError(runId, describeLock(held));
    options.onStale?.(stale);
    await rm(path, { force: true });
  }
}

/** Why a lock no longer stands for a live runner, or undefined when it does. */
export function staleLockReason(
  record: RunLockRecord | undefined,
  now: Date,
  staleAfterMs: number,
): string | undefined {
  if (!record) return 'the lock file is unreadable (a runner died while writing it)';
  const age = now.getTime() - Date.parse(record.heartbeatAt);
  if (record.host === hostname() && !isProcessAlive(record.pid))
    return `stale lock: ${describeLock(record)}, but that process is no longer running`;
  if (!(age <= staleAfterMs))
    return `stale lock: ${describeLock(record)}, silent for ${Math.round(age / 1000)} s (limit ${staleAfterMs / 1000} s)`;
  return undefined;
}

function describeLock(record: RunLockRecord | undefined): string {
  if (!record) return 'an unreadable lock';
  return `runner pid ${record.pid} on ${record.host} (started ${record.startedAt}, last heartbeat ${record.heartbeatAt})`;
}

async function readLock(path: string): Promise<RunLockRecord | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as RunLockRecord;
  } catch {
    return undefined;
  }
}
