import { readFileSync } from 'node:fs';
import { buildPipelineModel } from '../../src/local/load-pipeline.js';
import { passthroughImageResolver } from '../../src/local/image-resolver.js';
import type { RunEvent } from '../../src/local/run-events.js';
import { runPipeline, type RunPipelineOptions, type RunResult } from '../../src/local/run-pipeline.js';
import { readRunState, type RunState } from '../../src/local/run-state.js';

export interface FixtureRun {
  readonly result: RunResult;
  readonly state: RunState;
  readonly events: RunEvent[];
}

/** Runs a fixture spec with its container commands as written, in `dir`, and returns the persisted run.json too. */
export async function runFixture(
  spec: Record<string, unknown>,
  dir: string,
  options: Partial<RunPipelineOptions> = {},
): Promise<FixtureRun> {
  const events: RunEvent[] = [];
  const result = await runPipeline({
    spec: buildPipelineModel(spec, undefined),
    cwd: dir,
    runsDir: `${dir}/.runs`,
    imageResolver: passthroughImageResolver,
    parallelism: 4,
    ...options,
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
  });
  return { result, state: await readRunState(result.runDir), events };
}

export function times(state: RunState, task: string): { start: number; end: number } {
  const record = state.tasks[task];
  return { start: Date.parse(record?.startedAt ?? ''), end: Date.parse(record?.endedAt ?? '') };
}

export function counter(file: string): number {
  try {
    return Number(readFileSync(file, 'utf8'));
  } catch {
    return 0;
  }
}

/** Node source (inside `asyncScript`) that adds one to the number in `file` and leaves the new count in `count`. */
export function bumpCounterSource(file: string): string {
  const path = JSON.stringify(file);
  return `const count = (fs.existsSync(${path}) ? Number(fs.readFileSync(${path}, 'utf8')) : 0) + 1; fs.writeFileSync(${path}, String(count));`;
}

/** True while a process exists and is not a zombie (Linux /proc; `kill 0` elsewhere). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && process.platform === 'linux') return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/** Polls `condition` every 10 ms until it holds or `limitMs` passed; returns whether it held. */
export async function eventually(condition: () => boolean, limitMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
