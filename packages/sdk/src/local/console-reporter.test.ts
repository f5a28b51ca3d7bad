import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleReporter } from './console-reporter.js';
import type { RunEvent } from './run-events.js';
import type { RunResult } from './run-pipeline.js';

const events: RunEvent[] = [
  {
    type: 'run-start',
    pipeline: 'demo',
    runId: 'r1',
    runDir: '/runs/demo/r1',
    tasks: ['a', 'b'],
    resumed: false,
  },
  { type: 'task-start', task: 'a', attempt: 1, pid: 10 },
  { type: 'task-log', task: 'a', stream: 'stdout', line: 'working' },
  { type: 'task-end', task: 'a', status: 'succeeded', exitCode: 0, durationMs: 1500 },
  { type: 'task-end', task: 'b', status: 'cached', exitCode: 0, durationMs: 3 },
  { type: 'run-end', status: 'succeeded', runDir: '/runs/demo/r1', reportPath: '/runs/demo/r1/report.html' },
];

function render(isTTY: boolean): string {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const reporter = createConsoleReporter({ stdout, stderr: new PassThrough(), isTTY });
  events.forEach(reporter.onEvent);
  return text;
}

describe('console reporter', () => {
  it('writes plain prefixed lines when not on a TTY', () => {
    expect(render(false)).toBe(
      'Running demo (run r1) in /runs/demo/r1\n[a] started\n[a] working\n[a] ✓ succeeded in 1.5 s\n[b] ↺ cached\n',
    );
  });

  it('adds colours and a redrawn progress line on a TTY', () => {
    const text = render(true);
    expect(text).toContain('\u001b[36m[a]\u001b[0m working');
    expect(text).toContain('» 0/2 done · 1 running: a');
    expect(text).toContain('\r\u001b[2K');
  });

  it('prints each failing task with its exit code and log tail, and how to resume', () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const result: RunResult = {
      pipeline: 'demo',
      runId: 'r1',
      runDir: '/runs/demo/r1',
      status: 'failed',
      exitCode: 1,
      tasks: {},
      failures: [
        {
          task: 'a',
          exitCode: 3,
          error: 'exited with code 3',
          logFile: '/runs/demo/r1/a/log.txt',
          logTail: ['line 1', 'line 2'],
        },
      ],
      statePath: '/runs/demo/r1/run.json',
      reportPath: '/runs/demo/r1/report.html',
    };
    createConsoleReporter({ stdout, stderr, isTTY: false }).printSummary(result);
    expect(err).toContain(
      "Task 'a' failed with exit code 3: exited with code 3\nLast lines of /runs/demo/r1/a/log.txt:\n  | line 1\n  | line 2\n",
    );
    expect(out).toContain('Run r1 FAILED');
    expect(out).toContain('resume: capstone run demo --resume r1');
  });
});
