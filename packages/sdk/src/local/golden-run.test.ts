import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { tempDir } from '../../testing/local-runner/fixture-pipeline.js';
import { describeRequiring, sharedKfp } from '../../testing/requirements.js';
import { times } from '../../testing/local-runner/run-fixture.js';
import { passthroughImageResolver, type ImageResolver } from './image-resolver.js';
import { readRunState } from './run-state.js';
import { runPipeline } from './run-pipeline.js';

const golden = sharedKfp('golden');
const GOLDEN = golden.path;

// The official SDK's containers run `sh` and `cat` from alpine; on this machine the same programs exist,
// so the commands run exactly as a cluster would run them.
describeRequiring(golden, 'running official SDK goldens locally', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });

  it('two_step_pipeline_containerized: an artifact written by sh is read by cat downstream', async () => {
    const result = await runPipeline({
      pipelineFile: join(GOLDEN, 'two_step_pipeline_containerized.yaml'),
      parameters: { text: 'from the local runner' },
      cwd: dir,
      imageResolver: passthroughImageResolver,
    });
    expect(result.status).toBe('succeeded');
    expect(await readFile(join(result.runDir, 'component1', 'output_gcs'), 'utf8')).toBe(
      'from the local runner\n',
    );
    expect(await readFile(join(result.runDir, 'component2', 'log.txt'), 'utf8')).toContain(
      'from the local runner',
    );
  });

  it('pipeline_with_after: `.after()` edges order the tasks and placeholders in `command` resolve', async () => {
    const seen: string[] = [];
    const resolver: ImageResolver = (container) => {
      seen.push(container.image);
      return passthroughImageResolver(container);
    };
    const result = await runPipeline({
      pipelineFile: join(GOLDEN, 'pipeline_with_after.yaml'),
      cwd: dir,
      imageResolver: resolver,
    });
    const state = await readRunState(result.runDir);
    expect(result.status).toBe('succeeded');
    expect(seen).toEqual(['alpine', 'alpine', 'alpine']);
    expect(times(state, 'print-text-2').start).toBeGreaterThanOrEqual(times(state, 'print-text').end);
    expect(times(state, 'print-text-3').start).toBeGreaterThanOrEqual(times(state, 'print-text-2').end);
    expect(await readFile(join(result.runDir, 'print-text-3', 'log.txt'), 'utf8')).toContain('3rd task');
  });
});
