import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import { digestPath } from './cache.js';
import { ResumeError, RunLockedError } from './errors.js';
import { RUN_LOCK_FILE, type RunLockRecord } from './run-lock.js';
import { asyncScript, fixturePipeline, tempDir } from '../../testing/local-runner/fixture-pipeline.js';
import {
  bumpCounterSource,
  counter,
  eventually,
  isAlive,
  runFixture,
} from '../../testing/local-runner/run-fixture.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});

/** Node source that blocks (keeping the process alive) while `file` exists. */
const blockWhile = (file: string): string =>
  `await new Promise((resolve) => { const tick = () => fs.existsSync(${JSON.stringify(file)}) ? setTimeout(tick, 20) : resolve(); tick(); });`;

describe('interrupt and resume', () => {
  it('stops a run mid-task, never marks partial outputs, and resumes only what did not succeed', async () => {
    const block = join(dir, 'block');
    await writeFile(block, '');
    const count = (name: string) => bumpCounterSource(join(dir, `${name}.count`));
    const spec = fixturePipeline('resumable', {
      first: {
        script: asyncScript(`${count('first')} fs.writeFileSync(process.argv[1], 'first');`),
        args: ["{{$.outputs.artifacts['out'].path}}"],
        outputArtifacts: ['out'],
      },
      slow: {
        script: asyncScript(
          `${count('slow')} fs.writeFileSync(process.argv[1], 'partial'); fs.writeFileSync(${JSON.stringify(join(dir, 'slow.pid'))}, String(process.pid)); ${blockWhile(block)} fs.writeFileSync(process.argv[1], 'complete');`,
        ),
        args: ["{{$.outputs.artifacts['out'].path}}"],
        outputArtifacts: ['out'],
        after: ['first'],
      },
      last: { script: asyncScript(count('last')), after: ['slow'] },
    });
    const controller = new AbortController();
    const interrupted = await runFixture(spec, dir, {
      signal: controller.signal,
      killGraceMs: 2_000,
      onEvent: (event) => {
        if (event.type === 'task-start' && event.task === 'slow') {
          void eventually(() => existsSync(join(dir, 'slow.pid'))).then(() => controller.abort());
        }
      },
    });
    expect(interrupted.result).toMatchObject({ status: 'interrupted', exitCode: 130 });
    expect(interrupted.state.tasks['first']?.status).toBe('succeeded');
    expect(interrupted.state.tasks['slow']).toMatchObject({ status: 'interrupted', artifacts: {} });
    expect(interrupted.state.tasks['last']?.status).toBe('pending');
    expect(existsSync(join(interrupted.result.runDir, 'slow', 'out'))).toBe(false);
    const pid = Number(await readFile(join(dir, 'slow.pid'), 'utf8'));
    expect(isAlive(pid)).toBe(false);

    await rm(block);
    const resumed = await runFixture(spec, dir, { resume: interrupted.result.runId });
    expect(resumed.result).toMatchObject({
      status: 'succeeded',
      exitCode: 0,
      runId: interrupted.result.runId,
    });
    expect(['first', 'slow', 'last'].map((name) => counter(join(dir, `${name}.count`)))).toEqual([1, 2, 1]);
    expect(resumed.state.tasks['first']?.startedAt).toBe(interrupted.state.tasks['first']?.startedAt);
    expect(await readFile(join(resumed.result.runDir, 'slow', 'out'), 'utf8')).toBe('complete');
    expect(resumed.state.sessions.map((session) => session.status)).toEqual(['interrupted', 'succeeded']);
  });

  it('kills the whole process group on abort, escalating to SIGKILL, leaving no orphan', async () => {
    const pids = join(dir, 'pids');
    const stubborn = asyncScript(`
      process.on('SIGTERM', () => {});
      const child = require('node:child_process').spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      fs.writeFileSync(${JSON.stringify(pids)}, JSON.stringify([process.pid, child.pid]));
      setInterval(() => {}, 1000);`);
    const spec = fixturePipeline('stubborn', { hang: { script: stubborn, cache: false } });
    const controller = new AbortController();
    const run = runFixture(spec, dir, { signal: controller.signal, killGraceMs: 200 });
    expect(await eventually(() => existsSync(pids))).toBe(true);
    const [parent = 0, child = 0] = JSON.parse(await readFile(pids, 'utf8')) as number[];
    expect(isAlive(parent) && isAlive(child)).toBe(true);
    controller.abort();
    const { result } = await run;
    expect(result.exitCode).toBe(130);
    expect(result.tasks['hang']?.status).toBe('interrupted');
    expect(isAlive(parent)).toBe(false);
    expect(await eventually(() => !isAlive(child), 2_000)).toBe(true);
  });

  it('refuses to resume a run that does not exist or whose pipeline changed', async () => {
    const spec = fixturePipeline('changing', { t: { script: '' } });
    await expect(runFixture(spec, dir, { resume: 'nope' })).rejects.toThrow(ResumeError);
    const { result } = await runFixture(spec, dir);
    const changed = fixturePipeline('changing', { t: { script: 'console.log(1)' } });
    await expect(runFixture(changed, dir, { resume: result.runId })).rejects.toThrow(
      /the pipeline changed since that run/,
    );
  });

  it('refuses --resume of a live run (its lock names the runner) and runs it once the run has ended', async () => {
    const block = join(dir, 'block');
    await writeFile(block, '');
    const spec = fixturePipeline('live', {
      wait: {
        script: asyncScript(
          `fs.writeFileSync(${JSON.stringify(join(dir, 'wait.pid'))}, '1'); ${blockWhile(block)}`,
        ),
        cache: false,
      },
    });
    let runId = '';
    const live = runFixture(spec, dir, {
      onEvent: (event) => {
        if (event.type === 'run-start') runId = event.runId;
      },
    });
    expect(await eventually(() => existsSync(join(dir, 'wait.pid')))).toBe(true);
    const runDir = join(dir, '.runs', 'live', runId);
    const lock = JSON.parse(await readFile(join(runDir, RUN_LOCK_FILE), 'utf8')) as RunLockRecord;
    expect(lock.pid).toBe(process.pid);
    const refused = runFixture(spec, dir, { resume: runId });
    await expect(refused).rejects.toThrow(RunLockedError);
    await expect(refused).rejects.toThrow(
      new RegExp(`cannot resume run '${runId}': it is still running: runner pid ${process.pid} on `),
    );
    await rm(block);
    expect((await live).result.status).toBe('succeeded');
    expect(existsSync(join(runDir, RUN_LOCK_FILE))).toBe(false);
    const resumed = await runFixture(spec, dir, { resume: runId });
    expect(resumed.result.status).toBe('succeeded');
  });

  it('detects and reports a stale lock (its runner was killed) and resumes', async () => {
    const spec = fixturePipeline('stale', { t: { script: '' } });
    const { result } = await runFixture(spec, dir);
    const dead: RunLockRecord = {
      pid: 2 ** 22 + 12345,
      host: hostname(),
      token: 'x',
      startedAt: '2026-01-01T00:00:00.000Z',
      heartbeatAt: new Date().toISOString(),
    };
    await writeFile(join(result.runDir, RUN_LOCK_FILE), JSON.stringify(dead));
    const resumed = await runFixture(spec, dir, { resume: result.runId });
    expect(resumed.result.status).toBe('succeeded');
    const warnings = resumed.events.flatMap((e) => (e.type === 'task-message' ? [e.message] : []));
    expect(warnings.join('\n')).toMatch(/stale lock: runner pid 4206649 .* no longer running/);
  });

  // With the run's cache off, the digests are hashed on the low-priority worker (idle-digests.ts).
  it.each([true, false])(
    're-verifies reused outputs: a task whose output changed since runs again (run cache %s)',
    async (cache) => {
      const count = (name: string) => bumpCounterSource(join(dir, `${name}.count`));
      const spec = fixturePipeline('reverify', {
        make: {
          script: asyncScript(`${count('make')} fs.writeFileSync(process.argv[1], 'made');`),
          args: ["{{$.outputs.artifacts['out'].path}}"],
          outputArtifacts: ['out'],
          cache: false,
        },
        boom: {
          script: asyncScript(
            `${count('boom')} process.exit(fs.existsSync(${JSON.stringify(join(dir, 'ok'))}) ? 0 : 3);`,
          ),
          after: ['make'],
          cache: false,
        },
      });
      const failed = await runFixture(spec, dir, { cache });
      expect(failed.result.status).toBe('failed');
      // Recorded after the task (off the pipeline's path), before the run ended: the file's own digest.
      const state = JSON.parse(await readFile(join(failed.result.runDir, 'run.json'), 'utf8')) as {
        tasks: Record<string, { artifacts: Record<string, { digest?: string }> }>;
      };
      const out = join(failed.result.runDir, 'make', 'out');
      expect(state.tasks.make!.artifacts.out!.digest).toBe(await digestPath(out));
      await writeFile(join(failed.result.runDir, 'make', 'out'), 'edited by hand');
      await writeFile(join(dir, 'ok'), '');
      const resumed = await runFixture(spec, dir, { resume: failed.result.runId, cache });
      expect(resumed.result.status).toBe('succeeded');
      expect(counter(join(dir, 'make.count'))).toBe(2);
      expect(await readFile(join(resumed.result.runDir, 'make', 'out'), 'utf8')).toBe('made');
      const warnings = resumed.events.flatMap((e) => (e.type === 'task-message' ? [e.message] : []));
      expect(warnings).toContain(
        "resume: task make runs again: output artifact 'out' changed since the task wrote it",
      );
    },
  );
});
