import type { ArtifactChannel, Comparison, LoopOrigin, ParameterChannel } from './channels.js';
import type { PipelineTask } from './pipeline-task.js';

/** The kinds of blocks, named as the official SDK names their groups (`condition-1`, `for-loop-2`, ...). */
export type GroupKind = 'pipeline' | 'condition' | 'condition-branches' | 'for-loop' | 'exit-handler';

export interface LoopSpec {
  readonly origin: LoopOrigin;
  readonly item: ParameterChannel<unknown> | ArtifactChannel;
  /** Most iterations running at once; 0 = unlimited. */
  readonly parallelism: number;
}

/** A block of a pipeline: the root, a condition (branch), a loop or an exit handler. */
export class TaskGroup {
  readonly groups: TaskGroup[] = [];
  readonly tasks: PipelineTask[] = [];
  /** Condition blocks: comparisons joined with `&&` (elif/else blocks add the negated earlier branches). */
  conditions: readonly Comparison[] = [];
  /** What a following elif/else must negate: this branch's and the earlier branches' comparisons. */
  negatedUpstream: readonly Comparison[] = [];
  loop?: LoopSpec;
  exitTask?: PipelineTask;
  /** False once the block's body returned: its `task()` etc. can no longer add to it. */
  open = true;

  constructor(
    readonly kind: GroupKind,
    public name: string,
    public parent: TaskGroup | undefined,
    readonly displayName?: string,
  ) {}

  /** This group and its ancestors, outermost first. */
  path(): TaskGroup[] {
    return this.parent ? [...this.parent.path(), this] : [this];
  }

  /** Every group below this one, parents before children (the order the official compiler builds them). */
  descendants(): TaskGroup[] {
    return [this, ...this.groups.flatMap((group) => group.descendants())];
  }
}

/** Per-build state: every task (creation order), the group of each task, the group counter. */
export class GraphState {
  readonly graphId: symbol;
  readonly tasks: PipelineTask[] = [];
  readonly groupOf = new Map<string, TaskGroup>();
  readonly root: TaskGroup;
  #groupId = 0;

  constructor(
    readonly pipelineName: string,
    readonly paramNames: readonly string[] = [],
  ) {
    this.graphId = Symbol(pipelineName);
    this.root = new TaskGroup('pipeline', pipelineName, undefined);
  }

  nextGroupId(): number {
    this.#groupId += 1;
    return this.#groupId;
  }

  groupNamed(name: string): TaskGroup | undefined {
    return this.root.descendants().find((group) => group.name === name);
  }
}
