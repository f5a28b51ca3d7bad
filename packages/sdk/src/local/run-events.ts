import type { OutputStream } from './run-process.js';
import type { RunStatus, TaskStatus } from './run-state.js';

export type MessageLevel = 'info' | 'warn' | 'error';

/** What the runner reports while it works; the console reporter and tests subscribe through `onEvent`. */
export type RunEvent =
  | {
      readonly type: 'run-start';
      readonly pipeline: string;
      readonly runId: string;
      readonly runDir: string;
      readonly tasks: readonly string[];
      readonly resumed: boolean;
    }
  | { readonly type: 'task-start'; readonly task: string; readonly attempt: number; readonly pid: number }
  | { readonly type: 'task-log'; readonly task: string; readonly stream: OutputStream; readonly line: string }
  | {
      readonly type: 'task-message';
      readonly task: string;
      readonly level: MessageLevel;
      readonly message: string;
    }
  | {
      readonly type: 'task-retry';
      readonly task: string;
      readonly attempt: number;
      readonly exitCode: number;
      readonly delayMs: number;
    }
  | {
      readonly type: 'task-end';
      readonly task: string;
      readonly status: TaskStatus;
      readonly exitCode?: number;
      readonly durationMs?: number;
    }
  | {
      readonly type: 'run-end';
      readonly status: RunStatus;
      readonly runDir: string;
      readonly reportPath: string;
    };

export type RunEventListener = (event: RunEvent) => void;
