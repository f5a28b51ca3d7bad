import { fileURLToPath } from 'node:url';
import {
  PARAMETER_TYPES,
  ParameterTextError,
  parseParameterText,
  type ComponentDefinition,
  type JsonValue,
  type ParameterKind,
} from '../dsl/index.js';
import { ComponentArgumentError } from './errors.js';

export interface ParsedArgs {
  /** Parameter values (typed) and input artifact paths. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Output artifact paths and output parameter files. */
  readonly outputs: Readonly<Record<string, string>>;
}

/** Parses `--<name> <value>` pairs exactly as `runtimeArgs()` emits them; every declared name must appear once. */
export function parseComponentArgs(component: ComponentDefinition, argv: readonly string[]): ParsedArgs {
  const raw = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    const name = flag.startsWith('--') ? flag.slice(2) : undefined;
    if (!name || !(name in component.inputs || name in component.outputs)) {
      const known = [...Object.keys(component.inputs), ...Object.keys(component.outputs)].map(
        (n) => `--${n}`,
      );
      throw new ComponentArgumentError(
        `unexpected argument '${flag}'; expected one of ${known.join(', ') || '(none)'}`,
      );
    }
    if (value === undefined) throw new ComponentArgumentError(`argument '${flag}' needs a value`);
    if (raw.has(name)) throw new ComponentArgumentError(`argument '${flag}' given twice`);
    raw.set(name, value);
  }
  const inputs: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(component.inputs)) {
    const value = raw.get(name);
    if (value === undefined) throw new ComponentArgumentError(`missing argument --${name}`);
    if (spec.kind === 'artifact') inputs[name] = spec.isList ? artifactListPaths(name, value) : value;
    else inputs[name] = parseInputValue(name, spec.type, value);
  }
  const outputs: Record<string, string> = {};
  for (const name of Object.keys(component.outputs)) {
    const value = raw.get(name);
    if (value === undefined || value === '') throw new ComponentArgumentError(`missing argument --${name}`);
    outputs[name] = value;
  }
  return { inputs, outputs };
}

/** What an input of each kind must look like, for messages. */
const EXPECTED: Record<ParameterKind, string> = {
  string: 'text',
  int: 'an integer such as 3',
  float: 'a number such as 2.5',
  bool: 'true or false',
  list: 'a JSON list',
  struct: 'a JSON object',
  taskFinalStatus: 'a JSON object',
};

/** A substituted parameter value, read by the launcher's rule (`parseParameterText`). */
function parseInputValue(name: string, kind: ParameterKind, raw: string): JsonValue {
  try {
    return parseParameterText(PARAMETER_TYPES[kind], raw);
  } catch (error) {
    if (!(error instanceof ParameterTextError)) throw error;
    throw new ComponentArgumentError(
      `input '${name}': expected ${EXPECTED[kind]}, got ${JSON.stringify(raw)}`,
    );
  }
}

/**
 * A list of artifacts arrives as the executor input JSON (`{{$}}`); each artifact's local path follows from
 * its URI as the KFP launcher mounts it (`gs://b/k` → `/gcs/b/k`, `s3://` → `/s3/`, `minio://` → `/minio/`;
 * `file://` locally).
 */
export function artifactListPaths(name: string, executorInput: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(executorInput);
  } catch {
    throw new ComponentArgumentError(
      `input '${name}': expected the executor input JSON for a list of artifacts`,
    );
  }
  const list = (parsed as { inputs?: { artifacts?: Record<string, { artifacts?: { uri?: unknown }[] }> } })
    .inputs?.artifacts?.[name]?.artifacts;
  if (!Array.isArray(list))
    throw new ComponentArgumentError(`input '${name}': the executor input has no artifact list '${name}'`);
  return list.map((artifact) => localPath(name, artifact.uri));
}

const MOUNTS: readonly (readonly [string, string])[] = [
  ['gs://', '/gcs/'],
  ['s3://', '/s3/'],
  ['minio://', '/minio/'],
];

function localPath(name: string, uri: unknown): string {
  if (typeof uri !== 'string') throw new ComponentArgumentError(`input '${name}': an artifact has no URI`);
  if (uri.startsWith('file://')) return fileURLToPath(uri);
  for (const [scheme, mount] of MOUNTS) if (uri.startsWith(scheme)) return mount + uri.slice(scheme.length);
  throw new ComponentArgumentError(`input '${name}': cannot map artifact URI '${uri}' to a local path`);
}
