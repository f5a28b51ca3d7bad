import { afterEach, describe, expect, it } from 'vitest';
import { writeSamplePipeline } from '../../testing/fake-kfp-fixtures.js';
import {
  startFakeKfpServer,
  type FakeKfpOptions,
  type FakeKfpServer,
} from '../../testing/fake-kfp-server.js';
import { KfpNotFoundError, KfpWaitTimeoutError } from './errors.js';
import { createKfpClient } from './kfp-client.js';
import type { KfpRun } from './kfp-types.js';
import { submitPipeline } from './submit-pipeline.js';

let server: FakeKfpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function startRun(options: FakeKfpOptions) {
  server = await startFakeKfpServer(options);
  const client = createKfpClient({ host: server.url });
  const { run } = await submitPipeline(client, await writeSamplePipeline());
  return { client, fake: server, runId: run.run_id };
}

/** A clock that advances one second per reading, so timeouts need no real waiting. */
function steppingClock() {
  let t = 0;
  return () => (t += 1000);
}

describe('waitForRun', () => {
  it('polls until SUCCEEDED and reports every state', async () => {
    const { client, runId } = await startRun({
      runStates: ['PENDING', 'PENDING', 'RUNNING', 'RUNNING', 'SUCCEEDED'],
    });
    const seen: string[] = [];
    const run = await client.waitForRun(runId, {
      pollIntervalMs: 0,
      onProgress: (r) => seen.push(r.state ?? ''),
    });
    expect(run.state).toBe('SUCCEEDED');
    expect(run.finished_at).toBeDefined();
    expect(seen).toEqual(['PENDING', 'RUNNING', 'RUNNING', 'SUCCEEDED']);
  });

  it('returns a FAILED run with its error instead of throwing', async () => {
    const { client, runId } = await startRun({ runStates: ['PENDING', 'RUNNING', 'FAILED'] });
    const run = await client.waitForRun(runId, { pollIntervalMs: 0 });
    expect(run.state).toBe('FAILED');
    expect(run.error?.message).toContain('failed');
  });

  it('times out with the last state, leaving the run alone', async () => {
    const { client, runId } = await startRun({ runStates: ['PENDING', 'RUNNING'] });
    const error = await client
      .waitForRun(runId, { pollIntervalMs: 0, timeoutMs: 5000, now: steppingClock() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfpWaitTimeoutError);
    expect(error).toMatchObject({ runId, lastState: 'RUNNING', timeoutMs: 5000 });
  });

  it('stops on abort with the signal reason', async () => {
    const { client, runId } = await startRun({ runStates: ['PENDING', 'RUNNING'] });
    const controller = new AbortController();
    const reason = new Error('user pressed Ctrl-C');
    const polls: KfpRun[] = [];
    const error = await client
      .waitForRun(runId, {
        pollIntervalMs: 60_000,
        signal: controller.signal,
        onProgress: (run) => {
          polls.push(run);
          controller.abort(reason);
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBe(reason);
    expect(polls).toHaveLength(1);
  });

  it('retries transient server errors while polling', async () => {
    const { client, fake, runId } = await startRun({ runStates: ['PENDING', 'SUCCEEDED'] });
    fake.failNext('getRun', 503, 'upstream connect error');
    const run = await client.waitForRun(runId, { pollIntervalMs: 0 });
    expect(run.state).toBe('SUCCEEDED');
    expect(fake.requests.filter((r) => r.operation === 'getRun').map((r) => r.status)).toEqual([503, 200]);
  });

  it('does not retry a 404', async () => {
    const { client } = await startRun({});
    await expect(client.waitForRun('missing', { pollIntervalMs: 0 })).rejects.toBeInstanceOf(
      KfpNotFoundError,
    );
  });
});
