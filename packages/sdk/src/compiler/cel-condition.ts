// A condition block's comparisons as the CEL expression the backend evaluates (`triggerPolicy.condition`).
import { DefinitionError, isParameterChannel, type Comparison, type IrParameterType } from '../dsl/index.js';
import { inputName, parameterTypeOf, refOf } from './channel-refs.js';

type Operand = Comparison['left'];

function operandType(operand: Operand): IrParameterType {
  if (isParameterChannel(operand)) return parameterTypeOf(operand);
  if (typeof operand === 'string') return 'STRING';
  if (typeof operand === 'boolean') return 'BOOLEAN';
  return Number.isInteger(operand) ? 'NUMBER_INTEGER' : 'NUMBER_DOUBLE';
}

/** Mixed types compare as the official SDK promotes them: string, then boolean, then double. */
function commonType(types: ReadonlySet<IrParameterType>): IrParameterType {
  if (types.size === 1) return [...types][0] as IrParameterType;
  if (types.has('STRING')) return 'STRING';
  if (types.has('BOOLEAN')) return 'BOOLEAN';
  return 'NUMBER_DOUBLE';
}

function operandText(operand: Operand): string {
  if (isParameterChannel(operand)) {
    const text = `inputs.parameter_values['${inputName(refOf(operand))}']`;
    return parameterTypeOf(operand) === 'NUMBER_INTEGER' ? `int(${text})` : text;
  }
  if (typeof operand === 'string') return `'${operand}'`;
  if (typeof operand === 'number' && Number.isInteger(operand)) return String(operand);
  if (typeof operand === 'number')
    return String(operand).includes('.') || String(operand).includes('e') ? String(operand) : `${operand}.0`;
  return String(operand);
}

function cast(text: string, from: IrParameterType, to: IrParameterType): string {
  if (from === to) return text;
  if (to === 'STRING') return `'${text}'`;
  if (to === 'BOOLEAN') return text === '0' ? 'true' : 'false';
  return `double(${text})`;
}

function single(comparison: Comparison): string {
  const operands = [comparison.left, comparison.right];
  for (const operand of operands) {
    if (isParameterChannel(operand) && ['LIST', 'STRUCT'].includes(parameterTypeOf(operand))) {
      throw new DefinitionError(
        'condition',
        `comparisons need primitive values; ${operand.describe()} is a ${parameterTypeOf(operand)}`,
      );
    }
  }
  const types = operands.map(operandType);
  const target = commonType(new Set(types));
  const [left, right] = operands.map((operand, i) =>
    cast(operandText(operand), types[i] as IrParameterType, target),
  );
  const text = `${left} ${comparison.operator} ${right}`;
  return comparison.negate ? `!(${text})` : text;
}

/** The comparisons joined with `&&` (elif and else blocks carry the negated earlier branches). */
export function celCondition(comparisons: readonly Comparison[]): string {
  return comparisons.map(single).join(' && ');
}
