import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  PARAMETER_TYPES,
  ParameterTextError,
  parseParameterText,
  type IrParameterType,
} from '../dsl/index.js';
import { KfpConfigError } from './errors.js';

/** What the client needs from a compiled pipeline file. */
export interface PipelineFile {
  readonly path: string;
  readonly fileName: string;
  readonly text: string;
  /** sha256 of the file, hex. */
  readonly sha256: string;
  /** `pipelineInfo.name`. */
  readonly name: string;
  readonly description?: string;
  /** Copied into the run's `runtime_config.pipeline_root` (the backend ignores it in the spec). */
  readonly defaultPipelineRoot?: string;
  /** Root input parameters: name → `parameterType` (STRING, NUMBER_INTEGER, ...). */
  readonly parameterTypes: Readonly<Record<string, string>>;
  /** Document 1, the PipelineSpec, as parsed. */
  readonly spec: Readonly<Record<string, unknown>>;
  /** Document 2, the PlatformSpec, when the file has one. */
  readonly platformSpec?: Readonly<Record<string, unknown>>;
}

/** What the client reads from a PipelineSpec: its name, description, pipeline root and parameter types. */
export type SpecSummary = Pick<
  PipelineFile,
  'name' | 'description' | 'defaultPipelineRoot' | 'parameterTypes'
>;

interface SpecShape {
  pipelineInfo?: { name?: unknown; description?: unknown };
  defaultPipelineRoot?: unknown;
  root?: { inputDefinitions?: { parameters?: Record<string, { parameterType?: unknown }> } };
}

/** Reads and parses a compiled KFP v2 YAML (document 1 = PipelineSpec). */
export async function readPipelineFile(path: string): Promise<PipelineFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new KfpConfigError(
      `cannot read pipeline file ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return parsePipelineText(text, path);
}

export function parsePipelineText(text: string, path = 'pipeline.yaml'): PipelineFile {
  const documents = parseAllDocuments(text);
  const list = Array.isArray(documents) ? documents : [documents];
  const first = list[0];
  if (!first || first.errors.length > 0) {
    throw new KfpConfigError(`${path} is not valid YAML: ${first?.errors[0]?.message ?? 'empty file'}`);
  }
  const spec = (first.toJS() ?? {}) as Record<string, unknown>;
  const second = list[1];
  if (second && second.errors.length > 0) {
    throw new KfpConfigError(`${path} document 2 is not valid YAML: ${second.errors[0]?.message ?? ''}`);
  }
  const platform = second?.toJS() as Record<string, unknown> | null | undefined;
  return {
    path,
    fileName: basename(path),
    text,
    sha256: createHash('sha256').update(text).digest('hex'),
    ...summariseSpec(spec, path),
    spec,
    ...(platform && Object.keys(platform).length > 0 ? { platformSpec: platform } : {}),
  };
}

/**
 * Name, description, pipeline root and parameter types of a PipelineSpec object: document 1 of a file, or
 * the `pipeline_spec` the API returns for a version (wrapped as `{pipeline_spec, platform_spec}` when the
 * version has a platform spec).
 */
export function summariseSpec(value: unknown, where: string): SpecSummary {
  const wrapped = value as { pipeline_spec?: unknown; platform_spec?: unknown } | null;
  const spec = (
    wrapped && typeof wrapped === 'object' && 'pipeline_spec' in wrapped ? wrapped.pipeline_spec : value
  ) as SpecShape | null;
  const name = spec?.pipelineInfo?.name;
  if (typeof name !== 'string' || !name) {
    throw new KfpConfigError(`${where} has no pipelineInfo.name; is it a compiled KFP v2 pipeline?`);
  }
  const parameterTypes: Record<string, string> = {};
  for (const [key, definition] of Object.entries(spec.root?.inputDefinitions?.parameters ?? {})) {
    parameterTypes[key] = typeof definition.parameterType === 'string' ? definition.parameterType : 'STRING';
  }
  const description = spec.pipelineInfo?.description;
  const root = spec.defaultPipelineRoot;
  return {
    name,
    ...(typeof description === 'string' && description ? { description } : {}),
    ...(typeof root === 'string' && root ? { defaultPipelineRoot: root } : {}),
    parameterTypes,
  };
}

const TYPED = new Set<string>(Object.values(PARAMETER_TYPES).filter((type) => type !== 'STRING'));

/** `--param k=v` text by the declared type, by the launcher's rule; undeclared or unknown types stay text. */
function coerceOne(name: string, type: string, raw: string): unknown {
  if (!TYPED.has(type)) return raw;
  try {
    return parseParameterText(type as IrParameterType, raw);
  } catch (error) {
    if (!(error instanceof ParameterTextError)) throw error;
    const what = error.expected === 'JSON' ? ` (${type})` : '';
    throw new KfpConfigError(`parameter ${name}${what} must be ${error.expected}, got '${raw}'`);
  }
}

/**
 * A `k=v` value when the pipeline's declared types are unknown, as the `kfp` CLI reads it: JSON (lists,
 * objects, numbers, quoted strings), then true/false in any case, then a number, else the text itself.
 */
export function inferParameterValue(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    // not JSON: try the looser forms below
  }
  const lower = raw.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  const number = Number(raw);
  return raw.trim() !== '' && Number.isFinite(number) ? number : raw;
}

/**
 * Types run parameters by the pipeline's root inputs: strings (`--param k=v`) are parsed to the declared type,
 * other values pass through. Unknown names are rejected here because the backend rejects them anyway.
 */
export function coerceParameters(
  file: Pick<SpecSummary, 'name' | 'parameterTypes'>,
  raw: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const type = file.parameterTypes[name];
    if (type === undefined) {
      const known = Object.keys(file.parameterTypes).join(', ') || 'none';
      throw new KfpConfigError(`pipeline ${file.name} has no parameter '${name}' (parameters: ${known})`);
    }
    out[name] = typeof value === 'string' ? coerceOne(name, type, value) : value;
  }
  return out;
}
