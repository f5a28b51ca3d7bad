import { SingleBar, Presets } from 'cli-progress';

/** Receives byte counts from a transfer; one implementation per output kind. */
export interface ProgressReporter {
  /** `total` is undefined when the server did not say; `already` counts bytes resumed from disk. */
  start(total: number | undefined, already: number): void;
  /** Absolute number of bytes transferred so far (including resumed ones). */
  update(bytes: number): void;
  finish(): void;
}

export interface ProgressReporterOptions {
  /** Shown before the numbers, e.g. the file name. */
  readonly label: string;
  /** Where the bar is drawn; defaults to `process.stderr`. */
  readonly stream?: NodeJS.WriteStream;
  /** Plain log sink for non-TTY output; defaults to a line on `process.stderr`. */
  readonly log?: (line: string) => void;
  readonly now?: () => number;
  /** Log at most this often (non-TTY). Default 5 s. */
  readonly intervalMs?: number;
  /** Also log whenever another `percentStep` % completes (non-TTY, known total). Default 10. */
  readonly percentStep?: number;
}

/** A cli-progress bar on a TTY, periodic plain lines otherwise (pod logs stay readable). */
export function createProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  if (stream.isTTY) return new BarProgressReporter(options.label, stream);
  return new LogProgressReporter(options);
}

/** Reports nothing; for tests and callers that show their own progress. */
export const silentProgress: ProgressReporter = { start() {}, update() {}, finish() {} };

class BarProgressReporter implements ProgressReporter {
  private readonly bar: SingleBar;

  constructor(label: string, stream: NodeJS.WriteStream) {
    this.bar = new SingleBar(
      {
        stream,
        format: `${label} [{bar}] {percentage}% | {done} / {size} | ETA {eta_formatted}`,
        hideCursor: true,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
  }

  start(total: number | undefined, already: number): void {
    this.bar.start(total ?? 0, already, { done: formatBytes(already), size: formatSize(total) });
  }

  update(bytes: number): void {
    this.bar.update(bytes, { done: formatBytes(bytes) });
  }

  finish(): void {
    this.bar.stop();
  }
}

/** Plain lines every `intervalMs` or `percentStep` %, whichever comes first, plus a final line. */
export class LogProgressReporter implements ProgressReporter {
  private readonly log: (line: string) => void;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly percentStep: number;
  private total: number | undefined;
  private startedAt = 0;
  private startBytes = 0;
  private lastAt = 0;
  private lastPercent = 0;
  private bytes = 0;

  constructor(private readonly options: ProgressReporterOptions) {
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? 5_000;
    this.percentStep = options.percentStep ?? 10;
  }

  start(total: number | undefined, already: number): void {
    this.total = total;
    this.startedAt = this.lastAt = this.now();
    this.startBytes = this.bytes = already;
    this.lastPercent = this.percent(already);
    const resumed = already > 0 ? ` (resuming at ${formatBytes(already)})` : '';
    this.log(`${this.options.label}: starting, ${formatSize(total)}${resumed}`);
  }

  update(bytes: number): void {
    this.bytes = bytes;
    const at = this.now();
    const percent = this.percent(bytes);
    const stepCrossed =
      Math.floor(percent / this.percentStep) > Math.floor(this.lastPercent / this.percentStep);
    if (at - this.lastAt < this.intervalMs && !stepCrossed) return;
    this.lastAt = at;
    this.lastPercent = percent;
    this.log(`${this.options.label}: ${this.describe(at)}`);
  }

  finish(): void {
    this.log(`${this.options.label}: done, ${this.describe(this.now())}`);
  }

  private percent(bytes: number): number {
    return this.total ? (100 * bytes) / this.total : 0;
  }

  private describe(at: number): string {
    const seconds = Math.max((at - this.startedAt) / 1000, 0.001);
    const rate = `${formatBytes((this.bytes - this.startBytes) / seconds)}/s`;
    if (!this.total) return `${formatBytes(this.bytes)} at ${rate}`;
    const percent = this.percent(this.bytes).toFixed(1);
    return `${formatBytes(this.bytes)} of ${formatBytes(this.total)} (${percent}%) at ${rate}`;
  }
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function formatSize(total: number | undefined): string {
  return total === undefined ? 'size unknown' : formatBytes(total);
}
