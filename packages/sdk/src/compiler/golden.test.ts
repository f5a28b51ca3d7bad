import { expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { PipelineDefinition, PipelineParams } from '../dsl/index.js';
import { compileComponent } from './compile-component.js';
import { compilePipelineToYaml } from './compile-pipeline.js';
import { pipelineWithAfter } from '../../testing/golden/pipeline-with-after.js';
import { pipelineWithEnv } from '../../testing/golden/pipeline-with-env.js';
import {
  containerIoComponent,
  pipelineWithReusedComponent,
  pipelineWithRetry,
} from '../../testing/golden/python-function-pipelines.js';
import { normaliseCompiled, readYamlDocuments } from '../../testing/golden/shared-dir.js';
import { describeRequiring, sharedKfp } from '../../testing/requirements.js';
import { twoStepContainerized } from '../../testing/golden/two-step-containerized.js';

const shared = sharedKfp();
const kfp = shared.path;

type Case = readonly [file: string, make: (golden: unknown) => PipelineDefinition<PipelineParams>];
const cases: readonly Case[] = [
  ['golden/two_step_pipeline_containerized.yaml', () => twoStepContainerized],
  ['golden/pipeline_with_after.yaml', () => pipelineWithAfter],
  ['golden/pipeline_with_reused_component.yaml', (g) => pipelineWithReusedComponent(g)],
  ['golden/pipeline_with_retry.yaml', (g) => pipelineWithRetry(g)],
  ['golden/pipeline_with_env.yaml', (g) => pipelineWithEnv(g)],
];

describeRequiring(shared, 'compiler output equals the official SDK goldens (after parsing)', () => {
  it.each(cases)('%s', (file, make) => {
    const golden = readYamlDocuments(`${kfp}/${file}`);
    const yaml = compilePipelineToYaml(make(golden[0]), { project: 'golden' });
    const ours = parseAllDocuments(yaml).map((doc) => doc.toJS() as unknown);
    expect(ours.map(normaliseCompiled)).toEqual(golden.map(normaliseCompiled));
  });

  it('golden/container_io.yaml (a component compiled on its own)', () => {
    const [golden] = readYamlDocuments(`${kfp}/golden/container_io.yaml`);
    const ours = compileComponent(containerIoComponent(), { project: 'golden' });
    expect(normaliseCompiled(ours)).toEqual(normaliseCompiled(golden));
  });
});
