// Markdown tables of the benchmark: one per step, ours first, each peer beside it with the ratio of its
// time to ours (> 1: ours is faster). A result whose value check failed shows FAIL where its time would
// be and takes no part in any ratio: a wrong output has no speed.
import type { ValueCheck } from './value-check.js';

export interface StepResult {
  readonly impl: string;
  /** Undefined when the process failed (the check then says why). */
  readonly wall?: number;
  readonly rssMb?: number;
  readonly check: ValueCheck;
  /** The 1-minute load average when it started. */
  readonly load?: string;
}

const fmt = (n: number | undefined, digits = 1): string =>
  n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits);

/** The time cell: seconds, or FAIL when the output's values are wrong. */
export function timeCell(result: StepResult): string {
  return result.check.ok && result.wall !== undefined ? fmt(result.wall, 2) : 'FAIL';
}

/** Peer time / our time, when both outputs passed their value checks. */
export function ratio(ours: StepResult, peer: StepResult): number | undefined {
  const valid = (r: StepResult) => r.check.ok && r.wall !== undefined && r.wall > 0;
  return valid(ours) && valid(peer) ? peer.wall! / ours.wall! : undefined;
}

export function stepTable(title: string, results: readonly StepResult[]): string {
  const [ours] = results;
  const lines = [
    `\n${title}`,
    '| implementation | wall s | peak RSS MB | ours faster by | values | load |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const x = ours && r !== ours ? ratio(ours, r) : undefined;
    const values = r.check.ok ? `ok: ${r.check.detail}` : `**FAIL**: ${r.check.detail}`;
    lines.push(
      `| ${r.impl} | ${timeCell(r)} | ${fmt(r.rssMb, 0)} | ${x === undefined ? '—' : `${fmt(x, 2)}×`} | ${values.replaceAll('|', '/')} | ${r.load ?? '—'} |`,
    );
  }
  return lines.join('\n');
}
