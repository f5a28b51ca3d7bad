// Runs a DAG the way the KFP driver does: tasks start when their dependencies finished (or, for exit tasks,
// completed either way); condition blocks run when their CEL condition holds; loops run their DAG once per
// item (at most `parallelism` at a time); nested DAGs expose their outputs (lists, for loops).
import type { JsonValue } from '../dsl/index.js';
import { evaluateCondition } from './cel-condition.js';
import { executeTask, type TaskRunContext } from './execute-task.js';
import { isDagNode, type DagNodeSpec, type DagSpec, type DagTaskSpec } from './pipeline-model.js';
import type { ArtifactLocation } from './resolve-placeholders.js';
import { emptyTaskRecord, type RunState, type TaskRecord, type TaskStatus } from './run-state.js';
import { importArtifact, resolveDagInputs, type DagScope, type ResolvedInputs } from './dag-inputs.js';
import { collectIterations, dagOutputs } from './dag-outputs.js';
import { Semaphore } from './semaphore.js';
import { OBJECT_STORE_DIR_VAR } from './task-environment.js';

export interface Engine {
  readonly state: RunState;
  readonly context: TaskRunContext;
  /** Limits the processes running at once across all DAGs. */
  readonly slots: Semaphore;
  readonly save: () => void;
}

const FINISHED: readonly TaskStatus[] = ['succeeded', 'cached', 'failed', 'skipped'];
const OK: readonly TaskStatus[] = ['succeeded', 'cached'];

export function childPath(scope: DagScope, name: string): string {
  return scope.path ? `${scope.path}/${name}` : name;
}

function recordAt(engine: Engine, path: string, task: DagTaskSpec, parent: string | undefined): TaskRecord {
  const shape: Partial<TaskRecord> = {
    ...(isDagNode(task) ? { kind: task.iterator ? ('loop' as const) : ('dag' as const) } : {}),
    ...(task.displayName && task.displayName !== task.name ? { displayName: task.displayName } : {}),
    ...(parent ? { parent } : {}),
  };
  // Root records exist from the start (and resumed ones from an earlier session): give them their shape.
  const record = engine.state.tasks[path] ?? emptyTaskRecord(task.dependencies);
  engine.state.tasks[path] = Object.assign(record, shape);
  return record;
}

/** Runs every task of `dag` in `scope`; resolves when none can run any more. */
export async function runDag(
  engine: Engine,
  dag: DagSpec | { tasks: DagSpec['tasks'] },
  scope: DagScope,
): Promise<void> {
  const names = Object.keys(dag.tasks);
  const status = (name: string): TaskStatus | undefined => engine.state.tasks[childPath(scope, name)]?.status;
  for (const name of names)
    recordAt(engine, childPath(scope, name), dag.tasks[name] as DagTaskSpec, scope.record);
  const running = new Map<string, Promise<void>>();
  const started = new Set<string>();
  for (;;) {
    // Skipping a task can unblock (skip) the tasks after it in the same pass: repeat until nothing changes.
    for (let skipped = true; skipped; ) {
      skipped = false;
      for (const name of names.sort()) {
        if (started.has(name) || engine.context.signal.aborted) continue;
        const task = dag.tasks[name] as DagTaskSpec;
        const deps = task.dependencies.map(status);
        if (!deps.every((s) => FINISHED.includes(s as TaskStatus))) continue;
        started.add(name);
        const record = engine.state.tasks[childPath(scope, name)] as TaskRecord;
        const blocked =
          !task.trigger?.allUpstreamCompleted && !deps.every((s) => OK.includes(s as TaskStatus));
        if (blocked) {
          finish(engine, childPath(scope, name), record, { status: 'skipped' });
          skipped = true;
          continue;
        }
        running.set(
          name,
          runNode(engine, task, scope, record).finally(() => running.delete(name)),
        );
      }
    }
    if (running.size === 0) return;
    await Promise.race(running.values());
  }
}

function finish(engine: Engine, path: string, record: TaskRecord, patch: Partial<TaskRecord>): void {
  Object.assign(record, patch);
  engine.save();
  if (patch.status) {
    engine.context.emit({
      type: 'task-end',
      task: path,
      status: patch.status,
      ...(record.startedAt && record.endedAt
        ? { durationMs: Date.parse(record.endedAt) - Date.parse(record.startedAt) }
        : {}),
      ...(record.exitCode !== undefined ? { exitCode: record.exitCode } : {}),
    });
  }
}

async function runNode(
  engine: Engine,
  task: DagTaskSpec,
  scope: DagScope,
  record: TaskRecord,
): Promise<void> {
  const path = childPath(scope, task.name);
  if (!isDagNode(task) && OK.includes(record.status)) return; // resumed: done in an earlier session
  const now = () => engine.context.now().toISOString();
  const container = !isDagNode(task) && !task.importer;
  if (container) await engine.slots.acquire();
  try {
    Object.assign(record, { status: 'running', startedAt: now(), attempts: 0, warnings: [] });
    delete record.endedAt;
    engine.save();
    await startNode(engine, task, scope, record, path);
  } finally {
    if (container) engine.slots.release();
  }
}

async function startNode(
  engine: Engine,
  task: DagTaskSpec,
  scope: DagScope,
  record: TaskRecord,
  path: string,
): Promise<void> {
  const now = () => engine.context.now().toISOString();
  let inputs: ResolvedInputs;
  try {
    inputs = resolveDagInputs(task, scope, engine.state, engine.context);
    if (task.trigger?.condition && !evaluateCondition(task.trigger.condition, inputs.parameters)) {
      engine.context.emit({
        type: 'task-message',
        task: path,
        level: 'info',
        message: `condition not met: ${task.trigger.condition}`,
      });
      finish(engine, path, record, { status: 'skipped', endedAt: now() });
      return;
    }
  } catch (error) {
    record.error = (error as Error).message;
    engine.context.emit({ type: 'task-message', task: path, level: 'error', message: record.error });
    finish(engine, path, record, { status: 'failed', endedAt: now() });
    return;
  }
  if (isDagNode(task)) return runDagNode(engine, task, path, record, inputs);
  if (task.importer) {
    const outcome = importArtifact(task, inputs, path, engine.context.baseEnv[OBJECT_STORE_DIR_VAR]);
    finish(engine, path, record, { ...outcome, endedAt: now() });
    return;
  }
  const context: TaskRunContext = {
    ...engine.context,
    emit: (event) => {
      if (event.type === 'task-message' && event.task === path && event.level === 'warn')
        record.warnings.push(event.message);
      engine.context.emit(event);
    },
  };
  const outcome = await executeTask(
    { ...task, name: path },
    context,
    (patch) => {
      Object.assign(record, patch);
      engine.save();
    },
    inputs,
  );
  finish(engine, path, record, { ...outcome, endedAt: now() });
}

async function runDagNode(
  engine: Engine,
  task: DagNodeSpec,
  path: string,
  record: TaskRecord,
  inputs: ResolvedInputs,
): Promise<void> {
  const now = () => engine.context.now().toISOString();
  const iterator = task.iterator;
  if (!iterator) {
    const scope: DagScope = {
      path,
      record: path,
      parameters: inputs.parameters,
      artifacts: inputs.artifacts,
    };
    await runDag(engine, task.dag, scope);
    const outputs = dagOutputs(engine, task.dag, scope);
    finish(engine, path, record, { ...outputs, status: dagStatus(engine, path), endedAt: now() });
    return;
  }
  const items =
    'raw' in iterator.items
      ? iterator.items.raw
      : (inputs.parameters[iterator.items.input] ?? inputs.artifacts[iterator.items.input]);
  if (!Array.isArray(items)) {
    finish(engine, path, record, {
      status: 'failed',
      error: `loop items are not a list: ${JSON.stringify(items)}`,
      endedAt: now(),
    });
    return;
  }
  const limit = new Semaphore(iterator.parallelism > 0 ? iterator.parallelism : items.length || 1);
  const scopes = items.map((item: unknown, index): DagScope => {
    const isArtifact = iterator.kind === 'artifact';
    return {
      path: `${path}/${index}`,
      record: `${path}/${index}`,
      parameters: isArtifact
        ? inputs.parameters
        : { ...inputs.parameters, [iterator.itemInput]: item as JsonValue },
      artifacts: isArtifact
        ? { ...inputs.artifacts, [iterator.itemInput]: item as ArtifactLocation }
        : inputs.artifacts,
    };
  });
  await Promise.all(
    scopes.map(async (scope, index) => {
      await limit.acquire();
      try {
        const iteration = engine.state.tasks[scope.path] ?? {
          ...emptyTaskRecord([]),
          kind: 'iteration' as const,
          parent: path,
        };
        engine.state.tasks[scope.path] = Object.assign(iteration, {
          status: 'running' as const,
          startedAt: now(),
          iteration: index,
        });
        if (engine.context.signal.aborted) return;
        await runDag(engine, task.dag, scope);
        finish(engine, scope.path, iteration, {
          ...dagOutputs(engine, task.dag, scope),
          status: dagStatus(engine, scope.path),
          endedAt: now(),
        });
      } finally {
        limit.release();
      }
    }),
  );
  const collected = collectIterations(engine, task.dag, scopes);
  finish(engine, path, record, { ...collected, status: dagStatus(engine, path), endedAt: now() });
}

/** A DAG failed when anything inside failed; interrupted when stopped; otherwise it succeeded. */
function dagStatus(engine: Engine, path: string): TaskStatus {
  const inside = Object.entries(engine.state.tasks)
    .filter(([key]) => key.startsWith(`${path}/`))
    .map(([, r]) => r.status);
  if (inside.includes('interrupted') || engine.context.signal.aborted) return 'interrupted';
  return inside.includes('failed') ? 'failed' : 'succeeded';
}
