// Turns run events into console output: `[task] line` for every log line, plus a status line on a TTY.
import type { Writable } from 'node:stream';
import { formatDuration } from './report-charts.js';
import type { RunEvent, RunEventListener } from './run-events.js';
import type { RunResult } from './run-pipeline.js';

export interface ConsoleReporterOptions {
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Colours and a redrawn progress line; plain lines otherwise (CI, pod logs, pipes). */
  readonly isTTY: boolean;
}

export interface ConsoleReporter {
  readonly onEvent: RunEventListener;
  /** Prints the closing summary: failing tasks with exit code and log tail, where the report is. */
  printSummary(result: RunResult): void;
}

const COLOURS = ['36', '35', '33', '32', '34', '96', '95', '93'] as const;
const STATUS_MARK: Readonly<Record<string, string>> = {
  succeeded: '✓',
  cached: '↺',
  failed: '✗',
  skipped: '-',
  interrupted: '!',
};

export function createConsoleReporter(options: ConsoleReporterOptions): ConsoleReporter {
  const { stdout, isTTY } = options;
  const colourOf = new Map<string, string>();
  const done = new Set<string>();
  const running = new Set<string>();
  let total = 0;
  let statusShown = false;
  const paint = (code: string, text: string): string => (isTTY ? `\u001b[${code}m${text}\u001b[0m` : text);
  const prefix = (task: string): string => {
    if (!colourOf.has(task)) colourOf.set(task, COLOURS[colourOf.size % COLOURS.length] ?? '36');
    return paint(colourOf.get(task) ?? '36', `[${task}]`);
  };
  const clearStatus = (): void => {
    if (statusShown) stdout.write('\r\u001b[2K');
    statusShown = false;
  };
  const drawStatus = (): void => {
    if (!isTTY || total === 0) return;
    const names = [...running].slice(0, 4).join(', ') + (running.size > 4 ? ', …' : '');
    stdout.write(
      paint('2', `» ${done.size}/${total} done · ${running.size} running${names ? `: ${names}` : ''}`),
    );
    statusShown = true;
  };
  const line = (text: string): void => {
    clearStatus();
    stdout.write(`${text}\n`);
    drawStatus();
  };
  const onEvent = (event: RunEvent): void => {
    switch (event.type) {
      case 'run-start':
        total = event.tasks.length;
        return line(
          `${event.resumed ? 'Resuming' : 'Running'} ${event.pipeline} (run ${event.runId}) in ${event.runDir}`,
        );
      case 'task-start':
        running.add(event.task);
        return line(`${prefix(event.task)} started${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`);
      case 'task-log':
        return line(`${prefix(event.task)} ${event.line}`);
      case 'task-message':
        return line(
          `${event.task ? `${prefix(event.task)} ` : ''}${event.level === 'info' ? '' : `${event.level}: `}${event.message}`,
        );
      case 'task-retry':
        return line(
          `${prefix(event.task)} failed with exit code ${event.exitCode}; retrying in ${formatDuration(event.delayMs)}`,
        );
      case 'task-end': {
        running.delete(event.task);
        done.add(event.task);
        const took =
          event.durationMs !== undefined && event.status !== 'cached'
            ? ` in ${formatDuration(event.durationMs)}`
            : '';
        return line(`${prefix(event.task)} ${STATUS_MARK[event.status] ?? ''} ${event.status}${took}`);
      }
      case 'run-end':
        clearStatus();
        return;
    }
  };
  return { onEvent, printSummary: (result) => printSummary(result, options) };
}

function printSummary(result: RunResult, options: ConsoleReporterOptions): void {
  // Nested DAG records (blocks, loops, iterations) group tasks; only tasks count.
  const records = Object.values(result.tasks).filter((record) => !record.kind);
  const cached = records.filter((record) => record.status === 'cached').length;
  for (const failure of result.failures) {
    options.stderr.write(
      `\nTask '${failure.task}' failed${failure.exitCode !== undefined ? ` with exit code ${failure.exitCode}` : ''}` +
        `${failure.error ? `: ${failure.error}` : ''}\nLast lines of ${failure.logFile}:\n` +
        failure.logTail.map((tail) => `  | ${tail}`).join('\n') +
        '\n',
    );
  }
  const verdict = {
    succeeded: 'succeeded',
    failed: 'FAILED',
    interrupted: 'interrupted',
    running: 'running',
  }[result.status];
  options.stdout.write(
    `\nRun ${result.runId} ${verdict}: ${records.length} tasks, ${cached} from cache.\n` +
      `  state:  ${result.statePath}\n  report: ${result.reportPath}\n`,
  );
  if (result.status !== 'succeeded') {
    options.stdout.write(`  resume: capstone run ${result.pipeline} --resume ${result.runId}\n`);
  }
}
