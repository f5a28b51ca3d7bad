import { describe, expect, it } from 'vitest';
import { ValuesPool } from './values-pool.js';

describe('ValuesPool', () => {
  it('hands out fresh arrays with room to spare, then the buffers given back, for any array that fits', () => {
    const pool = new ValuesPool();
    const first = pool.allocate('int32', 100) as Int32Array;
    expect(first).toBeInstanceOf(Int32Array);
    expect(first.length).toBe(100);
    expect(first.buffer.byteLength).toBeGreaterThan(400);
    expect(pool.owns(first.buffer)).toBe(true);
    first.fill(7);
    pool.give([first.buffer as ArrayBuffer]);
    // A smaller int64 array fits in the same buffer: it is reused, old bytes and all (the decoder writes
    // every element), as a view at its start.
    const again = pool.allocate('int64', 40) as BigInt64Array;
    expect(again.buffer).toBe(first.buffer);
    expect(again.length).toBe(40);
    expect(again.byteOffset).toBe(0);
    // Nothing left that fits: a new buffer.
    const other = pool.allocate('float', 90) as Float32Array;
    expect(other.buffer).not.toBe(first.buffer);
    expect(pool.owns(new ArrayBuffer(8))).toBe(false);
    expect(pool.allocate('string', 10)).toBeUndefined();
  });

  it('keeps at most `keep` buffers, dropping the smallest', () => {
    const pool = new ValuesPool(2);
    const buffers = [10, 30, 20].map((n) => pool.allocate('int32', n)!.buffer as ArrayBuffer);
    pool.give(buffers);
    expect(pool.allocate('int32', 25)!.buffer).toBe(buffers[1]);
    expect(pool.allocate('int32', 15)!.buffer).toBe(buffers[2]);
    expect(pool.allocate('int32', 5)!.buffer).not.toBe(buffers[0]);
  });
});
