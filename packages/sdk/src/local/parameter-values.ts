// Typed parameter values: checking supplied pipeline parameters, parsing CLI text and output parameter files.
import type { JsonValue } from '../dsl/index.js';
import { ParameterError } from './errors.js';
import type { ParameterDefinition, ParameterType } from './pipeline-model.js';

/** Applies defaults, rejects unknown parameters (as the backend does) and type-checks every value. */
export function resolvePipelineParameters(
  definitions: Readonly<Record<string, ParameterDefinition>>,
  supplied: Readonly<Record<string, unknown>>,
): Record<string, JsonValue> {
  const known = Object.keys(definitions);
  for (const name of Object.keys(supplied)) {
    if (!definitions[name]) {
      throw new ParameterError(
        name,
        `unknown; the pipeline declares ${known.length > 0 ? known.join(', ') : 'no parameters'}`,
      );
    }
  }
  const values: Record<string, JsonValue> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    const value = supplied[name] ?? definition.defaultValue;
    if (value === undefined) {
      if (definition.optional) continue;
      throw new ParameterError(name, `required ${definition.type} with no default; pass it`);
    }
    if (!matchesType(definition.type, value)) {
      throw new ParameterError(name, `expected ${definition.type}, got ${JSON.stringify(value)}`);
    }
    values[name] = value as JsonValue;
  }
  return values;
}

export function matchesType(type: ParameterType, value: unknown): boolean {
  switch (type) {
    case 'STRING':
      return typeof value === 'string';
    case 'NUMBER_INTEGER':
      return typeof value === 'number' && Number.isInteger(value);
    case 'NUMBER_DOUBLE':
      return typeof value === 'number' && Number.isFinite(value);
    case 'BOOLEAN':
      return typeof value === 'boolean';
    case 'LIST':
      return Array.isArray(value);
    case 'STRUCT':
    case 'TASK_FINAL_STATUS':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

/** Parses command-line text by the declared type (`--param k=v`). Throws a plain Error naming what was expected. */
export function parseParameterText(type: ParameterType, text: string): JsonValue {
  const trimmed = text.trim();
  switch (type) {
    case 'STRING':
      return text;
    case 'NUMBER_INTEGER':
      if (!/^[+-]?\d+$/.test(trimmed)) throw new Error(`expected an integer, got '${text}'`);
      return Number(trimmed);
    case 'NUMBER_DOUBLE': {
      const value = trimmed === '' ? Number.NaN : Number(trimmed);
      if (!Number.isFinite(value)) throw new Error(`expected a number, got '${text}'`);
      return value;
    }
    case 'BOOLEAN':
      if (trimmed !== 'true' && trimmed !== 'false') throw new Error(`expected true or false, got '${text}'`);
      return trimmed === 'true';
    case 'LIST':
    case 'STRUCT':
    case 'TASK_FINAL_STATUS': {
      const value = parseJson(trimmed);
      if (!matchesType(type, value))
        throw new Error(`expected a JSON ${type === 'LIST' ? 'array' : 'object'}, got '${text}'`);
      return value;
    }
  }
}

/** Reads an output parameter file's content the way the launcher does (STRING raw, others trimmed and parsed). */
export function parseOutputParameter(type: ParameterType, content: string): JsonValue {
  if (type === 'STRING') return content;
  if (type === 'NUMBER_INTEGER' || type === 'NUMBER_DOUBLE') {
    const trimmed = content.trim();
    const value = trimmed === '' ? Number.NaN : Number(trimmed);
    if (!Number.isFinite(value))
      throw new Error(`expected a number, the file holds '${abbreviate(content)}'`);
    if (type === 'NUMBER_INTEGER' && !Number.isInteger(value)) {
      throw new Error(`expected an integer, the file holds '${abbreviate(content)}'`);
    }
    return value;
  }
  return parseParameterText(type, content);
}

function parseJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new Error(`expected JSON, got '${abbreviate(text)}'`);
  }
}

function abbreviate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
