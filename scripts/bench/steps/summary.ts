// The benchmark's summary tables: the whole pipeline task by task (beside the book's steps when run), and
// the scaling line over the row counts. Plus the two small helpers the entry point needs.
import { spawnSync } from 'node:child_process';
import type { BookRun, BookStep } from './book-run.js';
import { taskSeconds, type OurRun } from './pipeline-run.js';
import type { StepResult } from './step-table.js';
import type { ValueCheck } from './value-check.js';

export interface SizeResult {
  readonly rows: number;
  readonly ours: OurRun;
  /** The uploaded objects against the CSVs. */
  readonly objects: ValueCheck;
  readonly book?: BookRun;
  readonly bookCheck?: ValueCheck;
  readonly steps: ReadonlyArray<readonly [string, readonly StepResult[]]>;
  readonly load: string;
}

const fmt = (n: number | undefined, digits = 1): string =>
  n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits);

const TASKS: ReadonlyArray<readonly [string, readonly string[], BookStep]> = [
  ['download (+ MD5 of the sidecar)', ['download'], 'download'],
  ['unzip 2 entries', ['unzip'], 'unzip'],
  ['ratings CSV → Parquet', ['convert-ratings'], 'ratings'],
  ['movies CSV → Parquet (beside ratings)', ['convert-movies'], 'movies'],
  ['split 75/15/10', ['split'], 'split'],
  ['upload, 2 tasks (fs store; book: file copy)', ['upload-movies', 'upload-splits'], 'upload'],
  ['QA', ['qa'], 'qa'],
];

export function wholePipelineTable(size: SizeResult): string {
  const { ours, book, objects, bookCheck } = size;
  const lines = [
    `\nWhole pipeline — ${size.rows.toLocaleString('en-US')} ratings (load ${size.load} at the start)`,
    '| step | ours s | ours peak RSS MB | book s | book peak RSS MB | ours faster by |',
    '|---|---|---|---|---|---|',
  ];
  for (const [label, tasks, peer] of TASKS) {
    const wall = tasks.reduce((s, t) => s + taskSeconds(ours, t), 0);
    const rss = Math.max(...tasks.map((t) => ours.rss[t] ?? NaN));
    const theirs = book?.steps[peer];
    const ratio = theirs ? `${fmt(theirs.wall / wall, 2)}×` : '—';
    lines.push(
      `| ${label} | ${fmt(wall, 2)} | ${fmt(rss, 0)} | ${fmt(theirs?.wall, 2)} | ${fmt(theirs?.rssMb, 0)} | ${ratio} |`,
    );
  }
  const peak = Math.max(...Object.values(ours.rss));
  const bookPeak = book ? Math.max(...Object.values(book.steps).map((s) => s.rssMb)) : undefined;
  const oursTime = objects.ok ? `**${fmt(ours.wall)}**` : '**FAIL**';
  const bookTime = !book ? '—' : bookCheck?.ok ? fmt(book.total) : 'FAIL';
  const ratio = book && objects.ok && bookCheck?.ok ? `**${fmt(book.total / ours.wall, 2)}×**` : '—';
  lines.push(
    `| **whole pipeline** | ${oursTime} | ${fmt(peak, 0)} | ${bookTime} | ${fmt(bookPeak, 0)} | ${ratio} |`,
  );
  lines.push(`\nValues of our uploaded objects: ${objects.ok ? 'ok' : 'FAIL'}: ${objects.detail}`);
  if (bookCheck)
    lines.push(`Values of the book's files: ${bookCheck.ok ? 'ok' : 'FAIL'}: ${bookCheck.detail}`);
  return lines.join('\n');
}

/** Our time per step and in all at each row count: cost should grow linearly. */
export function scalingTable(sizes: readonly SizeResult[]): string {
  const titles = sizes[0]?.steps.map(([title]) => title) ?? [];
  const lines = [
    '\nScaling (ours; a FAIL marks a step whose values were wrong)',
    `| ratings | load | whole pipeline s | µs per rating | ${titles.map((t) => `${t} s`).join(' | ')} |`,
    `|---|---|---|---|${titles.map(() => '---|').join('')}`,
  ];
  for (const s of sizes) {
    const cells = s.steps.map(([, [ours]]) => (ours?.check.ok ? fmt(ours.wall, 2) : 'FAIL'));
    const whole = s.objects.ok ? fmt(s.ours.wall) : 'FAIL';
    const perRow = s.objects.ok ? fmt((s.ours.wall / s.rows) * 1e6, 2) : '—';
    lines.push(
      `| ${s.rows.toLocaleString('en-US')} | ${s.load} | ${whole} | ${perRow} | ${cells.join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

export function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Why python3 cannot import these modules, or undefined when it can. */
export function missingPython(modules: readonly string[]): string | undefined {
  const probe = spawnSync('python3', ['-c', modules.map((m) => `import ${m}`).join('; ')]);
  return probe.status === 0
    ? undefined
    : `python3 cannot import ${modules.join(', ')} (pip install from the local wheelhouse)`;
}
