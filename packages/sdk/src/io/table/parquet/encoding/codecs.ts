// Page compression and decompression. GZIP, ZSTD and BROTLI run in node:zlib on the libuv thread pool,
// so several pages (de)compress at once while the main thread keeps parsing; SNAPPY and LZ4 are ours.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { Codec, nameOf } from '../format.js';
import { lz4HadoopUncompress, lz4RawUncompress } from './lz4.js';
import { snappyCompress, snappyUncompress } from './snappy.js';
import { UnsupportedCompressionError } from '../../table-errors.js';

export const Compression = { gzip: 'gzip', zstd: 'zstd', snappy: 'snappy', none: 'none' } as const;
export type Compression = (typeof Compression)[keyof typeof Compression];

export const codecOf: Record<Compression, number> = {
  gzip: Codec.GZIP,
  zstd: Codec.ZSTD,
  snappy: Codec.SNAPPY,
  none: Codec.UNCOMPRESSED,
};

export type Compressor = (data: Uint8Array) => Promise<Uint8Array>;

const gzip = promisify(zlib.gzip);
type ZlibFn = (data: Uint8Array, options: object, cb: (err: Error | null, out: Buffer) => void) => void;

/** node:zlib's zstd (Node ≥ 22.15); a bundle run by an older Node gets a clear error, not a crash at import. */
function zstdFunctions(): { compress: ZlibFn; decompress: ZlibFn } {
  const z = zlib as unknown as { zstdCompress?: ZlibFn; zstdDecompress?: ZlibFn };
  if (!z.zstdCompress || !z.zstdDecompress)
    throw new UnsupportedCompressionError(
      'zstd',
      `node:zlib of Node ${process.versions.node} has no zstd (Node ≥ 22.15 has)`,
    );
  return { compress: z.zstdCompress, decompress: z.zstdDecompress };
}

/** Default gzip level: 1 is ~3× faster than 6 on ratings for ~10 % larger files (docs/tabular.md). */
export const DEFAULT_GZIP_LEVEL = 1;

/** A zlib `chunkSize` for an expected output size (zlib's limits: 64 B to 2 GiB; we cap at 64 MiB). */
export function outputChunk(expected: number): number {
  return Math.min(64 << 20, Math.max(64 << 10, Math.ceil(expected)));
}

export function compressor(compression: Compression, level?: number): Compressor {
  switch (compression) {
    case 'gzip': {
      const lvl = level ?? DEFAULT_GZIP_LEVEL;
      // One output chunk per page: zlib's default 16 KiB chunks cost a main-thread callback each.
      return (data) => gzip(data, { level: lvl, chunkSize: outputChunk(data.length / 2) });
    }
    case 'zstd': {
      const zstd = promisify(zstdFunctions().compress);
      const params = level === undefined ? {} : { [zlib.constants.ZSTD_c_compressionLevel]: level };
      return (data) => zstd(data, { params });
    }
    case 'snappy':
      return (data) => Promise.resolve(snappyCompress(data));
    case 'none':
      return (data) => Promise.resolve(data);
    default:
      // A caller outside TypeScript (a pipeline parameter) can pass anything.
      throw new UnsupportedCompressionError(
        String(compression),
        `the writer offers ${Object.keys(codecOf).join(', ')}`,
      );
  }
}

/** Decompresses one page body to exactly `size` bytes (the page header's uncompressed size). */
export type Decompressor = (data: Uint8Array, size: number) => Promise<Uint8Array>;

const unzip = promisify(zlib.unzip);
const brotli = promisify(zlib.brotliDecompress);
const sized =
  (decode: (data: Uint8Array, size: number) => Uint8Array): Decompressor =>
  (data, size) =>
    Promise.resolve(decode(data, size));

const DECOMPRESSORS: Readonly<Record<number, Decompressor>> = {
  [Codec.UNCOMPRESSED]: (data) => Promise.resolve(data),
  [Codec.SNAPPY]: sized(snappyUncompress),
  // unzip: gzip members, or a bare zlib stream from older writers.
  [Codec.GZIP]: (data, size) => unzip(data, { chunkSize: outputChunk(size) }),
  [Codec.BROTLI]: (data, size) => brotli(data, { chunkSize: outputChunk(size) }),
  [Codec.ZSTD]: (data, size) => promisify(zstdFunctions().decompress)(data, { chunkSize: outputChunk(size) }),
  [Codec.LZ4]: sized(lz4HadoopUncompress),
  [Codec.LZ4_RAW]: sized(lz4RawUncompress),
};

/** The decompressor of a codec, or `undefined` when the reader has none (LZO, unknown codes). */
export function decompressor(codec: number): Decompressor | undefined {
  return DECOMPRESSORS[codec];
}

export const SUPPORTED_CODECS: readonly string[] = Object.keys(DECOMPRESSORS).map((c) =>
  nameOf(Codec, Number(c)),
);
