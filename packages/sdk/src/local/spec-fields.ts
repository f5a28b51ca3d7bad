// Small readers for the loosely typed parsed YAML, each failing with the field path.
import type {
  ArtifactDefinition,
  ComponentIo,
  ParameterDefinition,
  ParameterType,
} from './pipeline-model.js';

export interface SpecReader {
  readonly source: string;
  fail(detail: string): Error;
}

const PARAMETER_TYPES: readonly ParameterType[] = [
  'STRING',
  'NUMBER_INTEGER',
  'NUMBER_DOUBLE',
  'BOOLEAN',
  'LIST',
  'STRUCT',
  'TASK_FINAL_STATUS',
];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown, where: string, read: SpecReader): Record<string, unknown> {
  if (!isRecord(value)) throw read.fail(`${where} must be a mapping, got ${describe(value)}`);
  return value;
}

export function optionalRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

export function asString(value: unknown, where: string, read: SpecReader): string {
  if (typeof value !== 'string' || value === '')
    throw read.fail(`${where} must be a non-empty string, got ${describe(value)}`);
  return value;
}

export function asStringList(value: unknown, where: string, read: SpecReader): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw read.fail(`${where} must be a list of strings, got ${describe(value)}`);
  return value.map((item, index) => {
    if (typeof item !== 'string')
      throw read.fail(`${where}[${index}] must be a string, got ${describe(item)}`);
    return item;
  });
}

/** A component's input and output definitions (`components.<name>.inputDefinitions` / `outputDefinitions`). */
export function parseComponentIo(
  component: Record<string, unknown>,
  componentName: string,
  read: SpecReader,
): { inputs: ComponentIo; outputs: ComponentIo } {
  const where = `components.${componentName}`;
  return {
    inputs: parseIoDefinitions(component['inputDefinitions'], `${where}.inputDefinitions`, read),
    outputs: parseIoDefinitions(component['outputDefinitions'], `${where}.outputDefinitions`, read),
  };
}

export function parseIoDefinitions(value: unknown, where: string, read: SpecReader): ComponentIo {
  const io = value === undefined ? {} : asRecord(value, where, read);
  const parameters: Record<string, ParameterDefinition> = {};
  for (const [name, raw] of Object.entries(optionalRecord(io['parameters']) ?? {})) {
    const definition = asRecord(raw, `${where}.parameters.${name}`, read);
    const type = definition['parameterType'];
    if (!PARAMETER_TYPES.includes(type as ParameterType)) {
      throw read.fail(
        `${where}.parameters.${name}.parameterType must be one of ${PARAMETER_TYPES.join(', ')}, got ${describe(type)}`,
      );
    }
    parameters[name] = {
      type: type as ParameterType,
      optional: definition['isOptional'] === true || definition['defaultValue'] !== undefined,
      ...(definition['defaultValue'] !== undefined
        ? { defaultValue: definition['defaultValue'] as never }
        : {}),
    };
  }
  const artifacts: Record<string, ArtifactDefinition> = {};
  for (const [name, raw] of Object.entries(optionalRecord(io['artifacts']) ?? {})) {
    const type = optionalRecord(asRecord(raw, `${where}.artifacts.${name}`, read)['artifactType']) ?? {};
    artifacts[name] = {
      schemaTitle: typeof type['schemaTitle'] === 'string' ? type['schemaTitle'] : 'system.Artifact',
      schemaVersion: typeof type['schemaVersion'] === 'string' ? type['schemaVersion'] : '0.0.1',
    };
  }
  return { parameters, artifacts };
}

/** Parses a protobuf JSON Duration (`0s`, `1.5s`, `3600s`) into milliseconds. */
export function parseDurationMs(value: unknown, where: string, read: SpecReader): number {
  if (value === undefined) return 0;
  if (typeof value === 'number' && value >= 0) return value * 1000;
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(value) : null;
  if (!match?.[1]) throw read.fail(`${where} must be a duration like '30s', got ${describe(value)}`);
  return Math.round(Number(match[1]) * 1000);
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? typeof value;
}
