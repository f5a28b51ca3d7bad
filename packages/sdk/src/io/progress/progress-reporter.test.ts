import { describe, expect, it } from 'vitest';
import { formatBytes, LogProgressReporter } from './progress-reporter.js';

describe('LogProgressReporter', () => {
  it('logs on start, every 10 % or 5 s, and at the end', () => {
    let now = 0;
    const lines: string[] = [];
    const reporter = new LogProgressReporter({
      label: 'ml-25m.zip',
      log: (l) => lines.push(l),
      now: () => now,
    });
    reporter.start(1000 * 1024, 0);
    now = 1_000;
    reporter.update(50 * 1024); // 5 %: quiet
    reporter.update(120 * 1024); // crossed 10 %
    now = 2_000;
    reporter.update(130 * 1024); // quiet
    now = 8_000;
    reporter.update(140 * 1024); // 5 s passed
    reporter.finish();
    expect(lines).toEqual([
      'ml-25m.zip: starting, 1000.0 KiB',
      'ml-25m.zip: 120.0 KiB of 1000.0 KiB (12.0%) at 120.0 KiB/s',
      'ml-25m.zip: 140.0 KiB of 1000.0 KiB (14.0%) at 17.5 KiB/s',
      'ml-25m.zip: done, 140.0 KiB of 1000.0 KiB (14.0%) at 17.5 KiB/s',
    ]);
  });

  it('handles unknown sizes and resumed downloads', () => {
    const lines: string[] = [];
    const reporter = new LogProgressReporter({ label: 'x', log: (l) => lines.push(l), now: () => 0 });
    reporter.start(undefined, 2048);
    expect(lines).toEqual(['x: starting, size unknown (resuming at 2.0 KiB)']);
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(3 * 1024 ** 3)]).toEqual([
      '512 B',
      '1.5 KiB',
      '3.0 GiB',
    ]);
  });
});
