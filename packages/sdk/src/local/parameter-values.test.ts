import { describe, expect, it } from 'vitest';
import { ParameterError } from './errors.js';
import { parseOutputParameter, resolvePipelineParameters } from './parameter-values.js';
import type { ParameterDefinition } from './pipeline-model.js';

const definitions: Record<string, ParameterDefinition> = {
  name: { type: 'STRING', optional: false },
  limit: { type: 'NUMBER_INTEGER', optional: true, defaultValue: 10 },
  ratio: { type: 'NUMBER_DOUBLE', optional: true, defaultValue: 0.5 },
  tags: { type: 'LIST', optional: true },
};

describe('resolvePipelineParameters', () => {
  it('applies defaults and keeps supplied values', () => {
    expect(resolvePipelineParameters(definitions, { name: 'a', ratio: 2 })).toEqual({
      name: 'a',
      limit: 10,
      ratio: 2,
    });
  });
  it('rejects unknown parameters like the backend, naming the declared ones', () => {
    expect(() => resolvePipelineParameters(definitions, { name: 'a', nmae: 'b' })).toThrow(
      "pipeline parameter 'nmae': unknown; the pipeline declares name, limit, ratio, tags",
    );
  });
  it('rejects a missing required parameter and wrong types', () => {
    expect(() => resolvePipelineParameters(definitions, {})).toThrow(ParameterError);
    expect(() => resolvePipelineParameters(definitions, { name: 'a', limit: 2.5 })).toThrow(
      /'limit': expected NUMBER_INTEGER, got 2\.5/,
    );
    expect(() => resolvePipelineParameters(definitions, { name: 3 })).toThrow(/expected STRING/);
    expect(() => resolvePipelineParameters(definitions, { name: 'a', tags: { a: 1 } })).toThrow(
      /expected LIST/,
    );
  });
});

describe('parseOutputParameter (launcher rules)', () => {
  it('takes STRING raw and trims and parses the others', () => {
    expect(parseOutputParameter('STRING', ' a b \n')).toBe(' a b \n');
    expect(parseOutputParameter('NUMBER_INTEGER', '7\n')).toBe(7);
    expect(parseOutputParameter('NUMBER_DOUBLE', ' 0.25 ')).toBe(0.25);
    expect(parseOutputParameter('BOOLEAN', 'true\n')).toBe(true);
    expect(parseOutputParameter('STRUCT', '{"rows": 3}\n')).toEqual({ rows: 3 });
  });
  it('fails on unparsable content', () => {
    expect(() => parseOutputParameter('NUMBER_INTEGER', '')).toThrow(/expected a number/);
    expect(() => parseOutputParameter('NUMBER_INTEGER', '1.5')).toThrow(/expected an integer/);
    expect(() => parseOutputParameter('LIST', 'a,b')).toThrow(/expected JSON/);
  });
  it('refuses what the launcher refuses: a fraction or exponent in an integer file', () => {
    expect(() => parseOutputParameter('NUMBER_INTEGER', '3.0\n')).toThrow(
      "expected an integer, the file holds '3.0\n'",
    );
    expect(() => parseOutputParameter('NUMBER_INTEGER', '1e3')).toThrow(/expected an integer/);
    expect(parseOutputParameter('BOOLEAN', 'True\n')).toBe(true);
  });
});
