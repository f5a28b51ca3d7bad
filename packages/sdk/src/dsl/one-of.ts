// `dsl.OneOf`: the output of whichever branch of an if/elif/else chain ran. Every branch must return a task
// output of the same type (checked by TypeScript, and again here for callers that bypass the types).
import { ArtifactChannel, isArtifactChannel, isParameterChannel, ParameterChannel } from './channels.js';
import { DefinitionError } from './errors.js';
import type { GraphState, TaskGroup } from './task-group.js';

type Branch = ParameterChannel<unknown> | ArtifactChannel;

/** Registers a oneOf output on the chain's `condition-branches` group and returns its channel. */
export function createOneOf(state: GraphState, branches: TaskGroup, results: readonly unknown[]): Branch {
  const subject = `oneOf() of ${branches.name}`;
  const channels = results.map((result, i) =>
    branchValue(state, `${subject}, branch ${i + 1}`, branches.groups[i], result),
  );
  const [first, ...rest] = channels as [Branch, ...Branch[]];
  for (const other of rest) {
    if (shapeOf(other) !== shapeOf(first)) {
      throw new DefinitionError(
        subject,
        `every branch must return an output of the same type: ${first.describe()} is ${shapeOf(first)}, ${other.describe()} is ${shapeOf(other)}`,
      );
    }
  }
  // Named as the official compiler names the chain's output (and the key a consumer reads it by).
  const output = `pipelinechannel--${branches.name}-oneof-${branches.oneOfs.length + 1}`;
  branches.oneOfs.push({ output, channels });
  const source = { from: 'oneof', group: branches.name, output } as const;
  return isArtifactChannel(first)
    ? new ArtifactChannel(first.schemaTitle, source, false)
    : new ParameterChannel(first.type, source, first.elementKinds);
}

function shapeOf(channel: Branch): string {
  if (isArtifactChannel(channel)) return `an artifact of type ${channel.schemaTitle}`;
  return `a parameter of kind ${channel.type}`;
}

/** A branch's value: one output of a task inside that branch (not inside a loop of it). */
function branchValue(
  state: GraphState,
  subject: string,
  branch: TaskGroup | undefined,
  result: unknown,
): Branch {
  const isChannel = isParameterChannel(result) || isArtifactChannel(result);
  if (!branch || !isChannel || result.source.from !== 'task') {
    throw new DefinitionError(
      subject,
      `each branch must return one task output created in that branch, got ${isChannel ? result.describe() : (JSON.stringify(result) ?? String(result))}`,
    );
  }
  const producer = result.source.task;
  const path = state.groupOf.get(producer)?.path() ?? [];
  const below = path.slice(path.indexOf(branch));
  if (!path.includes(branch)) {
    throw new DefinitionError(subject, `${result.describe()} is not created inside ${branch.name}`);
  }
  if (below.some((group) => group.kind === 'for-loop')) {
    throw new DefinitionError(
      subject,
      `${result.describe()} is inside a loop of ${branch.name}; return it from the loop body to collect it`,
    );
  }
  if ((isParameterChannel(result) && result.looseType) || (isArtifactChannel(result) && result.isList)) {
    throw new DefinitionError(subject, `${result.describe()} cannot be a oneOf branch (untyped or a list)`);
  }
  return result;
}
