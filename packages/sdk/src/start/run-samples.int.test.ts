import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatSummaries, runSamples, type RunSamplesOptions } from './run-samples.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

function options(): RunSamplesOptions & { output: () => string } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const env = { ...process.env };
  delete env.S3_ENDPOINT;
  delete env.AWS_ENDPOINT_URL;
  return {
    root,
    images: { registry: 'ghcr.io/kubeflow-capstones', tag: 'latest' },
    scale: 'small',
    env,
    stdout,
    stderr: new PassThrough(),
    isTTY: false,
    output: () => text,
  };
}

describe('pnpm start (runSamples)', () => {
  it('runs every pipeline on sample data, then serves the second run from the cache', async () => {
    const first = options();
    const runs = await runSamples(first);
    expect(runs.map((r) => [r.pipeline, r.status])).toEqual(runs.map((r) => [r.pipeline, 'succeeded']));
    expect(runs.map((r) => r.pipeline)).toEqual(
      expect.arrayContaining(['object-detection', 'example-first-pipeline']),
    );
    expect(first.output()).toMatch(/=== object-detection — SAMPLE DATA \(generated, small\)/);

    const second = options();
    const again = await runSamples(second);
    for (const run of again) expect(run.cached, run.pipeline).toBe(run.tasks - run.uncacheable);
    expect(again.some((run) => run.cached > 0 && run.uncacheable === 0)).toBe(true);
    const firstTime = runs.reduce((s, r) => s + r.seconds, 0);
    const secondTime = again.reduce((s, r) => s + r.seconds, 0);
    console.log(
      `pnpm start: first ${firstTime.toFixed(1)} s, cached ${secondTime.toFixed(1)} s\n${formatSummaries(again)}`,
    );

    const report = await readFile(
      join(root, again.find((r) => r.pipeline === 'object-detection')?.report ?? ''),
      'utf8',
    );
    for (const task of ['ingest-dataset', 'split-dataset', 'print-contents', 'print-contents-2'])
      expect(report).toContain(task);
  });
});
