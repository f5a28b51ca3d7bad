import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { asyncScript, fixturePipeline, tempDir } from '../../testing/local-runner/fixture-pipeline.js';
import { runFixture } from '../../testing/local-runner/run-fixture.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});

/** Fails the first time, leaving `<out>.part` (+ `.part.json`) and junk; later it finishes from the part. */
const resumingDownload = (gate?: string) =>
  asyncScript(`
    const out = process.argv[1];
    if (fs.existsSync(out + '.part')) {
      ${gate ? `if (!fs.existsSync(${JSON.stringify(gate)})) { console.error('still failing'); process.exit(1); }` : ''}
      fs.writeFileSync(out, fs.readFileSync(out + '.part', 'utf8') + '+rest');
      fs.rmSync(out + '.part'); fs.rmSync(out + '.part.json');
    } else {
      fs.writeFileSync(out + '.part', 'first-half');
      fs.writeFileSync(out + '.part.json', '{"validator":"\\\\"v1\\\\""}');
      fs.writeFileSync(out + '.half-written', 'junk');
      console.error('connection reset'); process.exit(1);
    }`);

const pipeline = (retries: number, gate?: string) =>
  fixturePipeline('partials', {
    fetch: {
      script: resumingDownload(gate),
      args: ["{{$.outputs.artifacts['data'].path}}"],
      outputArtifacts: ['data'],
      cache: false,
      ...(retries > 0 ? { retryPolicy: { maxRetryCount: retries, backoffDuration: '0s' } } : {}),
    },
  });

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length + 1));
}

describe('partial downloads across attempts', () => {
  it('hands the .part of a failed attempt to the retry, which continues it', async () => {
    const { result } = await runFixture(pipeline(1), dir);
    expect(result.status).toBe('succeeded');
    expect(result.tasks['fetch']?.attempts).toBe(2);
    const out = result.tasks['fetch']?.artifacts['data']?.path ?? '';
    expect(await readFile(out, 'utf8')).toBe('first-half+rest');
    expect((await filesUnder(join(result.runDir, 'fetch'))).sort()).toEqual(['data', 'log.txt']);
  });

  it('keeps only the partial download of a failed run, and a resume continues it', async () => {
    const gate = join(dir, 'network-is-back');
    const failed = await runFixture(pipeline(0, gate), dir);
    expect(failed.result.status).toBe('failed');
    const left = await filesUnder(join(failed.result.runDir, 'fetch'));
    expect(left.sort()).toEqual([
      '.attempt-1/artifacts/data.part',
      '.attempt-1/artifacts/data.part.json',
      'log.txt',
    ]);
    await writeFile(gate, '');
    const resumed = await runFixture(pipeline(0, gate), dir, { resume: failed.result.runId });
    expect(resumed.result.status).toBe('succeeded');
    expect(await readFile(resumed.result.tasks['fetch']?.artifacts['data']?.path ?? '', 'utf8')).toBe(
      'first-half+rest',
    );
    expect(existsSync(join(resumed.result.runDir, 'fetch', '.attempt-1'))).toBe(false);
  });
});
