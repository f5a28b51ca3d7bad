import type { ArtifactSpec } from './artifacts.js';
import type { Comparison, ParameterChannel, Scope } from './channels.js';
import type {
  BlockBody,
  BlockOptions,
  ConditionChain,
  LoopOptions,
  RootContext,
  TaskFactory,
} from './block-types.js';
import type { InputSpecs, OutputSpecs } from './define-component.js';
import { DefinitionError } from './errors.js';
import { importerComponent, type ImporterOptions } from './importer.js';
import { collectResult, createLoop } from './parallel-for.js';
import { PipelineTask, type TaskRef, type TaskTemplate } from './pipeline-task.js';
import { TaskGroup, type GraphState } from './task-group.js';
import type { TaskOptions } from './task-types.js';
import { validateTaskArguments } from './validate-arguments.js';

const TASK_NAME = /^[a-z][a-z0-9-]{0,62}$/;

function uniqueName(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i += 1) if (!taken.has(`${wanted}-${i}`)) return `${wanted}-${i}`;
}

/** The functions a block body receives, bound to `group`. */
export function blockContext<S extends Scope>(state: GraphState, group: TaskGroup): RootContext<S> {
  const subject = `pipeline '${state.pipelineName}'`;
  const ensureOpen = (what: string): void => {
    if (!group.open) {
      throw new DefinitionError(
        subject,
        `${what}: this block's body has returned; use the context its body received`,
      );
    }
  };
  const task = ((component: TaskTemplate, args: Record<string, unknown> = {}, options: TaskOptions = {}) => {
    ensureOpen(`task(${component.name})`);
    const { name: requested, displayName, ...execution } = options;
    if (requested !== undefined && !TASK_NAME.test(requested)) {
      throw new DefinitionError(subject, `task name '${requested}' must be kebab-case`);
    }
    const names = new Set(state.tasks.map((t) => t.name));
    if (requested !== undefined && names.has(requested)) {
      throw new DefinitionError(subject, `task name '${requested}' is used twice`);
    }
    const name = requested ?? uniqueName(component.name, names);
    validateTaskArguments(`task '${name}' (${component.kind} '${component.name}')`, component, args, state);
    const created = new PipelineTask(name, component, args, execution, state.graphId);
    if (displayName !== undefined) created.setDisplayName(displayName);
    state.tasks.push(created);
    state.groupOf.set(name, group);
    group.tasks.push(created);
    return created;
  }) as TaskFactory<S>;

  const runBody = <R>(child: TaskGroup, body: (context: RootContext<Scope>) => R): R => {
    group.groups.push(child);
    try {
      return body(blockContext(state, child));
    } finally {
      child.open = false;
    }
  };

  const condition = (comparison: Comparison<S>, body: BlockBody<S, unknown>, options: BlockOptions = {}) => {
    ensureOpen('condition()');
    checkComparison(comparison);
    const child = new TaskGroup('condition', `condition-${state.nextGroupId()}`, group, options.displayName);
    child.conditions = [comparison];
    child.negatedUpstream = [comparison.negated()];
    const result = runBody(child, body as (context: RootContext<Scope>) => unknown);
    return conditionChain(child, result);
  };

  const conditionChain = (previous: TaskGroup, result: unknown): ConditionChain<S, unknown> => {
    let done = false;
    const branch = (
      comparison: Comparison<S> | undefined,
      body: BlockBody<S, unknown>,
      options: BlockOptions,
    ) => {
      ensureOpen(comparison ? 'elif()' : 'else()');
      if (done)
        throw new DefinitionError(subject, 'a condition chain continues only once, from its last branch');
      done = true;
      if (comparison) checkComparison(comparison);
      const branches = branchesFor(previous);
      const child = new TaskGroup(
        'condition',
        `condition-${state.nextGroupId()}`,
        branches,
        options.displayName,
      );
      child.conditions = comparison ? [...previous.negatedUpstream, comparison] : previous.negatedUpstream;
      child.negatedUpstream = comparison ? [...previous.negatedUpstream, comparison.negated()] : [];
      branches.groups.push(child);
      try {
        return {
          child,
          result: (body as (context: RootContext<Scope>) => unknown)(blockContext(state, child)),
        };
      } finally {
        child.open = false;
      }
    };
    return {
      result,
      elif: (comparison, body, options = {}) => {
        const next = branch(comparison, body, options);
        return conditionChain(next.child, next.result);
      },
      else: (body, options = {}) => ({
        result: branch(undefined, body, options).result,
      }),
    } as ConditionChain<S, unknown>;
  };

  /** An if/elif chain lives in a `condition-branches` group; the official SDK swaps the two ids. */
  const branchesFor = (previous: TaskGroup): TaskGroup => {
    const last = group.groups[group.groups.length - 1];
    if (previous.parent?.kind === 'condition-branches' && last === previous.parent) return previous.parent;
    if (last !== previous || group.tasks.some((t) => isCreatedAfter(state, t.name, previous))) {
      throw new DefinitionError(
        subject,
        'elif()/else() must follow their condition() directly, with nothing created in between',
      );
    }
    const id = state.nextGroupId();
    const previousId = previous.name.slice('condition-'.length);
    const branches = new TaskGroup('condition-branches', `condition-branches-${previousId}`, group);
    previous.name = `condition-${id}`;
    previous.parent = branches;
    branches.groups.push(previous);
    group.groups[group.groups.length - 1] = branches;
    return branches;
  };

  const parallelFor = (
    items: unknown,
    body: (item: unknown, context: RootContext<Scope>) => unknown,
    options: LoopOptions = {},
  ) => {
    ensureOpen('parallelFor()');
    const child = createLoop(
      state,
      group,
      items as never,
      options.parallelism ?? 0,
      (id) => new TaskGroup('for-loop', `for-loop-${id}`, group, options.displayName),
    );
    const item = child.loop?.item;
    const result = runBody(child, (context) => body(item, context));
    return collectResult(result, child);
  };

  const exitHandler = (
    exitTask: PipelineTask<InputSpecs, OutputSpecs, S>,
    body: BlockBody<S, unknown>,
    options: BlockOptions = {},
  ): TaskRef => {
    ensureOpen('exitHandler()');
    if (group.kind !== 'pipeline') {
      throw new DefinitionError(
        subject,
        'exitHandler() can only be used at the top level of a pipeline, not inside a block',
      );
    }
    checkExitTask(state, group, exitTask as PipelineTask);
    const child = new TaskGroup(
      'exit-handler',
      `exit-handler-${state.nextGroupId()}`,
      group,
      options.displayName,
    );
    group.tasks.splice(group.tasks.indexOf(exitTask as PipelineTask), 1);
    state.groupOf.delete(exitTask.name);
    child.exitTask = exitTask as PipelineTask;
    runBody(child, body as (context: RootContext<Scope>) => unknown);
    return { name: child.name, graphId: state.graphId };
  };

  const importer = (options: ImporterOptions<ArtifactSpec, S>, taskOptions: TaskOptions = {}) => {
    const { component, args } = importerComponent(options);
    const create = task as unknown as (
      c: TaskTemplate,
      a: Record<string, unknown>,
      o: TaskOptions,
    ) => PipelineTask;
    return create(component, args, taskOptions);
  };

  return { task, condition, parallelFor, exitHandler, importer } as unknown as RootContext<S>;
}

function isCreatedAfter(state: GraphState, task: string, group: TaskGroup): boolean {
  const index = state.tasks.findIndex((t) => t.name === task);
  const groupTasks = group.descendants().flatMap((g) => g.tasks.map((t) => t.name));
  const lastInGroup = Math.max(
    -1,
    ...groupTasks.map((name) => state.tasks.findIndex((t) => t.name === name)),
  );
  return index > lastInGroup;
}

function checkComparison(comparison: unknown): void {
  if (
    typeof comparison === 'boolean' ||
    typeof comparison !== 'object' ||
    comparison === null ||
    !('operator' in comparison)
  ) {
    throw new DefinitionError(
      'condition()',
      `expected a comparison such as task.output.eq('heads'), got ${JSON.stringify(comparison)}; at least one side must be a pipeline parameter or task output`,
    );
  }
}

function checkExitTask(state: GraphState, root: TaskGroup, exitTask: PipelineTask): void {
  const subject = `exitHandler(task '${exitTask.name}')`;
  if (!root.tasks.includes(exitTask)) {
    throw new DefinitionError(
      subject,
      'the exit task must be created at the top level of this pipeline, and serve one exit handler',
    );
  }
  const dependsOnTask = Object.values(exitTask.args).some(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      'source' in value &&
      (value as ParameterChannel<unknown>).source.from !== 'pipeline',
  );
  if (dependsOnTask || exitTask.afterTasks.length > 0) {
    throw new DefinitionError(
      subject,
      'an exit task cannot depend on other tasks (it runs after all of them)',
    );
  }
  void state;
}
