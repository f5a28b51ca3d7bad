// Typed parameter values: checking supplied pipeline parameters and reading output parameter files.
import {
  checkPipelineParameters,
  describeProblems,
  ParameterTextError,
  parseParameterText,
  type JsonValue,
  type ParameterCheck,
} from '../dsl/index.js';
import { ParameterError } from './errors.js';
import type { ParameterDefinition, ParameterType } from './pipeline-model.js';

/** Applies defaults, rejects unknown parameters (as the backend does) and type-checks every value. */
export function resolvePipelineParameters(
  definitions: Readonly<Record<string, ParameterDefinition>>,
  supplied: Readonly<Record<string, unknown>>,
  checks: Readonly<Record<string, readonly ParameterCheck[]>> = {},
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
  // The rules every task would check again: refused here, before any task starts or writes.
  const [first, ...more] = checkPipelineParameters(checks, values);
  if (first) {
    const also = more.length > 0 ? `; also ${describeProblems(more)}` : '';
    throw new ParameterError(first.parameter, `${first.problem} (${first.from})${also}`);
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

/**
 * Reads an output parameter file by its declared type, as the launcher does (`parseParameterText`: STRING
 * raw, the others trimmed and parsed). Throws a plain Error naming what was expected and what the file holds.
 */
export function parseOutputParameter(type: ParameterType, content: string): JsonValue {
  try {
    return parseParameterText(type, content);
  } catch (error) {
    if (!(error instanceof ParameterTextError)) throw error;
    // An empty file holds no number at all, whatever the numeric type.
    const numeric = type === 'NUMBER_INTEGER' || type === 'NUMBER_DOUBLE';
    const expected = numeric && content.trim() === '' ? 'a number' : error.expected;
    throw new Error(`expected ${expected}, the file holds '${abbreviate(content)}'`);
  }
}

function abbreviate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
