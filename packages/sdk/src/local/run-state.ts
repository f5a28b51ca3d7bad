import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonValue } from '../dsl/index.js';
import { createRedactor, redactValue, type Redactor } from '../secrets/index.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import { asError } from '../util/as-error.js';

export const TASK_STATUS = {
  pending: 'pending',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  skipped: 'skipped',
  cached: 'cached',
  interrupted: 'interrupted',
} as const;
export type TaskStatus = (typeof TASK_STATUS)[keyof typeof TASK_STATUS];

export const RUN_STATUS = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  interrupted: 'interrupted',
} as const;
export type RunStatus = (typeof RUN_STATUS)[keyof typeof RUN_STATUS];

export interface ArtifactRecord {
  /** Absolute local path of the artifact (a file or a folder). */
  readonly path: string;
  readonly uri: string;
  /** False when the component did not create it (the launcher only warns). */
  readonly exists: boolean;
}

/** One task in run.json. Times are ISO strings; `attempts` counts process starts in this run. */
export interface TaskRecord {
  status: TaskStatus;
  attempts: number;
  startedAt?: string;
  endedAt?: string;
  exitCode?: number;
  cacheHit: boolean;
  cacheKey?: string;
  /** The run and task whose outputs a cache hit reused. */
  cachedFrom?: { readonly runId: string; readonly task: string };
  outputParameters: Record<string, JsonValue>;
  artifacts: Record<string, ArtifactRecord>;
  dependencies: readonly string[];
  error?: string;
  warnings: string[];
  /** Set for nested DAGs: a block or pipeline task (`dag`), a loop (`loop`) and each of its iterations. */
  kind?: 'dag' | 'loop' | 'iteration';
  /** The record path of the DAG this task runs in (absent at the root). */
  parent?: string;
  /** `taskInfo.name` when it differs from the task name. */
  displayName?: string;
  /** For loop iterations: the item's index. */
  iteration?: number;
  /** Which Kubernetes options the local runner honoured and which it ignored (local/kubernetes/notice.ts). */
  kubernetes?: { readonly honoured: readonly string[]; readonly ignored: readonly string[] };
}

export interface RunState {
  readonly version: 1;
  readonly pipeline: string;
  readonly runId: string;
  /** sha256 of the compiled spec; resume refuses a changed pipeline. */
  readonly specDigest: string;
  readonly pipelineFile?: string;
  readonly parameters: Readonly<Record<string, JsonValue>>;
  status: RunStatus;
  startedAt: string;
  endedAt?: string;
  tasks: Record<string, TaskRecord>;
  /** Earlier runs of the same id (a resume appends one entry per previous session). */
  sessions: { startedAt: string; endedAt?: string; status: RunStatus }[];
}

export const RUN_STATE_FILE = 'run.json';

export function emptyTaskRecord(dependencies: readonly string[]): TaskRecord {
  return {
    status: 'pending',
    attempts: 0,
    cacheHit: false,
    outputParameters: {},
    artifacts: {},
    dependencies,
    warnings: [],
  };
}

export async function readRunState(runDir: string): Promise<RunState> {
  return JSON.parse(await readFile(join(runDir, RUN_STATE_FILE), 'utf8')) as RunState;
}

/**
 * Serialises writes of run.json: every state change queues a snapshot, written atomically (temp + rename) in order,
 * so a crash leaves the last complete state. Snapshots are redacted: parameters holding credentials (a URL with
 * user info or a signature) are stored masked, and a resume asks for them again.
 */
export class RunStateWriter {
  private queue: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  constructor(
    private readonly runDir: string,
    private readonly redact: Redactor = createRedactor(),
  ) {}

  save(state: RunState): void {
    const snapshot = `${JSON.stringify(redactValue(state, this.redact), null, 2)}\n`;
    this.queue = this.queue
      .then(() => writeFileAtomic(join(this.runDir, RUN_STATE_FILE), snapshot))
      .catch((error: unknown) => {
        this.failure ??= asError(error);
      });
  }

  async flush(): Promise<void> {
    await this.queue;
    if (this.failure) throw this.failure;
  }
}
