import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { digestPath } from './cache.js';
import {
  asyncScript,
  fixturePipeline,
  tempDir,
  type FixtureTask,
} from '../../testing/local-runner/fixture-pipeline.js';
import { bumpCounterSource, counter, runFixture } from '../../testing/local-runner/run-fixture.js';
import type { RunState } from './run-state.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});

const statuses = (state: RunState): Record<string, string> =>
  Object.fromEntries(Object.entries(state.tasks).map(([name, record]) => [name, record.status]));

/** extract(param) → shout(artifact) ; count(constant); every script counts its executions. */
function pipeline(
  options: { extract?: Partial<FixtureTask>; shout?: Partial<FixtureTask> } = {},
): Record<string, unknown> {
  const bump = (name: string) => bumpCounterSource(join(dir, `${name}.count`));
  return fixturePipeline(
    'cached',
    {
      extract: {
        script: asyncScript(
          `${bump('extract')} fs.writeFileSync(process.argv[2], 'text:' + process.argv[1]); fs.writeFileSync(process.argv[3], '7');`,
        ),
        inputs: { word: 'STRING' },
        pass: { word: { componentInputParameter: 'word' } },
        args: [
          "{{$.inputs.parameters['word']}}",
          "{{$.outputs.artifacts['text'].path}}",
          "{{$.outputs.parameters['size'].output_file}}",
        ],
        outputArtifacts: ['text'],
        outputs: { size: 'NUMBER_INTEGER' },
        ...options.extract,
      },
      shout: {
        script: asyncScript(
          `${bump('shout')} fs.writeFileSync(process.argv[2], fs.readFileSync(process.argv[1], 'utf8').toUpperCase());`,
        ),
        inputArtifacts: ['text'],
        artifactsFrom: { text: ['extract', 'text'] },
        args: ["{{$.inputs.artifacts['text'].path}}", "{{$.outputs.artifacts['loud'].path}}"],
        outputArtifacts: ['loud'],
        ...options.shout,
      },
      count: {
        script: asyncScript(bump('count')),
        inputs: { n: 'NUMBER_INTEGER' },
        pass: { n: { runtimeValue: { constant: 3.0 } } },
      },
    },
    { parameters: { word: { type: 'STRING', default: 'hello' } } },
  );
}

/** The cache entry's stored copy of shout's `loud` output. */
const storedLoud = (state: RunState): string =>
  join(dir, '.runs', '.cache', state.tasks['shout']?.cacheKey ?? '', 'artifacts', 'loud');

describe('cache', () => {
  it('serves an identical second run entirely from cache, with outputs in the new run folder', async () => {
    const first = await runFixture(pipeline(), dir);
    const second = await runFixture(pipeline(), dir);
    expect(statuses(first.state)).toEqual({ extract: 'succeeded', shout: 'succeeded', count: 'succeeded' });
    expect(statuses(second.state)).toEqual({ extract: 'cached', shout: 'cached', count: 'cached' });
    expect(['extract', 'shout', 'count'].map((name) => counter(join(dir, `${name}.count`)))).toEqual([
      1, 1, 1,
    ]);
    expect(second.state.tasks['extract']).toMatchObject({
      cacheHit: true,
      outputParameters: { size: 7 },
      cachedFrom: { runId: first.result.runId, task: 'extract' },
    });
    expect(await readFile(join(second.result.runDir, 'shout', 'loud'), 'utf8')).toBe('TEXT:HELLO');
  });

  it('misses for a changed parameter and for tasks whose input artifact content changed', async () => {
    await runFixture(pipeline(), dir);
    const changed = await runFixture(pipeline(), dir, { parameters: { word: 'bye' } });
    expect(statuses(changed.state)).toEqual({ extract: 'succeeded', shout: 'succeeded', count: 'cached' });
    expect(counter(join(dir, 'shout.count'))).toBe(2);
  });

  it('reruns a downstream task when an uncached producer writes different content', async () => {
    const nondeterministic = {
      script: asyncScript(
        `fs.writeFileSync(process.argv[2], String(Math.random())); fs.writeFileSync(process.argv[3], '1');`,
      ),
      cache: false,
    };
    await runFixture(pipeline({ extract: nondeterministic }), dir);
    const second = await runFixture(pipeline({ extract: nondeterministic }), dir);
    expect(statuses(second.state)).toEqual({ extract: 'succeeded', shout: 'succeeded', count: 'cached' });
  });

  it('misses when the run talks to another object store (embedded folder or S3 endpoint)', async () => {
    await runFixture(pipeline(), dir, { objectStoreDir: join(dir, 'store-a') });
    const sameStore = await runFixture(pipeline(), dir, { objectStoreDir: join(dir, 'store-a') });
    const otherStore = await runFixture(pipeline(), dir, { objectStoreDir: join(dir, 'store-b') });
    const s3 = await runFixture(pipeline(), dir, {
      env: { ...process.env, S3_ENDPOINT: 'http://127.0.0.1:1' },
    });
    expect(statuses(sameStore.state)).toEqual({ extract: 'cached', shout: 'cached', count: 'cached' });
    expect(statuses(otherStore.state)).toEqual({
      extract: 'succeeded',
      shout: 'succeeded',
      count: 'succeeded',
    });
    expect(statuses(s3.state)).toEqual({ extract: 'succeeded', shout: 'succeeded', count: 'succeeded' });
  });

  it('honours a per-task cachingOptions without enableCache', async () => {
    await runFixture(pipeline({ shout: { cache: false } }), dir);
    const second = await runFixture(pipeline({ shout: { cache: false } }), dir);
    expect(statuses(second.state)).toEqual({ extract: 'cached', shout: 'succeeded', count: 'cached' });
  });

  it('runs everything with cache: false (--no-cache)', async () => {
    await runFixture(pipeline(), dir);
    const second = await runFixture(pipeline(), dir, { cache: false });
    expect(statuses(second.state)).toEqual({ extract: 'succeeded', shout: 'succeeded', count: 'succeeded' });
    expect(counter(join(dir, 'count.count'))).toBe(2);
  });
  it('treats an entry whose stored files were deleted as a miss, not a failure', async () => {
    const first = await runFixture(pipeline(), dir);
    const cacheDir = join(dir, '.runs', '.cache', first.state.tasks['extract']?.cacheKey ?? '');
    await rm(join(cacheDir, 'artifacts'), { recursive: true });
    const second = await runFixture(pipeline(), dir);
    expect(statuses(second.state)).toEqual({ extract: 'succeeded', shout: 'cached', count: 'cached' });
  });

  it('keeps entries apart from run folders: editing an old run output changes no later hit', async () => {
    const first = await runFixture(pipeline(), dir);
    const old = join(first.result.runDir, 'shout', 'loud');
    await writeFile(old, 'EDITED IN THE OLD RUN FOLDER');
    const second = await runFixture(pipeline(), dir);
    expect(statuses(second.state)).toEqual({ extract: 'cached', shout: 'cached', count: 'cached' });
    expect(await readFile(join(second.result.runDir, 'shout', 'loud'), 'utf8')).toBe('TEXT:HELLO');
    const stored = storedLoud(second.state);
    expect((await stat(stored)).mode & 0o222).toBe(0);
    expect((await stat(stored)).nlink).toBe(1);
  });

  it('verifies every hit: an entry changed after it was stored is discarded and the task runs', async () => {
    const first = await runFixture(pipeline(), dir);
    const stored = storedLoud(first.state);
    await chmod(stored, 0o644);
    await writeFile(stored, 'TAMPERED');
    const second = await runFixture(pipeline(), dir);
    expect(statuses(second.state)).toEqual({ extract: 'cached', shout: 'succeeded', count: 'cached' });
    expect(counter(join(dir, 'shout.count'))).toBe(2);
    expect(await readFile(join(second.result.runDir, 'shout', 'loud'), 'utf8')).toBe('TEXT:HELLO');
    const log = await readFile(join(second.result.runDir, 'shout', 'log.txt'), 'utf8').catch(() => '');
    const events = JSON.stringify(second.state.tasks['shout']) + log;
    expect(events).toMatch(/output artifact 'loud' changed since it was stored/);
  });
});

describe('digestPath', () => {
  it('depends on content and tree shape, not on location', async () => {
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    for (const root of [a, b]) {
      await mkdir(join(root, 'sub'), { recursive: true });
      await writeFile(join(root, 'sub', 'x.txt'), 'same');
    }
    expect(await digestPath(a)).toBe(await digestPath(b));
    await writeFile(join(b, 'sub', 'x.txt'), 'changed');
    expect(await digestPath(a)).not.toBe(await digestPath(b));
    expect(await digestPath(join(dir, 'nothing'))).toBe('missing');
  });
});
