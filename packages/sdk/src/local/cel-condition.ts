// Evaluates the CEL conditions the official SDK writes into `triggerPolicy.condition`:
// `inputs.parameter_values['x']`, int()/double(), literals, comparisons, `!( )` and `&&`.
import type { JsonValue } from '../dsl/index.js';

export class ConditionError extends Error {
  override readonly name = 'ConditionError';
  constructor(
    readonly condition: string,
    detail: string,
  ) {
    super(`cannot evaluate condition ${JSON.stringify(condition)}: ${detail}`);
  }
}

type Value = string | number | boolean;
const TOKEN =
  /\s*(inputs\.parameter_values\['[^']*'\]|int\(|double\(|'[^']*'|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|true|false|==|!=|<=|>=|<|>|&&|!\(|\(|\))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match?.[1])
      throw new ConditionError(text, `unexpected text at ${JSON.stringify(text.slice(start, start + 20))}`);
    tokens.push(match[1]);
  }
  return tokens;
}

/** Throws a ConditionError when the condition uses anything this evaluator does not know. */
export function checkConditionSyntax(condition: string): void {
  tokenize(condition);
}

/** True when the condition holds for the task's input values. */
export function evaluateCondition(condition: string, values: Readonly<Record<string, JsonValue>>): boolean {
  const tokens = tokenize(condition);
  let position = 0;
  const fail = (detail: string): never => {
    throw new ConditionError(condition, detail);
  };
  const next = (): string => tokens[position++] ?? fail('unexpected end');
  const expect = (token: string): void => {
    if (next() !== token) fail(`expected '${token}'`);
  };
  const operand = (): Value => {
    const token = next();
    if (token === 'int(' || token === 'double(') {
      const value = operand();
      expect(')');
      const number = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(number)) fail(`${token}) of ${JSON.stringify(value)}`);
      return token === 'int(' ? Math.trunc(number) : number;
    }
    if (token.startsWith('inputs.parameter_values[')) {
      const name = token.slice("inputs.parameter_values['".length, -2);
      const value = values[name];
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        return fail(
          `input '${name}' is ${value === undefined ? 'missing' : 'not a string, number or boolean'}`,
        );
      }
      return value;
    }
    if (token.startsWith("'")) return token.slice(1, -1);
    if (token === 'true' || token === 'false') return token === 'true';
    if (/^-?\d/.test(token)) return Number(token);
    return fail(`unexpected '${token}'`);
  };
  const comparison = (): boolean => {
    if (tokens[position] === '!(') {
      position++;
      const inner = conjunction();
      expect(')');
      return !inner;
    }
    const left = operand();
    const operator = next();
    const right = operand();
    if (typeof left !== typeof right) fail(`compares ${typeof left} with ${typeof right}`);
    switch (operator) {
      case '==':
        return left === right;
      case '!=':
        return left !== right;
      case '<':
        return left < right;
      case '<=':
        return left <= right;
      case '>':
        return left > right;
      case '>=':
        return left >= right;
      default:
        return fail(`unknown operator '${operator}'`);
    }
  };
  const conjunction = (): boolean => {
    let result = comparison();
    while (tokens[position] === '&&') {
      position++;
      const right = comparison();
      result = result && right;
    }
    return result;
  };
  const result = conjunction();
  if (position !== tokens.length) fail(`unexpected '${tokens[position]}'`);
  return result;
}
