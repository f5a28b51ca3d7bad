import { deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateInto, ZlibInto, zlibIntoAvailable } from './zlib-into.js';

describe('zlib into caller buffers', () => {
  it('is available on the Node this project runs on (else every unzip takes the slower streaming path)', () => {
    expect(zlibIntoAvailable()).toBe(true);
  });

  it('inflates exactly into the destination, and refuses data of another size', () => {
    const data = Buffer.from('abc,def\n'.repeat(10_000));
    for (const [kind, packed] of [
      ['inflateRaw', deflateRawSync(data)],
      ['gunzip', gzipSync(data)],
    ] as const) {
      const out = Buffer.alloc(data.length);
      inflateInto(kind, packed, out);
      expect(out.equals(data)).toBe(true);
      expect(() => inflateInto(kind, packed, Buffer.alloc(data.length + 1))).toThrow(
        `data decompresses to ${data.length} bytes, expected ${data.length + 1}`,
      );
      expect(() => inflateInto(kind, packed, Buffer.alloc(data.length - 1))).toThrow(
        /decompresses to more than the expected/,
      );
      // The engine is reused after an error.
      inflateInto(kind, packed, out);
      expect(out.equals(data)).toBe(true);
    }
  });

  it('reports where a stream ends inside its input, and throws on damaged data', () => {
    const packed = Buffer.concat([deflateRawSync(Buffer.from('hello')), Buffer.from('after')]);
    const engine = ZlibInto.create('inflateRaw')!;
    const out = Buffer.alloc(64);
    const step = engine.write(packed, 0, packed.length, out, 0, out.length, false);
    expect(out.subarray(0, step.written).toString()).toBe('hello');
    expect(step).toMatchObject({ read: packed.length - 5, ended: true });
    engine.reset();
    expect(() => engine.write(Buffer.alloc(20, 0xff), 0, 20, out, 0, 64, true)).toThrow();
    engine.close();
  });
});
