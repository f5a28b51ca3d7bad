import {
  ARTIFACT_SCHEMA_VERSION,
  PARAMETER_TYPES,
  type ComponentDefinition,
  type InputSpec,
  type OutputSpec,
} from '../dsl/index.js';
import type { IrComponentSpec, IrIoDefinitions, IrParameterDefinition } from './ir-types.js';

export interface SpecFlags {
  readonly descriptions: boolean;
}

function parameterDefinition(
  spec: InputSpec & { kind: 'parameter' },
  flags: SpecFlags,
): IrParameterDefinition {
  return {
    parameterType: PARAMETER_TYPES[spec.type],
    ...(spec.optional && spec.default !== undefined
      ? { defaultValue: spec.default as IrParameterDefinition['defaultValue'] }
      : {}),
    ...(spec.optional && spec.irOptionalFlag !== false ? { isOptional: true as const } : {}),
    ...(flags.descriptions && spec.description ? { description: spec.description } : {}),
  };
}

/** `inputDefinitions` / `outputDefinitions`; `undefined` when there is nothing to declare. */
export function buildIoDefinitions(
  specs: Readonly<Record<string, InputSpec | OutputSpec>>,
  flags: SpecFlags,
): IrIoDefinitions | undefined {
  const io: IrIoDefinitions = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.kind === 'parameter') {
      (io.parameters ??= {})[name] = parameterDefinition(spec, flags);
    } else {
      (io.artifacts ??= {})[name] = {
        artifactType: { schemaTitle: spec.schemaTitle, schemaVersion: ARTIFACT_SCHEMA_VERSION },
        ...(flags.descriptions && spec.description ? { description: spec.description } : {}),
      };
    }
  }
  return io.parameters || io.artifacts ? io : undefined;
}

export function buildComponentSpec(
  component: ComponentDefinition,
  executorLabel: string,
  flags: SpecFlags,
): IrComponentSpec {
  const inputs = buildIoDefinitions(component.inputs, flags);
  const outputs = buildIoDefinitions(component.outputs, flags);
  return {
    executorLabel,
    ...(inputs ? { inputDefinitions: inputs } : {}),
    ...(outputs ? { outputDefinitions: outputs } : {}),
    ...(flags.descriptions && component.description ? { description: component.description } : {}),
  };
}
