// Where a faulty response stops and how it ends, on top of the resource's own plan (status, range, headers).
import type { ResourcePlan } from '../../src/samples/index.js';
import type { FaultWindow, FixtureFaults } from './fixture-types.js';

export interface FaultPlan extends ResourcePlan {
  /** Body bytes to send before `ending`. */
  readonly limit: number;
  readonly ending: 'end' | 'drop' | 'stall' | 'reset';
}

/** Applies the length, cut, stall and reset knobs of `faults` to the `index`-th request of a route. */
export function planFaults(plan: ResourcePlan, faults: FixtureFaults, index: number): FaultPlan {
  const length = plan.end - plan.start + 1;
  const delta = faults.contentLengthDelta ?? 0;
  const headers =
    plan.status === 416
      ? plan.headers
      : { ...plan.headers, 'content-length': String(Math.max(0, length + delta)) };
  let limit = delta < 0 ? length + delta : length;
  let ending: FaultPlan['ending'] = delta > 0 ? 'drop' : 'end';
  const hits = (window: FaultWindow | undefined) => window !== undefined && index < (window.times ?? 1);
  // The lowest cut wins; on a tie the first knob in this order does.
  const drop = faults.dropAfter;
  if (drop && hits(drop) && drop.bytes < limit) [limit, ending] = [drop.bytes, 'drop'];
  for (const [at, kind] of [
    [faults.truncateAt, 'drop'],
    [faults.stallAt, 'stall'],
    [faults.resetAt, 'reset'],
  ] as const) {
    if (at !== undefined && at - plan.start < limit) [limit, ending] = [Math.max(0, at - plan.start), kind];
  }
  for (const [window, kind] of [
    [faults.stallAfter, 'stall'],
    [faults.resetAfter, 'reset'],
  ] as const) {
    if (hits(window) && window && window.bytes < limit) [limit, ending] = [window.bytes, kind];
  }
  return { ...plan, headers, limit, ending };
}
