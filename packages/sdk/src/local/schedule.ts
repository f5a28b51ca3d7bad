// Pure DAG scheduling: which tasks may start now, which can never run, and a layered order for display.
import type { TaskStatus } from './run-state.js';

export interface SchedulableTask {
  readonly dependencies: readonly string[];
}
type TaskGraph = Readonly<Record<string, SchedulableTask>>;
type Statuses = Readonly<Record<string, TaskStatus>>;

const DONE: readonly TaskStatus[] = ['succeeded', 'cached'];
const BLOCKING: readonly TaskStatus[] = ['failed', 'skipped'];

export function isSuccessful(status: TaskStatus | undefined): boolean {
  return status !== undefined && DONE.includes(status);
}

/** Pending tasks whose dependencies all succeeded, in name order (deterministic starts). */
export function readyTasks(tasks: TaskGraph, statuses: Statuses): string[] {
  return Object.keys(tasks)
    .filter((name) => statuses[name] === 'pending')
    .filter((name) => tasks[name]?.dependencies.every((dependency) => isSuccessful(statuses[dependency])))
    .sort();
}

/** Pending tasks that can never run because something upstream failed or was skipped (transitively). */
export function unreachableTasks(tasks: TaskGraph, statuses: Statuses): string[] {
  const blocked = new Set(
    Object.keys(statuses).filter((name) => BLOCKING.includes(statuses[name] as TaskStatus)),
  );
  const result: string[] = [];
  for (const name of topologicalOrder(tasks)) {
    if (statuses[name] !== 'pending') continue;
    if (tasks[name]?.dependencies.some((dependency) => blocked.has(dependency))) {
      blocked.add(name);
      result.push(name);
    }
  }
  return result;
}

/** Depth of each task: 0 for roots, otherwise 1 + the deepest dependency. */
export function taskLevels(tasks: TaskGraph): Record<string, number> {
  const levels: Record<string, number> = {};
  for (const name of topologicalOrder(tasks)) {
    const depths = (tasks[name]?.dependencies ?? []).map((dependency) => (levels[dependency] ?? 0) + 1);
    levels[name] = Math.max(0, ...depths);
  }
  return levels;
}

/** Kahn's algorithm with name-ordered ties; throws naming the tasks of a cycle. */
export function topologicalOrder(tasks: TaskGraph): string[] {
  const remaining = new Map(Object.entries(tasks).map(([name, task]) => [name, new Set(task.dependencies)]));
  const order: string[] = [];
  while (remaining.size > 0) {
    const free = [...remaining]
      .filter(([, deps]) => [...deps].every((dep) => !remaining.has(dep)))
      .map(([name]) => name);
    if (free.length === 0)
      throw new Error(`the task graph has a cycle through: ${[...remaining.keys()].sort().join(', ')}`);
    for (const name of free.sort()) {
      order.push(name);
      remaining.delete(name);
    }
  }
  return order;
}
