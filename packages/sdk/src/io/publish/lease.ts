// One writer per dataset: a lease object created with `If-None-Match: *`, renewed while its holder works.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { ObjectStore } from '../store/object-store.js';
import { probeConditionalWrites } from './conditional-writes.js';
import { publishKeys, type DatasetLocation } from './layout.js';
import { sha256Hex } from './manifest.js';
import { describeHolder, LeaseHeldError, LeaseLostError } from './publish-errors.js';
import { isProcessAlive } from '../../util/process-alive.js';

export interface LeaseRecord {
  /** The version being published: every task of one run uses it, so a run's later tasks continue its lease. */
  readonly holder: string;
  /** Random per process that wrote the record: who exactly holds it now. */
  readonly token: string;
  readonly runId?: string;
  readonly host: string;
  readonly pid: number;
  /** The local runner's pid: on the same host, a lease whose runner is gone is stale at once. */
  readonly runnerPid?: number;
  readonly acquiredAt: string;
  readonly renewedAt: string;
  readonly expiresAt: string;
}

export interface LeaseOptions {
  readonly holder: string;
  readonly runId?: string;
  readonly runnerPid?: number;
  /** How long the lease lasts without renewal (default 10 min, `CAPSTONE_LEASE_TTL_SECONDS`). */
  readonly ttlMs?: number;
  /** How long to wait for another holder (default 0: fail at once, `CAPSTONE_LEASE_WAIT_SECONDS`). */
  readonly waitMs?: number;
  readonly pollMs?: number;
  /** Without conditional writes: how long a write must stand before it counts as ours (default 2 s). */
  readonly settleMs?: number;
  readonly log?: (line: string) => void;
  readonly now?: () => Date;
}

export const LEASE_DEFAULTS = { ttlMs: 600_000, waitMs: 0, pollMs: 2_000, settleMs: 2_000 } as const;

/** A held lease. `lost` aborts when a renewal finds another holder (or cannot renew before expiry). */
export class Lease {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: ObjectStore,
    private readonly dataset: DatasetLocation,
    private current: LeaseRecord,
    private readonly options: Required<Pick<LeaseOptions, 'ttlMs' | 'now' | 'log'>>,
  ) {}

  get record(): LeaseRecord {
    return this.current;
  }
  get lost(): AbortSignal {
    return this.controller.signal;
  }

  /** Throws `LeaseLostError` unless the stored lease is still ours. */
  async assertHeld(): Promise<void> {
    if (this.lost.aborted) throw this.lost.reason as Error;
    const stored = await readLease(this.store, this.dataset);
    if (stored?.record?.token !== this.current.token) {
      const who = stored?.record
        ? `now held by ${describeHolder(stored.record)}`
        : 'the lease object is gone';
      throw new LeaseLostError(describe(this.dataset), this.current.holder, who);
    }
  }

  async renew(): Promise<void> {
    await this.assertHeld();
    const now = this.options.now();
    this.current = {
      ...this.current,
      renewedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.options.ttlMs).toISOString(),
    };
    await this.store.putBytes(
      this.dataset.bucket,
      publishKeys(this.dataset.prefix).lease,
      encode(this.current),
    );
  }

  /** Renews every quarter of the TTL until `release()`; a lost lease aborts `lost`. */
  keepAlive(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.heartbeat(), Math.max(50, this.options.ttlMs / 4));
    this.timer.unref();
  }

  /** Deletes the lease if it is still ours. */
  async release(): Promise<void> {
    this.stop();
    const stored = await readLease(this.store, this.dataset);
    if (stored?.record?.token === this.current.token)
      await this.store.delete(this.dataset.bucket, publishKeys(this.dataset.prefix).lease);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async heartbeat(): Promise<void> {
    try {
      await this.renew();
    } catch (error) {
      if (error instanceof LeaseLostError) {
        this.stop();
        this.controller.abort(error);
      } else if (Date.parse(this.current.expiresAt) <= this.options.now().getTime()) {
        this.stop();
        const detail = `could not renew it before it expired: ${(error as Error).message}`;
        this.controller.abort(new LeaseLostError(describe(this.dataset), this.current.holder, detail));
      } else {
        this.options.log(`lease renewal failed, retrying: ${(error as Error).message}`);
      }
    }
  }
}

/**
 * Takes the dataset's lease for `holder`, waiting up to `waitMs` for another holder; adopts a lease the same
 * holder has (a later task of the same run); breaks a stale one (expired, or its runner's process is gone on
 * this host), letting exactly one contender do so.
 */
export async function acquireLease(
  store: ObjectStore,
  dataset: DatasetLocation,
  options: LeaseOptions,
): Promise<Lease> {
  const settings: Settings = {
    ...options,
    ttlMs: options.ttlMs ?? LEASE_DEFAULTS.ttlMs,
    waitMs: options.waitMs ?? LEASE_DEFAULTS.waitMs,
    pollMs: options.pollMs ?? LEASE_DEFAULTS.pollMs,
    settleMs: options.settleMs ?? LEASE_DEFAULTS.settleMs,
    log: options.log ?? (() => undefined),
    now: options.now ?? (() => new Date()),
  };
  const keys = publishKeys(dataset.prefix);
  const conditional = await probeConditionalWrites(store, dataset.bucket, keys.publishDir);
  if (!conditional)
    settings.log(
      `${store.description} ignores If-None-Match: *; the lease falls back to write-and-verify (docs/publishing.md)`,
    );
  const started = settings.now().getTime();
  let waitingFor: string | undefined;
  for (;;) {
    const record = newRecord(settings);
    const mine = new Lease(store, dataset, record, settings);
    if (await create(store, dataset, record, conditional, settings.settleMs)) return mine;
    const stored = await readLease(store, dataset);
    if (!stored) continue;
    if (stored.record?.holder === settings.holder) {
      await store.putBytes(dataset.bucket, keys.lease, encode(record));
      settings.log(
        `continuing the lease of version ${settings.holder} (an earlier task of this run took it)`,
      );
      return mine;
    }
    const stale = staleReason(stored.record, settings.now());
    if (stale) {
      settings.log(`breaking a stale lease: ${stale}`);
      await breakLease(store, dataset, stored.bytes, conditional);
      continue;
    }
    const holder = stored.record as LeaseRecord;
    const waited = settings.now().getTime() - started;
    if (waited >= settings.waitMs) throw new LeaseHeldError(describe(dataset), holder, waited);
    if (waitingFor !== holder.token)
      settings.log(`waiting for ${describe(dataset)}: held by ${describeHolder(holder)}`);
    waitingFor = holder.token;
    await delay(Math.min(settings.pollMs, settings.waitMs - waited));
  }
}

type Settings = LeaseOptions & Required<Omit<LeaseOptions, 'runId' | 'runnerPid'>>;

function newRecord(settings: Settings): LeaseRecord {
  const now = settings.now();
  return {
    holder: settings.holder,
    token: randomBytes(8).toString('hex'),
    ...(settings.runId ? { runId: settings.runId } : {}),
    host: hostname(),
    pid: process.pid,
    ...(settings.runnerPid ? { runnerPid: settings.runnerPid } : {}),
    acquiredAt: now.toISOString(),
    renewedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + settings.ttlMs).toISOString(),
  };
}

async function create(
  store: ObjectStore,
  dataset: DatasetLocation,
  record: LeaseRecord,
  conditional: boolean,
  settleMs: number,
): Promise<boolean> {
  const key = publishKeys(dataset.prefix).lease;
  if (conditional) {
    if (await store.putBytesIfAbsent(dataset.bucket, key, encode(record))) return true;
    // A retried request may have created it on the first attempt: the token tells.
    return (await readLease(store, dataset))?.record?.token === record.token;
  }
  // Fallback: write only when absent, then let racing writers settle and see whose record stands.
  if (await store.head(dataset.bucket, key)) return false;
  await store.putBytes(dataset.bucket, key, encode(record));
  await delay(settleMs);
  return (await readLease(store, dataset))?.record?.token === record.token;
}

/** One contender wins the right to delete a given stale record: the first to create its takeover marker. */
async function breakLease(
  store: ObjectStore,
  dataset: DatasetLocation,
  staleBytes: Uint8Array,
  conditional: boolean,
): Promise<void> {
  const keys = publishKeys(dataset.prefix);
  const hash = sha256Hex(staleBytes);
  const marker = keys.takeover(hash);
  const won = conditional
    ? await store.putBytesIfAbsent(dataset.bucket, marker, new Date().toISOString())
    : await store.putBytes(dataset.bucket, marker, new Date().toISOString());
  if (!won) return void (await delay(200));
  const still = await readLease(store, dataset);
  if (still && sha256Hex(still.bytes) === hash) await store.delete(dataset.bucket, keys.lease);
}

/** Why a lease no longer protects anything, or undefined while it does. */
export function staleReason(record: LeaseRecord | undefined, now: Date): string | undefined {
  if (!record) return 'the lease object is not readable';
  if (Date.parse(record.expiresAt) <= now.getTime())
    return `${describeHolder(record)} expired without renewal`;
  const owner = record.runnerPid ?? record.pid;
  if (record.host === hostname() && !isProcessAlive(owner)) {
    return `${describeHolder(record)}: its ${record.runnerPid ? 'runner' : 'process'} (pid ${owner}) is no longer running on this host`;
  }
  return undefined;
}

/** The stored lease: its bytes and, when they parse, the record. */
export async function readLease(
  store: ObjectStore,
  dataset: DatasetLocation,
): Promise<{ readonly bytes: Uint8Array; readonly record?: LeaseRecord } | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await store.getBytes(dataset.bucket, publishKeys(dataset.prefix).lease);
  } catch (error) {
    if ((error as Error).name === 'ObjectNotFoundError') return undefined;
    throw error;
  }
  try {
    const record = JSON.parse(Buffer.from(bytes).toString('utf8')) as LeaseRecord;
    return typeof record.holder === 'string' && typeof record.token === 'string'
      ? { bytes, record }
      : { bytes };
  } catch {
    return { bytes };
  }
}

const encode = (record: LeaseRecord): string => `${JSON.stringify(record, null, 2)}\n`;
const describe = (dataset: DatasetLocation): string =>
  `${dataset.bucket}/${dataset.prefix ? `${dataset.prefix}/` : ''}`;
