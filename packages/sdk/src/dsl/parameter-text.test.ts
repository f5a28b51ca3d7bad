import { describe, expect, it } from 'vitest';
import { ParameterTextError } from './errors.js';
import { formatParameterText, parseParameterText } from './parameter-text.js';
import type { IrParameterType, JsonValue } from './parameters.js';

describe('parseParameterText (the launcher’s TextToPbValue)', () => {
  it.each([
    ['STRING', ' spaced ', ' spaced '],
    ['NUMBER_INTEGER', '42', 42],
    ['NUMBER_DOUBLE', '2.5', 2.5],
    ['BOOLEAN', 'false', false],
    ['LIST', '[1,2]', [1, 2]],
    ['STRUCT', '{"a":1}', { a: 1 }],
  ] as const)('%s %j', (type, text, value) => {
    expect(parseParameterText(type, text)).toEqual(value);
  });
  it.each([
    ['NUMBER_INTEGER', '4.5', /expected an integer/],
    ['NUMBER_DOUBLE', 'abc', /expected a number/],
    ['BOOLEAN', 'yes', /expected true or false/],
    ['LIST', '{"a":1}', /expected a JSON array/],
    ['STRUCT', 'not json', /expected JSON/],
  ] as const)('rejects %s %j', (type, text, message) => {
    expect(() => parseParameterText(type, text)).toThrow(message);
  });

  it('reads integers as strconv.ParseInt(s, 10, 64) does: sign, decimal digits, int64, space trimmed', () => {
    expect(parseParameterText('NUMBER_INTEGER', ' -7\n')).toBe(-7);
    expect(parseParameterText('NUMBER_INTEGER', '+007')).toBe(7);
    expect(parseParameterText('NUMBER_INTEGER', '9223372036854775807')).toBe(2 ** 63);
    for (const text of ['3.0', '1e3', '0x10', '1_000', '', '9223372036854775808', '- 1']) {
      expect(() => parseParameterText('NUMBER_INTEGER', text), text).toThrow(ParameterTextError);
    }
  });

  it('reads doubles in decimal form and refuses what no JSON number holds', () => {
    expect(parseParameterText('NUMBER_DOUBLE', ' 1e-7 ')).toBe(1e-7);
    expect(parseParameterText('NUMBER_DOUBLE', '3')).toBe(3);
    expect(parseParameterText('NUMBER_DOUBLE', '.5')).toBe(0.5);
    expect(parseParameterText('NUMBER_DOUBLE', '-2.')).toBe(-2);
    for (const text of ['Infinity', 'inf', 'NaN', '1e400', '0x10', '', '1,5']) {
      expect(() => parseParameterText('NUMBER_DOUBLE', text), text).toThrow(/expected a number/);
    }
  });

  it('reads booleans as strconv.ParseBool does', () => {
    for (const text of ['true', 'True', 'TRUE', 't', 'T', '1', ' true\n'])
      expect(parseParameterText('BOOLEAN', text), text).toBe(true);
    for (const text of ['false', 'False', 'FALSE', 'f', 'F', '0'])
      expect(parseParameterText('BOOLEAN', text), text).toBe(false);
    for (const text of ['tRuE', 'yes', '2', ''])
      expect(() => parseParameterText('BOOLEAN', text), text).toThrow(/expected true or false/);
  });

  it('reads a task final status as a JSON object and names the text it refused', () => {
    expect(parseParameterText('TASK_FINAL_STATUS', '{"state":"SUCCEEDED"}')).toEqual({ state: 'SUCCEEDED' });
    const error = (() => {
      try {
        parseParameterText('NUMBER_INTEGER', 'x'.repeat(100));
      } catch (e) {
        return e as ParameterTextError;
      }
    })();
    expect(error).toMatchObject({ expected: 'an integer', name: 'ParameterTextError' });
    expect(error?.message).toBe(`expected an integer, got '${'x'.repeat(77)}...'`);
  });
});

describe('formatParameterText (the launcher’s PbValueToText)', () => {
  it.each([
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    [-4, '-4'],
    [0.1, '0.1'],
    [-1.5e-8, '-0.000000015'],
    [1.25e22, '12500000000000000000000'],
  ])('formats %s without an exponent', (value, expected) => {
    expect(formatParameterText(value)).toBe(expected);
  });

  it('writes strings raw, booleans as words, lists and structs as compact JSON', () => {
    expect(formatParameterText(' a "b" ')).toBe(' a "b" ');
    expect(formatParameterText(false)).toBe('false');
    expect(formatParameterText([1, 'x', { k: null }])).toBe('[1,"x",{"k":null}]');
  });

  it('round-trips through parseParameterText for every type', () => {
    const cases: [IrParameterType, JsonValue][] = [
      ['NUMBER_INTEGER', -123456789],
      ['NUMBER_DOUBLE', 1.5e-9],
      ['NUMBER_DOUBLE', 2.5e22],
      ['BOOLEAN', true],
      ['LIST', [1, [2]]],
      ['STRUCT', { a: { b: [true] } }],
    ];
    for (const [type, value] of cases)
      expect(parseParameterText(type, formatParameterText(value))).toEqual(value);
  });
});
