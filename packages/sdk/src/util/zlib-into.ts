// Synchronous zlib into buffers the caller owns. node:zlib's public API allocates a fresh Buffer for every
// output chunk (the one-shot `*Sync` functions then concatenate them into one more): on large inputs the
// fresh, cache-cold memory cost about as much CPU as the inflate itself (docs/benchmarks.md, "unzip").
// Node's zlib streams drive a native handle whose `writeSync(flush, in, inOff, inLen, out, outOff,
// outLen)` fills a buffer we choose; this module uses it when the running Node has it (checked once, and
// a test pins that Node 24 does) and otherwise falls back to the public one-shot API plus a copy.
import zlib from 'node:zlib';

export type ZlibKind = 'inflateRaw' | 'gunzip' | 'unzip' | 'deflateRaw' | 'gzip';

interface NativeHandle {
  writeSync(
    flush: number,
    input: Uint8Array,
    inOff: number,
    inLen: number,
    out: Uint8Array,
    outOff: number,
    outLen: number,
  ): void;
}

/** The parts of a node:zlib stream this module drives. */
interface ZlibStream {
  readonly _handle?: NativeHandle | null;
  readonly _writeState?: Uint32Array;
  readonly destroyed: boolean;
  readonly errored: Error | null;
  reset(): void;
  close(): void;
  on(event: 'error', listener: () => void): unknown;
}

const CREATE: Record<ZlibKind, (options: zlib.ZlibOptions) => unknown> = {
  inflateRaw: zlib.createInflateRaw,
  gunzip: zlib.createGunzip,
  unzip: zlib.createUnzip,
  deflateRaw: zlib.createDeflateRaw,
  gzip: zlib.createGzip,
};

/** One step of a stream: input bytes consumed, output bytes produced, and whether the stream ended. */
export interface ZlibStep {
  readonly read: number;
  readonly written: number;
  /** The compressed stream ended before the input did (what follows is not part of it). */
  readonly ended: boolean;
}

/** A zlib stream that reads from and writes into the caller's buffers, synchronously. */
export class ZlibInto {
  private constructor(
    private readonly stream: ZlibStream,
    private readonly handle: NativeHandle,
    private readonly state: Uint32Array,
  ) {}

  /** `undefined` when this Node's zlib streams do not expose their native handle (use the public API). */
  static create(kind: ZlibKind, options: zlib.ZlibOptions = {}): ZlibInto | undefined {
    const stream = CREATE[kind](options) as ZlibStream;
    const handle = stream._handle;
    const state = stream._writeState;
    if (!handle || typeof handle.writeSync !== 'function' || !(state instanceof Uint32Array)) {
      stream.close();
      return undefined;
    }
    // zlib reports errors by destroying the stream (and emitting 'error' on the next tick); `write` throws
    // them synchronously, so the event itself needs no listener beyond this one.
    stream.on('error', () => undefined);
    return new ZlibInto(stream, handle, state);
  }

  /**
   * Runs the stream over `input[inOff, inEnd)` into `out[outOff, outEnd)` until the input is consumed, the
   * output is full or the stream ends. `finish`: this is the last input (a stream that is not complete
   * by its end is an error, "unexpected end of file").
   */
  write(
    input: Uint8Array,
    inOff: number,
    inEnd: number,
    out: Uint8Array,
    outOff: number,
    outEnd: number,
    finish: boolean,
  ): ZlibStep {
    const inLen = inEnd - inOff;
    const outLen = outEnd - outOff;
    const flush = finish ? zlib.constants.Z_FINISH : zlib.constants.Z_NO_FLUSH;
    this.handle.writeSync(flush, input, inOff, inLen, out, outOff, outLen);
    if (this.stream.destroyed) throw this.stream.errored ?? new Error('zlib stream failed');
    const availOut = this.state[0]!;
    const availIn = this.state[1]!;
    // Output space left and input left: the stream stopped at its end, not for lack of room.
    return { read: inLen - availIn, written: outLen - availOut, ended: availIn > 0 && availOut > 0 };
  }

  /** Starts a new stream with the same settings (keeps the native state's memory). */
  reset(): void {
    this.stream.reset();
  }

  close(): void {
    this.stream.close();
  }
}

const ONE_SHOT: Record<'gunzip' | 'unzip' | 'inflateRaw', (data: Uint8Array) => Buffer> = {
  gunzip: (d) => zlib.gunzipSync(d),
  unzip: (d) => zlib.unzipSync(d),
  inflateRaw: (d) => zlib.inflateRawSync(d),
};
const cached = new Map<string, ZlibInto>();
const probe = new Uint8Array(1);

/**
 * Decompresses all of `src` into exactly `dst` (its length is the expected size, e.g. a Parquet page
 * header's), synchronously on this thread. Throws a RangeError when the data holds more or fewer bytes,
 * and zlib's error for damaged data. One engine per kind is kept and reset between calls.
 */
export function inflateInto(kind: 'gunzip' | 'unzip' | 'inflateRaw', src: Uint8Array, dst: Uint8Array): void {
  let engine = cached.get(kind);
  if (!engine) {
    engine = ZlibInto.create(kind);
    if (!engine) return copyExact(ONE_SHOT[kind](src), dst);
    cached.set(kind, engine);
  }
  try {
    engine.reset();
    const step = engine.write(src, 0, src.length, dst, 0, dst.length, true);
    if (step.written < dst.length)
      throw new RangeError(`data decompresses to ${step.written} bytes, expected ${dst.length}`);
    // `dst` is full: whatever is left (a gzip trailer, padding) must not decompress to more bytes.
    if (engine.write(src, step.read, src.length, probe, 0, 1, true).written > 0)
      throw new RangeError(`data decompresses to more than the expected ${dst.length} bytes`);
  } catch (e) {
    // A failed stream is destroyed; the next call makes a fresh one.
    cached.delete(kind);
    engine.close();
    throw e;
  }
}

function copyExact(out: Uint8Array, dst: Uint8Array): void {
  if (out.length !== dst.length)
    throw new RangeError(`data decompresses to ${out.length} bytes, expected ${dst.length}`);
  dst.set(out);
}

/** Whether this Node lets `ZlibInto` write into caller buffers (false: the public-API fallback runs). */
export function zlibIntoAvailable(): boolean {
  const engine = ZlibInto.create('inflateRaw');
  engine?.close();
  return engine !== undefined;
}
