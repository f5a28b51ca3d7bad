// Nothing the compiler writes may be a field the KFP 2.0.0 API server's strict parse rejects.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PipelineDefinition } from '../dsl/index.js';
import { compilePipeline } from './compile-pipeline.js';
import { CONTROL_FLOW_GOLDENS } from '../../testing/golden/control-flow/index.js';
import { readYamlDocuments } from '../../testing/golden/shared-dir.js';
import { describeRequiring, sharedKfp } from '../../testing/requirements.js';
import { unknownPipelineSpecFields } from '../../testing/ir/strict-fields.js';
import * as examples from '../../../../examples/src/control-flow.js';
import * as firstExamples from '../../../../examples/src/pipelines.js';
import { objectDetection } from '../../../../projects/object-detection/src/pipeline.js';

const controlFlowGoldens = sharedKfp('golden-control-flow');
const ours = [
  ...Object.values(examples),
  ...Object.values(firstExamples),
  objectDetection,
] as unknown as PipelineDefinition[];

describe('compiled pipelines use only fields a KFP 2.0.0 API server parses', () => {
  it.each(ours.map((p) => [p.name, p] as const))('%s', (_name, pipeline) => {
    const { spec } = compilePipeline(pipeline, { project: 'strict' });
    expect(unknownPipelineSpecFields(spec)).toEqual([]);
  });

  it('keeps the pipeline, parameter and artifact descriptions, never a component description', () => {
    const { spec } = compilePipeline(objectDetection as unknown as PipelineDefinition, { project: 'strict' });
    expect(spec.pipelineInfo.description).toMatch(/MIDV-500/);
    const { spec: withParam } = compilePipeline(examples.conditionExample as unknown as PipelineDefinition, {
      project: 'strict',
    });
    expect(withParam.root.inputDefinitions?.parameters?.['seed']?.description).toBe(
      'Decides the roll (1 to 6)',
    );
    for (const component of Object.values(spec.components))
      expect(component).not.toHaveProperty('description');
  });

  it('catches a field the server would reject', () => {
    expect(
      unknownPipelineSpecFields({ components: { 'comp-a': { executorLabel: 'x', description: 'no' } } }),
    ).toEqual(['components.comp-a.description']);
  });

  describeRequiring(controlFlowGoldens, 'the official control-flow goldens', () => {
    it.each(Object.keys(CONTROL_FLOW_GOLDENS))('twin of %s', (file) => {
      const golden = readYamlDocuments(`${controlFlowGoldens.path}/${file}.yaml`);
      const { spec } = compilePipeline(CONTROL_FLOW_GOLDENS[file]?.(golden[0]) as PipelineDefinition, {
        project: 'strict',
      });
      expect(unknownPipelineSpecFields(spec)).toEqual([]);
    });

    it('agrees with the official SDK: its control-flow goldens use only these fields', () => {
      const files = readdirSync(`${controlFlowGoldens.path}`).filter((f) => f.endsWith('.yaml'));
      for (const file of files) {
        expect(
          unknownPipelineSpecFields(readYamlDocuments(`${controlFlowGoldens.path}/${file}`)[0]),
          file,
        ).toEqual([]);
      }
    });
  });
});
