import { isArtifactChannel, isParameterChannel, type ParameterChannel } from './channels.js';
import type { InputSpec } from './define-component.js';
import { DefinitionError } from './errors.js';
import { isParameterValue } from './parameters.js';
import type { TaskTemplate } from './pipeline-task.js';
import type { GraphState } from './task-group.js';

/**
 * The run-time twin of the DSL's type checks (for JavaScript callers and casts), with the official SDK's
 * rules: a channel fits an input of the same kind only (`int` does not fit `float`); artifacts fit when
 * their types are equal or one is `system.Artifact`, and both or neither are lists; loop items of unknown
 * kind fit any parameter input.
 */
export function validateTaskArguments(
  subject: string,
  component: TaskTemplate,
  args: Readonly<Record<string, unknown>>,
  state: GraphState,
): void {
  for (const name of Object.keys(args)) {
    if (!(name in component.inputs)) {
      const known = Object.keys(component.inputs).join(', ') || 'none';
      throw new DefinitionError(subject, `unknown input '${name}'; inputs are: ${known}`);
    }
  }
  for (const [name, spec] of Object.entries<InputSpec>(component.inputs)) {
    const value = args[name];
    if (value === undefined) {
      if (spec.kind === 'artifact' || !spec.optional)
        throw new DefinitionError(subject, `input '${name}' is required`);
      continue;
    }
    if (spec.kind === 'artifact') checkArtifact(subject, name, spec, value, state);
    else checkParameter(subject, name, spec, value, state);
  }
}

function checkArtifact(
  subject: string,
  name: string,
  spec: InputSpec & { kind: 'artifact' },
  value: unknown,
  state: GraphState,
): void {
  const expected = `${spec.isList ? 'a list of ' : ''}${spec.schemaTitle}`;
  if (!isArtifactChannel(value)) {
    throw new DefinitionError(
      subject,
      `input '${name}' is an artifact (${expected}); pass another task's output artifact`,
    );
  }
  const compatible =
    [spec.schemaTitle, value.schemaTitle].includes('system.Artifact') ||
    spec.schemaTitle === value.schemaTitle;
  if (!compatible || value.isList !== spec.isList) {
    throw new DefinitionError(
      subject,
      `input '${name}' expects ${expected}, got ${value.isList ? 'a list of ' : ''}${value.schemaTitle} from ${value.describe()}`,
    );
  }
  checkOrigin(subject, value.source, state);
}

function checkParameter(
  subject: string,
  name: string,
  spec: InputSpec & { kind: 'parameter' },
  value: unknown,
  state: GraphState,
): void {
  if (spec.type === 'taskFinalStatus') {
    throw new DefinitionError(
      subject,
      `input '${name}' is filled by the backend with the exit handler's status; pass nothing`,
    );
  }
  if (isArtifactChannel(value)) {
    throw new DefinitionError(
      subject,
      `input '${name}' is a ${spec.type} parameter; got ${value.describe()}`,
    );
  }
  if (isParameterChannel(value)) {
    const channel = value;
    if (channel.type !== spec.type && !channel.looseType) {
      throw new DefinitionError(
        subject,
        `input '${name}' is a ${spec.type} parameter; ${channel.describe()} is a ${channel.type} (the official SDK refuses this too; convert it with a component)`,
      );
    }
    checkOrigin(subject, channel.source, state);
    return;
  }
  if (!isParameterValue(spec.type, value)) {
    throw new DefinitionError(
      subject,
      `input '${name}' expects a ${spec.type}, got ${JSON.stringify(value)}`,
    );
  }
}

function checkOrigin(subject: string, source: ParameterChannel<unknown>['source'], state: GraphState): void {
  if (source.from === 'pipeline' && !state.paramNames.includes(source.name)) {
    throw new DefinitionError(
      subject,
      `pipeline parameter '${source.name}' is not a parameter of this pipeline`,
    );
  }
  if (
    (source.from === 'task' || source.from === 'collected') &&
    !state.tasks.some((t) => t.name === source.task)
  ) {
    throw new DefinitionError(
      subject,
      `uses an output of task '${source.task}', which is not part of this pipeline`,
    );
  }
}
