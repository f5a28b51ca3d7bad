import { isParameterValue, type ParameterKind } from '../dsl/index.js';
import { ComponentArgumentError } from './errors.js';

/** Parses a substituted parameter string the way the KFP launcher formats it (3, 2.5, true, JSON). */
export function parseParameterValue(name: string, kind: ParameterKind, raw: string): unknown {
  const fail = (expected: string): never => {
    throw new ComponentArgumentError(`input '${name}': expected ${expected}, got ${JSON.stringify(raw)}`);
  };
  switch (kind) {
    case 'string':
      return raw;
    case 'int': {
      const value = Number(raw.trim());
      return raw.trim() !== '' && Number.isSafeInteger(value) ? value : fail('an integer such as 3');
    }
    case 'float': {
      const value = Number(raw.trim());
      return raw.trim() !== '' && Number.isFinite(value) ? value : fail('a number such as 2.5');
    }
    case 'bool': {
      const value = raw.trim().toLowerCase();
      return value === 'true' ? true : value === 'false' ? false : fail('true or false');
    }
    case 'list':
    case 'struct':
    case 'taskFinalStatus': {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        return fail(kind === 'list' ? 'a JSON list' : 'a JSON object');
      }
      const valid =
        kind === 'taskFinalStatus' ? isParameterValue('struct', value) : isParameterValue(kind, value);
      return valid ? value : fail(kind === 'list' ? 'a JSON list' : 'a JSON object');
    }
  }
}

/** The text written to an output parameter file: strings raw, numbers and booleans plain, lists/structs JSON. */
export function formatParameterValue(kind: ParameterKind, value: unknown): string {
  return kind === 'string' ? String(value) : JSON.stringify(value);
}
