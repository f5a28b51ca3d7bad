/**
 * Delay before retry number `failures` (1-based): `initialMs` doubling per failure up to `maxMs`, then a random
 * 50–100 % of it, so that many clients retrying the same server spread apart.
 */
export function jitteredBackoffMs(
  failures: number,
  initialMs: number,
  maxMs: number,
  random: () => number,
): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, failures - 1)) * (0.5 + random() / 2);
}
