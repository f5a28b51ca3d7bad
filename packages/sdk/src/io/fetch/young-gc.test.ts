import { describe, expect, it } from 'vitest';
import { collectYoung } from './young-gc.js';

// What it saves (page faults, peak RSS of a download) is measured by the pipeline benchmark, not here.
describe('collectYoung', () => {
  it('collects again and again without exposing gc to other code', () => {
    expect(() => {
      collectYoung();
      collectYoung();
    }).not.toThrow();
    expect('gc' in globalThis).toBe(false);
  });
});
