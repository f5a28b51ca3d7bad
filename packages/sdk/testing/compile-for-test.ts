import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileAll, type CompileAllResult } from '../src/build/index.js';
import { loadImageManifest, manifestImageResolver, type ImageResolver } from '../src/local/index.js';

export interface CompiledForTest {
  readonly result: CompileAllResult;
  readonly imageResolver: ImageResolver;
  pipelineFile(name: string): string;
}

/** Compiles and bundles every pipeline of the repo into a temp folder, for end-to-end tests on the local runner. */
export async function compileForTest(root: string): Promise<CompiledForTest> {
  const outDir = await mkdtemp(join(tmpdir(), 'capstone-e2e-'));
  const result = await compileAll({
    root,
    outDir,
    bundle: true,
    images: { registry: 'test.local', tag: 'e2e' },
  });
  const imageResolver = manifestImageResolver(await loadImageManifest(result.manifestFile));
  return {
    result,
    imageResolver,
    pipelineFile(name) {
      const found = result.pipelines.find((p) => p.name === name);
      if (!found) throw new Error(`no compiled pipeline '${name}'`);
      return found.file;
    },
  };
}
