import { describe, expect, it } from 'vitest';
import { ConditionError, evaluateCondition } from './cel-condition.js';

describe('evaluateCondition (the CEL the official SDK writes)', () => {
  const values = {
    'pipelinechannel--flip': 'heads',
    'pipelinechannel--n': 3,
    'pipelinechannel--f': 2.5,
    'pipelinechannel--b': true,
  };
  it.each([
    ["inputs.parameter_values['pipelinechannel--flip'] == 'heads'", true],
    ["inputs.parameter_values['pipelinechannel--flip'] != 'heads'", false],
    ["int(inputs.parameter_values['pipelinechannel--n']) >= 3", true],
    ["int(inputs.parameter_values['pipelinechannel--n']) < 3", false],
    [
      "double(int(inputs.parameter_values['pipelinechannel--n'])) > inputs.parameter_values['pipelinechannel--f']",
      true,
    ],
    ["inputs.parameter_values['pipelinechannel--b'] == true", true],
    [
      "!(inputs.parameter_values['pipelinechannel--flip'] == 'heads') && inputs.parameter_values['pipelinechannel--flip'] == 'tails'",
      false,
    ],
    [
      "!(inputs.parameter_values['pipelinechannel--flip'] == 'tails') && !(int(inputs.parameter_values['pipelinechannel--n']) == 4)",
      true,
    ],
  ])('%s → %s', (condition, expected) => {
    expect(evaluateCondition(condition, values)).toBe(expected);
  });

  it('names what it cannot evaluate', () => {
    expect(() => evaluateCondition("inputs.parameter_values['missing'] == 'x'", values)).toThrow(
      /input 'missing' is missing/,
    );
    expect(() => evaluateCondition("inputs.parameter_values['pipelinechannel--flip'] == 3", values)).toThrow(
      ConditionError,
    );
    expect(() => evaluateCondition('size(x) > 1', values)).toThrow(/unexpected text/);
  });
});
