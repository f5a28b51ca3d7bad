import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export type OutputStream = 'stdout' | 'stderr';

export interface RunProcessOptions {
  /** Program and arguments, exactly as executed (no shell). */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly signal?: AbortSignal;
  readonly onLine: (stream: OutputStream, line: string) => void;
  readonly onSpawn?: (pid: number) => void;
  /** How long SIGTERM may take before SIGKILL. */
  readonly killGraceMs?: number;
}

export interface ProcessResult {
  /** Exit code, or 128 + signal number when killed by a signal, or 127 when it could not start. */
  readonly exitCode: number;
  readonly interrupted: boolean;
  readonly spawnError?: string;
}

/** What a task's process is, for a launcher that runs it elsewhere than this machine (a container). */
export interface LaunchTarget {
  readonly image: string;
  /** Names of the env vars the pipeline YAML sets on the container, and those mapped from Kubernetes Secrets. */
  readonly containerEnv: readonly string[];
  readonly secretEnv: readonly string[];
  /** Paths the process reads (its input artifacts) and writes (its attempt folder). */
  readonly reads: readonly string[];
  readonly writes: readonly string[];
}

/** Runs one attempt's process; `runProcess` (a local process) unless the run has another engine. */
export type ProcessLauncher = (options: RunProcessOptions, target: LaunchTarget) => Promise<ProcessResult>;

const DEFAULT_KILL_GRACE_MS = 5_000;
const SIGNAL_NUMBERS: Readonly<Record<string, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/**
 * Runs one container process in its own process group. Like a pod, the task ends when the main process exits:
 * whatever it left running in its group is killed. On abort the whole group gets SIGTERM, then SIGKILL.
 */
export function runProcess(options: RunProcessOptions): Promise<ProcessResult> {
  const [program, ...args] = options.argv;
  return new Promise((resolve) => {
    if (program === undefined) {
      resolve({ exitCode: 127, interrupted: false, spawnError: 'empty command' });
      return;
    }
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let interrupted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const abort = (): void => {
      interrupted = true;
      signalGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(
        () => signalGroup(child.pid, 'SIGKILL'),
        options.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
      );
    };
    const finish = (result: ProcessResult): void => {
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', abort);
      resolve(result);
    };
    child.once('error', (error) => finish({ exitCode: 127, interrupted, spawnError: error.message }));
    if (child.pid === undefined) return;
    options.onSpawn?.(child.pid);
    const closed = Promise.all([
      pipeLines(child.stdout, 'stdout', options),
      pipeLines(child.stderr, 'stderr', options),
    ]);
    child.once('exit', (code, signal) => {
      signalGroup(child.pid, 'SIGKILL');
      const exitCode = code ?? 128 + (SIGNAL_NUMBERS[signal ?? ''] ?? 0);
      void closed.then(() => finish({ exitCode, interrupted }));
    });
    if (options.signal?.aborted) abort();
    else options.signal?.addEventListener('abort', abort, { once: true });
  });
}

function pipeLines(stream: Readable, name: OutputStream, options: RunProcessOptions): Promise<void> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', (line) => options.onLine(name, line));
  return new Promise((resolve) => lines.once('close', resolve));
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
