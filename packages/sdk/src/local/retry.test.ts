import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { asyncScript, fixturePipeline, tempDir } from '../../testing/local-runner/fixture-pipeline.js';
import { bumpCounterSource, counter, runFixture } from '../../testing/local-runner/run-fixture.js';
import { backoffDelayMs } from './retry.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});

describe('retryPolicy', () => {
  it('retries a task that fails twice, with growing backoff, until it succeeds', async () => {
    const file = join(dir, 'attempts');
    const flaky = asyncScript(
      `${bumpCounterSource(file)} if (count < 3) { console.error('flaky ' + count); process.exit(7); } console.log('ok on ' + count);`,
    );
    const spec = fixturePipeline('retrying', {
      flaky: {
        script: flaky,
        cache: false,
        retryPolicy: {
          maxRetryCount: 3,
          backoffDuration: '0.05s',
          backoffFactor: 2,
          backoffMaxDuration: '3600s',
        },
      },
      after: { script: '', after: ['flaky'], cache: false },
    });
    const { result, state, events } = await runFixture(spec, dir);
    expect(result.status).toBe('succeeded');
    expect(counter(file)).toBe(3);
    expect(state.tasks['flaky']).toMatchObject({ status: 'succeeded', attempts: 3, exitCode: 0 });
    expect(events.filter((event) => event.type === 'task-retry')).toEqual([
      { type: 'task-retry', task: 'flaky', attempt: 1, exitCode: 7, delayMs: 50 },
      { type: 'task-retry', task: 'flaky', attempt: 2, exitCode: 7, delayMs: 100 },
    ]);
    expect(state.tasks['after']?.status).toBe('succeeded');
  });

  it('fails after maxRetryCount retries', async () => {
    const file = join(dir, 'attempts');
    const spec = fixturePipeline('exhausted', {
      broken: {
        script: asyncScript(`${bumpCounterSource(file)} process.exit(2);`),
        cache: false,
        retryPolicy: { maxRetryCount: 1, backoffDuration: '0s' },
      },
    });
    const { result, state } = await runFixture(spec, dir);
    expect(result.status).toBe('failed');
    expect(counter(file)).toBe(2);
    expect(state.tasks['broken']).toMatchObject({ status: 'failed', attempts: 2, exitCode: 2 });
  });
});

describe('backoffDelayMs', () => {
  const policy = { maxRetryCount: 5, backoffMs: 1000, backoffFactor: 3, backoffMaxMs: 5000 };
  it.each([
    [1, 1000],
    [2, 3000],
    [3, 5000],
    [4, 5000],
  ])('retry %i waits %i ms', (retry, delay) => expect(backoffDelayMs(policy, retry)).toBe(delay));
});
