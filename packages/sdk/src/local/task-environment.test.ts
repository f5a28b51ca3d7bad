import { describe, expect, it } from 'vitest';
import { baseTaskEnv, MALLOC_TUNABLES } from './task-environment.js';

describe('baseTaskEnv: GLIBC_TUNABLES', () => {
  it.runIf(process.platform === 'linux')(
    'gives tasks huge pages for malloc’s large blocks by default',
    () => {
      expect(baseTaskEnv({ PATH: '/bin' }, '/objects')['GLIBC_TUNABLES']).toBe(MALLOC_TUNABLES);
      expect(MALLOC_TUNABLES).toBe('glibc.malloc.hugetlb=1');
    },
  );

  it('passes the caller’s own tunables unchanged, even empty ones', () => {
    const own = 'glibc.malloc.arena_max=2';
    expect(baseTaskEnv({ PATH: '/bin', GLIBC_TUNABLES: own }, '/objects')['GLIBC_TUNABLES']).toBe(own);
    expect(baseTaskEnv({ PATH: '/bin', GLIBC_TUNABLES: '' }, '/objects')['GLIBC_TUNABLES']).toBe('');
  });

  it('still passes nothing else of the parent environment but what a task needs', () => {
    const env = baseTaskEnv({ PATH: '/bin', UNRELATED: 'x', S3_REGION: 'r' }, '/objects');
    expect(Object.keys(env).sort()).toEqual(
      [
        'CAPSTONE_OBJECT_STORE_DIR',
        'PATH',
        'S3_REGION',
        ...(process.platform === 'linux' ? ['GLIBC_TUNABLES'] : []),
      ].sort(),
    );
  });
});
