import { describe, expect, it } from 'vitest';
import { splitPairs } from './split-pairs.js';

const conditions = ['CA', 'CS', 'HA', 'HS', 'KA', 'KS', 'PA', 'PS', 'TA', 'TS'];
const exts = ['.tif', '.png', '.jpg', '.jpeg', '.bmp'];
const stems = conditions.flatMap((c) =>
  Array.from(
    { length: 12 },
    (_, i) => `${c}${String(i + 1).padStart(2, '0')}_${String((i % 30) + 1).padStart(2, '0')}`,
  ),
);
const images = stems.map((s, i) => `images/${s}${exts[i % exts.length]}`);
const labels = stems.map((s) => `labels/${s}.txt`);
const stem = (f: string): string => f.slice(f.lastIndexOf('/') + 1, f.lastIndexOf('.'));

describe('splitPairs', () => {
  it('never separates a pair, uses the book sizes and reports unmatched files', () => {
    const files = [...images, ...labels, 'images/ZZ99_01.png', 'labels/YY01_01.txt', 'labels/notes.md'];
    const split = splitPairs(files, { seed: 42 });
    expect([split.x_train.length, split.x_val.length, split.x_test.length]).toEqual([90, 18, 12]);
    for (const [x, y] of [
      [split.x_train, split.y_train],
      [split.x_val, split.y_val],
      [split.x_test, split.y_test],
    ] as const) {
      expect(x.map(stem)).toEqual(y.map(stem));
      expect(y.every((f) => f.endsWith('.txt'))).toBe(true);
    }
    const all = [...split.x_train, ...split.x_val, ...split.x_test];
    expect(new Set(all).size).toBe(120);
    expect(split.unmatched).toEqual(['images/ZZ99_01.png', 'labels/YY01_01.txt', 'labels/notes.md']);
  });

  it('does not depend on listing order', () => {
    const files = [...images, ...labels];
    const shuffled = [...files].reverse().sort((a, b) => stem(b).localeCompare(stem(a)));
    expect(splitPairs(shuffled, { seed: 3 })).toEqual(splitPairs(files, { seed: 3 }));
  });

  it('is deterministic per seed and differs across seeds', () => {
    const files = [...images, ...labels];
    expect(splitPairs(files, { seed: 1 })).toEqual(splitPairs(files, { seed: 1 }));
    expect(splitPairs(files, { seed: 2 }).x_test).not.toEqual(splitPairs(files, { seed: 1 }).x_test);
  });

  it('reports a stem with two images as unmatched instead of guessing', () => {
    const split = splitPairs(['a/CA01_01.png', 'a/CA01_01.tif', 'b/CA01_01.txt'], { seed: 1 });
    expect(split.x_train.length + split.x_val.length + split.x_test.length).toBe(0);
    expect(split.unmatched).toEqual(['a/CA01_01.png', 'a/CA01_01.tif', 'b/CA01_01.txt']);
  });
});
