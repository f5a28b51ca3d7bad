import { describe, expect, it } from 'vitest';
import { PlaceholderError } from './errors.js';
import { buildExecutorInput, resolvePlaceholders, type ExecutorContext } from './resolve-placeholders.js';

const context: ExecutorContext = {
  inputParameters: {
    text: 'hello world',
    count: 3,
    ratio: 2.5,
    whole: 2.0,
    flag: true,
    off: false,
    items: [1, 'a', { b: null }],
    config: { depth: 2, name: 'x' },
    empty: '',
  },
  inputArtifacts: {
    data: {
      path: '/runs/p/r/producer/data',
      uri: 'file:///runs/p/r/producer/data',
      schemaTitle: 'system.Dataset',
      schemaVersion: '0.0.1',
    },
  },
  outputArtifacts: {
    model: {
      path: '/runs/p/r/t/.attempt-1/artifacts/model',
      uri: 'file:///runs/p/r/t/model',
      schemaTitle: 'system.Model',
      schemaVersion: '0.0.1',
    },
  },
  outputParameterFiles: { score: '/runs/p/r/t/.attempt-1/parameters/score' },
  executorOutputFile: '/runs/p/r/t/.attempt-1/executor_output.json',
};

describe('resolvePlaceholders (KFP launcher rules)', () => {
  const cases: [string, string, string][] = [
    ['string raw', "{{$.inputs.parameters['text']}}", 'hello world'],
    ['integer', "{{$.inputs.parameters['count']}}", '3'],
    ['double', "{{$.inputs.parameters['ratio']}}", '2.5'],
    ['integer written as 2.0 in YAML', "{{$.inputs.parameters['whole']}}", '2'],
    ['boolean true', "{{$.inputs.parameters['flag']}}", 'true'],
    ['boolean false', "{{$.inputs.parameters['off']}}", 'false'],
    ['list as JSON', "{{$.inputs.parameters['items']}}", '[1,"a",{"b":null}]'],
    ['struct as JSON', "{{$.inputs.parameters['config']}}", '{"depth":2,"name":"x"}'],
    ['empty string', "{{$.inputs.parameters['empty']}}", ''],
    ['double-quoted key', '{{$.inputs.parameters["count"]}}', '3'],
    ['input artifact path', "{{$.inputs.artifacts['data'].path}}", '/runs/p/r/producer/data'],
    ['input artifact uri', "{{$.inputs.artifacts['data'].uri}}", 'file:///runs/p/r/producer/data'],
    [
      'output artifact path',
      "{{$.outputs.artifacts['model'].path}}",
      '/runs/p/r/t/.attempt-1/artifacts/model',
    ],
    ['output artifact uri', "{{$.outputs.artifacts['model'].uri}}", 'file:///runs/p/r/t/model'],
    [
      'output parameter file',
      "{{$.outputs.parameters['score'].output_file}}",
      '/runs/p/r/t/.attempt-1/parameters/score',
    ],
    [
      'inside a longer string',
      "--n={{$.inputs.parameters['count']}}x{{$.inputs.parameters['flag']}}",
      '--n=3xtrue',
    ],
    ['no placeholder', 'plain {{ text }}', 'plain {{ text }}'],
  ];
  it.each(cases)('%s', (_label, element, expected) => {
    expect(resolvePlaceholders([element], context)).toEqual([expected]);
  });

  it('resolves {{$}} to the executor input JSON', () => {
    const [resolved] = resolvePlaceholders(['{{$}}'], context);
    const parsed = JSON.parse(resolved ?? '') as ReturnType<typeof buildExecutorInput>;
    expect(parsed).toEqual(buildExecutorInput(context));
    expect(parsed).toMatchObject({
      inputs: {
        parameterValues: { count: 3, flag: true },
        artifacts: {
          data: {
            artifacts: [
              {
                name: 'data',
                uri: 'file:///runs/p/r/producer/data',
                type: { schemaTitle: 'system.Dataset' },
              },
            ],
          },
        },
      },
      outputs: {
        parameters: { score: { outputFile: '/runs/p/r/t/.attempt-1/parameters/score' } },
        artifacts: { model: { artifacts: [{ uri: 'file:///runs/p/r/t/model' }] } },
        outputFile: '/runs/p/r/t/.attempt-1/executor_output.json',
      },
    });
  });

  const failures: [string, string][] = [
    ['unknown input parameter', "{{$.inputs.parameters['nope']}}"],
    ['unknown input artifact', "{{$.inputs.artifacts['nope'].path}}"],
    ['unknown output parameter', "{{$.outputs.parameters['nope'].output_file}}"],
    ['artifact metadata (not resolved by OSS backends)', "{{$.inputs.artifacts['data'].metadata}}"],
    ['outputs.output_file (not resolved by OSS backends)', '{{$.outputs.output_file}}'],
    ['parameter with a field', "{{$.inputs.parameters['count'].path}}"],
  ];
  it.each(failures)('rejects %s', (_label, element) => {
    expect(() => resolvePlaceholders([element], context)).toThrow(PlaceholderError);
  });
});
