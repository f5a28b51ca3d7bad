import { pathToFileURL } from 'node:url';
import type { PipelineDefinition } from '../dsl/index.js';
import { BuildError } from './errors.js';

function isPipeline(value: unknown): value is PipelineDefinition {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'pipeline';
}

/** The pipeline definitions a module exports (named exports whose value came from `definePipeline`). */
export async function loadPipelines(modulePath: string): Promise<PipelineDefinition[]> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  } catch (error) {
    throw new BuildError(`cannot load pipeline module ${modulePath}: ${(error as Error).message}`);
  }
  const pipelines = Object.values(mod).filter(isPipeline);
  if (pipelines.length === 0) {
    throw new BuildError(`${modulePath} exports no pipeline; export the value returned by definePipeline()`);
  }
  return pipelines;
}
