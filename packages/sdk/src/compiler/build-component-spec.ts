import {
  ARTIFACT_SCHEMA_VERSION,
  DefinitionError,
  PARAMETER_TYPES,
  type InputSpec,
  type OutputSpec,
  type TaskTemplate,
} from '../dsl/index.js';
import type { IrComponentSpec, IrIoDefinitions, IrParameterDefinition } from './ir-types.js';

function parameterDefinition(spec: InputSpec & { kind: 'parameter' }): IrParameterDefinition {
  if (spec.type === 'taskFinalStatus') {
    return {
      parameterType: PARAMETER_TYPES.taskFinalStatus,
      isOptional: true,
      ...(spec.description ? { description: spec.description } : {}),
    };
  }
  return {
    parameterType: PARAMETER_TYPES[spec.type],
    ...(spec.default !== undefined
      ? { defaultValue: spec.default as IrParameterDefinition['defaultValue'] }
      : {}),
    ...(spec.optional && spec.irOptionalFlag !== false ? { isOptional: true as const } : {}),
    ...(spec.description ? { description: spec.description } : {}),
  };
}

/**
 * `inputDefinitions` / `outputDefinitions`; `undefined` when there is nothing to declare. Descriptions are
 * written: every KFP 2.x backend's PipelineSpec has these fields (components themselves have none).
 */
export function buildIoDefinitions(
  specs: Readonly<Record<string, InputSpec | OutputSpec>>,
): IrIoDefinitions | undefined {
  const io: IrIoDefinitions = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.kind === 'parameter') {
      (io.parameters ??= {})[name] = parameterDefinition(spec);
    } else {
      (io.artifacts ??= {})[name] = {
        artifactType: { schemaTitle: spec.schemaTitle, schemaVersion: ARTIFACT_SCHEMA_VERSION },
        ...(spec.isList ? { isArtifactList: true as const } : {}),
        ...(spec.description ? { description: spec.description } : {}),
      };
    }
  }
  return io.parameters || io.artifacts ? io : undefined;
}

/** `comp-<task>` of a container or importer task; only an exit task (or a component compiled on its own) may take the final status. */
export function buildComponentSpec(
  component: TaskTemplate,
  executorLabel: string,
  options: { readonly exitTask?: boolean; readonly task?: string } = {},
): IrComponentSpec {
  for (const [name, spec] of Object.entries(component.inputs)) {
    if (spec.kind === 'parameter' && spec.type === 'taskFinalStatus' && !options.exitTask) {
      throw new DefinitionError(
        `task '${options.task ?? component.name}'`,
        `input '${name}' is a taskFinalStatus, which only an exit handler's exit task can take`,
      );
    }
  }
  const inputs = buildIoDefinitions(component.inputs);
  const outputs = buildIoDefinitions(component.outputs);
  return {
    executorLabel,
    ...(inputs ? { inputDefinitions: inputs } : {}),
    ...(outputs ? { outputDefinitions: outputs } : {}),
  };
}
