// Parameter values as text, by the KFP launcher's one rule (kubeflow/pipelines backend/src/v2/metadata/
// converter.go): `TextToPbValue` reads an output parameter file by its declared type, `PbValueToText` (and the
// launcher's placeholder substitution in component/launcher_v2.go) writes a value into a command line. The
// runtime parses what was substituted into its args and formats its output files, the local runner
// substitutes placeholders and reads output files, the CLI and the REST client read `--param k=v`: all of
// them through these two functions, so a value a cluster would refuse is refused everywhere.
import { ParameterTextError } from './errors.js';
import type { IrParameterType, JsonValue } from './parameters.js';

// Go's strconv.ParseInt(s, 10, 64): an optional sign and decimal digits, within int64.
const INTEGER = /^[+-]?\d+$/;
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
// strconv.ParseFloat's decimal form. Go also takes inf/nan (which no JSON number holds), hexadecimal
// mantissas and digit underscores (Go literal syntax only); those are refused here.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// strconv.ParseBool.
const BOOLEANS: Readonly<Record<string, boolean>> = {
  '1': true,
  t: true,
  T: true,
  true: true,
  True: true,
  TRUE: true,
  '0': false,
  f: false,
  F: false,
  false: false,
  False: false,
  FALSE: false,
};

/**
 * Reads `text` as a value of `type`: STRING as is; numbers and booleans after trimming surrounding space
 * (integers `[+-]digits` within int64, so `3.0` and `1e3` are not integers; decimal numbers; `true`/`false`,
 * `True`, `TRUE`, `t`, `1` and their false forms); LIST and STRUCT as JSON of that shape. Throws
 * `ParameterTextError` naming what was expected.
 */
export function parseParameterText(type: IrParameterType, text: string): JsonValue {
  const trimmed = text.trim();
  switch (type) {
    case 'STRING':
      return text;
    case 'NUMBER_INTEGER': {
      const big = INTEGER.test(trimmed) ? BigInt(trimmed) : undefined;
      if (big === undefined || big < INT64.min || big > INT64.max)
        throw new ParameterTextError('an integer', text);
      return Number(trimmed);
    }
    case 'NUMBER_DOUBLE': {
      const value = DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
      if (!Number.isFinite(value)) throw new ParameterTextError('a number', text);
      return value;
    }
    case 'BOOLEAN': {
      const value = BOOLEANS[trimmed];
      if (value === undefined) throw new ParameterTextError('true or false', text);
      return value;
    }
    case 'LIST':
    case 'STRUCT':
    case 'TASK_FINAL_STATUS': {
      const value = parseJson(text);
      const list = type === 'LIST';
      const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
      if (list ? !Array.isArray(value) : !isObject) {
        throw new ParameterTextError(list ? 'a JSON array' : 'a JSON object', text);
      }
      return value;
    }
  }
}

/**
 * Writes a value as the launcher substitutes it: strings raw, numbers as Go's `FormatFloat(v, 'f', -1, 64)`
 * (shortest digits, never an exponent), `true`/`false`, lists and structs as compact JSON.
 */
export function formatParameterText(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

function formatNumber(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', head = '', tail = '', exponentText = '0'] = match;
  const digits = head + tail;
  const point = 1 + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function parseJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new ParameterTextError('JSON', text);
  }
}
