import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseAllDocuments } from 'yaml';
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
}

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
      `cannot read pipeline file ${path} (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  return parsePipelineText(text, path);
}

export function parsePipelineText(text: string, path = 'pipeline.yaml'): PipelineFile {
  const documents = parseAllDocuments(text);
  const first = Array.isArray(documents) ? documents[0] : documents;
  if (!first || first.errors.length > 0) {
    throw new KfpConfigError(`${path} is not valid YAML: ${first?.errors[0]?.message ?? 'empty file'}`);
  }
  const spec = (first.toJS() ?? {}) as SpecShape;
  const name = spec.pipelineInfo?.name;
  if (typeof name !== 'string' || !name) {
    throw new KfpConfigError(`${path} has no pipelineInfo.name; is it a compiled KFP v2 pipeline?`);
  }
  const parameterTypes: Record<string, string> = {};
  for (const [key, definition] of Object.entries(spec.root?.inputDefinitions?.parameters ?? {})) {
    parameterTypes[key] = typeof definition.parameterType === 'string' ? definition.parameterType : 'STRING';
  }
  const description = spec.pipelineInfo?.description;
  const root = spec.defaultPipelineRoot;
  return {
    path,
    fileName: basename(path),
    text,
    sha256: createHash('sha256').update(text).digest('hex'),
    name,
    ...(typeof description === 'string' && description ? { description } : {}),
    ...(typeof root === 'string' && root ? { defaultPipelineRoot: root } : {}),
    parameterTypes,
  };
}

function coerceOne(name: string, type: string, raw: string): unknown {
  switch (type) {
    case 'NUMBER_INTEGER': {
      const value = Number(raw);
      if (!Number.isInteger(value))
        throw new KfpConfigError(`parameter ${name} must be an integer, got '${raw}'`);
      return value;
    }
    case 'NUMBER_DOUBLE': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) {
        throw new KfpConfigError(`parameter ${name} must be a number, got '${raw}'`);
      }
      return value;
    }
    case 'BOOLEAN':
      if (raw !== 'true' && raw !== 'false') {
        throw new KfpConfigError(`parameter ${name} must be true or false, got '${raw}'`);
      }
      return raw === 'true';
    case 'LIST':
    case 'STRUCT':
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        throw new KfpConfigError(`parameter ${name} (${type}) must be JSON, got '${raw}'`);
      }
    default:
      return raw;
  }
}

/**
 * Types run parameters by the pipeline's root inputs: strings (`--param k=v`) are parsed to the declared type,
 * other values pass through. Unknown names are rejected here because the backend rejects them anyway.
 */
export function coerceParameters(
  file: Pick<PipelineFile, 'name' | 'parameterTypes'>,
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
