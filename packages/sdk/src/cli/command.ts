import type { Writable } from 'node:stream';

/** What every CLI command receives; tests pass their own streams and env. */
export interface CliContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** True when stdout is an interactive terminal (progress displays); false in CI and pod logs. */
  readonly isTTY: boolean;
  /** Aborted on Ctrl-C / SIGTERM. */
  readonly signal: AbortSignal;
}

/** One file per command: `xxx-command.ts` exports a `CliCommand`. The dispatcher owns exit codes. */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  /** Full `--help` text. */
  readonly usage: string;
  /** Help for these arguments, when it depends on them (a command group: the subcommand's usage). */
  helpFor?(args: readonly string[]): string;
  /** Returns the process exit code. Throw `UsageError` for bad flags (exit 2). */
  run(args: readonly string[], context: CliContext): Promise<number>;
}

/** Bad command-line input: printed with the command's usage hint, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
