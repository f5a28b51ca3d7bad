import { expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { PipelineDefinition } from '../dsl/index.js';
import { compilePipelineToYaml } from './compile-pipeline.js';
import { CONTROL_FLOW_GOLDENS } from '../../testing/golden/control-flow/index.js';
import { normaliseCompiled, readYamlDocuments } from '../../testing/golden/shared-dir.js';
import { describeRequiring, sharedKfp } from '../../testing/requirements.js';

const goldens = sharedKfp('golden-control-flow');

describeRequiring(goldens, 'control flow compiles equal to the official SDK goldens (after parsing)', () => {
  it.each(Object.entries(CONTROL_FLOW_GOLDENS))('%s', (file, make) => {
    const golden = readYamlDocuments(`${goldens.path}/${file}.yaml`);
    const yaml = compilePipelineToYaml(make(golden[0]) as PipelineDefinition, { project: 'golden' });
    const ours = parseAllDocuments(yaml).map((doc) => doc.toJS() as unknown);
    expect(ours.map(normaliseCompiled)).toEqual(golden.map(normaliseCompiled));
  });
});
