import { isArtifactChannel, isParameterChannel } from './channels.js';
import type { ComponentDefinition } from './define-component.js';
import { DefinitionError } from './errors.js';
import { isParameterValue, type ParameterSpec } from './parameters.js';
import type { PipelineTask } from './pipeline-task.js';

interface Scope {
  readonly pipelineParams: Readonly<Record<string, ParameterSpec>>;
  readonly tasks: readonly PipelineTask[];
}

/** The run-time twin of the DSL's type checks, for JavaScript callers and casts. */
export function validateTaskArguments(
  subject: string,
  component: ComponentDefinition,
  args: Readonly<Record<string, unknown>>,
  scope: Scope,
): void {
  for (const name of Object.keys(args)) {
    if (!(name in component.inputs)) {
      const known = Object.keys(component.inputs).join(', ') || 'none';
      throw new DefinitionError(subject, `unknown input '${name}'; inputs are: ${known}`);
    }
  }
  for (const [name, spec] of Object.entries(component.inputs)) {
    const value = args[name];
    if (value === undefined) {
      if (spec.kind === 'artifact' || !spec.optional)
        throw new DefinitionError(subject, `input '${name}' is required`);
      continue;
    }
    if (spec.kind === 'artifact') {
      if (!isArtifactChannel(value)) {
        throw new DefinitionError(
          subject,
          `input '${name}' is an artifact (${spec.schemaTitle}); pass another task's output artifact`,
        );
      }
      if (spec.schemaTitle !== 'system.Artifact' && value.schemaTitle !== spec.schemaTitle) {
        throw new DefinitionError(
          subject,
          `input '${name}' expects ${spec.schemaTitle}, got ${value.schemaTitle} from ${value.describe()}`,
        );
      }
      checkProducer(subject, value.task, scope);
      continue;
    }
    if (isArtifactChannel(value)) {
      throw new DefinitionError(
        subject,
        `input '${name}' is a ${spec.type} parameter; got ${value.describe()}`,
      );
    }
    if (isParameterChannel(value)) {
      if (value.source.from === 'pipeline' && !(value.source.name in scope.pipelineParams)) {
        throw new DefinitionError(
          subject,
          `input '${name}': ${value.describe()} is not a parameter of this pipeline`,
        );
      }
      if (value.source.from === 'task') checkProducer(subject, value.source.task, scope);
      continue;
    }
    if (!isParameterValue(spec.type, value)) {
      throw new DefinitionError(
        subject,
        `input '${name}' expects a ${spec.type}, got ${JSON.stringify(value)}`,
      );
    }
  }
}

function checkProducer(subject: string, task: string, scope: Scope): void {
  if (!scope.tasks.some((t) => t.name === task)) {
    throw new DefinitionError(
      subject,
      `uses an output of task '${task}', which is not part of this pipeline`,
    );
  }
}
