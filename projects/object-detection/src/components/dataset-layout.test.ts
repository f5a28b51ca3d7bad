import { describe, expect, it } from 'vitest';
import { mapArchivePath, planArchivePath } from './dataset-layout.js';

describe('planArchivePath (MIDV-500 layout)', () => {
  it.each([
    ['DATA/images/CA01_02.tif', 'images/CA01_02.tif', 'dataset/images/CA01_02.tif'],
    ['./DATA/labels/CA01_02.txt', 'labels/CA01_02.txt', 'dataset/labels/CA01_02.txt'],
    ['MINIDATA/images/TS05_30.png', 'images/TS05_30.png', 'dataset/images/TS05_30.png'],
  ])('stores %s as %s (book key %s)', (path, name, key) => {
    expect(planArchivePath(path)).toEqual({ action: 'store', name });
    expect(mapArchivePath(path, 'dataset')).toBe(key);
  });

  it.each([
    'README.txt',
    'DATA/notes.md',
    'OTHER/images/a.tif',
    'DATA/images/.DS_Store',
    'DATA/labels/._a.txt',
  ])('skips %s (and says why)', (path) => {
    expect(planArchivePath(path)).toMatchObject({ action: 'skip' });
  });

  it('refuses files in sub-folders of images/ or labels/, naming the path and the flat layout', () => {
    const plan = planArchivePath('DATA/images/CA/CA01_02.tif');
    expect(plan).toMatchObject({ action: 'refuse' });
    expect(plan.action === 'refuse' && plan.reason).toMatch(
      /^DATA\/images\/CA\/CA01_02\.tif is in a sub-folder of DATA\/images\/; the MIDV-500 layout is flat/,
    );
  });
});
