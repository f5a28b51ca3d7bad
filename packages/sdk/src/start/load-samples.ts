import { pathToFileURL } from 'node:url';
import { BuildError, type PipelineProject } from '../build/index.js';
import type { CapstoneSample } from '../samples/index.js';

function isSample(value: unknown): value is CapstoneSample {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CapstoneSample).pipeline === 'string' &&
    typeof (value as CapstoneSample).prepare === 'function'
  );
}

/** The sample datasets the projects plug into `pnpm start`, by pipeline name. */
export async function loadSamples(
  projects: readonly PipelineProject[],
): Promise<Map<string, CapstoneSample>> {
  const samples = new Map<string, CapstoneSample>();
  for (const project of projects) {
    if (!project.sampleModule) continue;
    const mod = (await import(pathToFileURL(project.sampleModule).href)) as { sample?: unknown };
    if (!isSample(mod.sample)) {
      throw new BuildError(`${project.sampleModule} must export \`sample\` made with defineSample()`);
    }
    samples.set(mod.sample.pipeline, mod.sample);
  }
  return samples;
}
