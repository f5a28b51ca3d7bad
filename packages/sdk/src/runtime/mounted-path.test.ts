import { describe, expect, it } from 'vitest';
import { mountedPath } from './mounted-path.js';

const env = (mounts: Record<string, string>) => ({ CAPSTONE_MOUNTS: JSON.stringify(mounts) });

describe('mountedPath', () => {
  it('is the path itself on a cluster (no mount table)', () => {
    expect(mountedPath('/data/file.txt', {})).toBe('/data/file.txt');
  });

  it('maps a path under a mount to the local folder; the longest mount wins; siblings are not matched', () => {
    const mounts = env({ '/data': '/run/pvc/a', '/data/sub': '/run/pvc/b', '/scratch/': '/run/t/tmp' });
    expect(mountedPath('/data', mounts)).toBe('/run/pvc/a');
    expect(mountedPath('/data/file.txt', mounts)).toBe('/run/pvc/a/file.txt');
    expect(mountedPath('/data/sub/x', mounts)).toBe('/run/pvc/b/x');
    expect(mountedPath('/scratch/y', mounts)).toBe('/run/t/tmp/y');
    expect(mountedPath('/database/x', mounts)).toBe('/database/x');
  });

  it('names the variable when the table is malformed', () => {
    expect(() => mountedPath('/data', { CAPSTONE_MOUNTS: '[1]' })).toThrow(
      /CAPSTONE_MOUNTS must be a JSON object/,
    );
  });
});
