// The pages of one column chunk: headers parsed in order, checksums verified when asked, bodies decompressed
// (zlib codecs on the libuv pool, or GZIP on this thread). Levels of v2 pages stay as the format stores them.
import { crc32, unzipSync } from 'node:zlib';
import { decompressor, SUPPORTED_CODECS } from './encoding/codecs.js';
import type { Decompressor } from './encoding/codecs.js';
import { decodeThrift } from './encoding/thrift-compact.js';
import type { DecodedStruct } from './encoding/thrift-compact.js';
import { Codec, PageType, nameOf } from './format.js';
import { ParquetFormatError } from '../table-errors.js';
import { asError } from '../../../util/as-error.js';
import { inflateInto } from '../../../util/zlib-into.js';

/** Where a page is, for error messages. */
export interface PageContext {
  readonly file: string;
  readonly column: string;
  readonly rowGroup: number;
  /** Check each page's CRC-32 when its header has one. */
  readonly verifyChecksums?: boolean;
}

export type Page =
  | {
      readonly kind: 'dictionary';
      readonly at: number;
      readonly count: number;
      readonly encoding: number;
      readonly values: Uint8Array;
    }
  | {
      readonly kind: 'data';
      readonly at: number;
      readonly version: 1 | 2;
      /** Values in the page, nulls included (flat columns: rows). */
      readonly count: number;
      readonly encoding: number;
      /** v1: the definition-level encoding; v2: always RLE. */
      readonly levelEncoding: number;
      /** v1: the whole body (levels, then values); v2: the definition levels only. */
      readonly levels: Uint8Array;
      readonly values: Uint8Array;
      /** v2 only: the header's null count, checked against the levels. */
      readonly nulls?: number;
      readonly repetitionBytes: number;
    };

const num = (s: DecodedStruct | undefined, id: number): number => {
  const v = s?.[id];
  if (typeof v !== 'number') throw new RangeError(`page header field ${id} is missing`);
  return v;
};
const sub = (s: DecodedStruct, id: number): DecodedStruct | undefined => s[id] as DecodedStruct | undefined;

/** Wraps a decoder's RangeError with the file, column, row group and page offset. */
export function pageError(ctx: PageContext, at: number, e: unknown): Error {
  if (!(e instanceof Error)) return asError(e);
  if (e instanceof ParquetFormatError) return e;
  return new ParquetFormatError(
    ctx.file,
    `column "${ctx.column}", row group ${ctx.rowGroup}, page at chunk byte ${at}: ${e.message}`,
  );
}

function checkCrc(header: DecodedStruct, body: Uint8Array): void {
  const expected = header[4];
  if (typeof expected === 'number' && (crc32(body) | 0) !== (expected | 0))
    throw new RangeError('page checksum (CRC-32) does not match its bytes');
}

/** A page as stored: its header, its body, and which part of the body is compressed. */
interface RawPage {
  readonly header: DecodedStruct;
  readonly at: number;
  /** v2 levels, stored uncompressed before the values; empty otherwise. */
  readonly levels: Uint8Array;
  /** The bytes to decompress (when `compressed`) or the values as they are. */
  readonly stored: Uint8Array;
  readonly compressed: boolean;
  /** What `stored` decompresses to (the header's size, less v2 levels). */
  readonly size: number;
}

/** Splits a page body into its parts; `undefined` for index pages (skipped). */
function rawPage(header: DecodedStruct, body: Uint8Array, at: number, verify: boolean): RawPage | undefined {
  if (verify) checkCrc(header, body);
  const size = num(header, 2);
  switch (header[1]) {
    case PageType.DICTIONARY_PAGE:
    case PageType.DATA_PAGE:
      return { header, at, levels: body.subarray(0, 0), stored: body, compressed: true, size };
    case PageType.DATA_PAGE_V2: {
      const h = sub(header, 8);
      const [repetitionBytes, definitionBytes] = [num(h, 6), num(h, 5)];
      const levelBytes = repetitionBytes + definitionBytes;
      if (levelBytes > body.length) throw new RangeError(`levels (${levelBytes} bytes) overrun the page`);
      const compressed = h?.[7] !== false;
      const stored = body.subarray(levelBytes);
      if (!compressed && stored.length !== size - levelBytes)
        throw new RangeError(`page holds ${stored.length} value bytes, its header says ${size - levelBytes}`);
      return {
        header,
        at,
        levels: body.subarray(0, levelBytes),
        stored,
        compressed,
        size: size - levelBytes,
      };
    }
    case PageType.INDEX_PAGE:
      return undefined;
    default:
      throw new RangeError(`unknown page type ${num(header, 1)}`);
  }
}

/** The page a raw page becomes once `values` holds its decompressed bytes. */
function pageOf(raw: RawPage, values: Uint8Array): Page {
  const { header, at } = raw;
  if (values.length !== raw.size)
    throw new RangeError(`page decompresses to ${values.length} bytes, its header says ${raw.size}`);
  switch (header[1]) {
    case PageType.DICTIONARY_PAGE: {
      const h = sub(header, 7);
      return { kind: 'dictionary', at, count: num(h, 1), encoding: num(h, 2), values };
    }
    case PageType.DATA_PAGE: {
      const h = sub(header, 5);
      const [count, encoding, levelEncoding] = [num(h, 1), num(h, 2), num(h, 3)];
      return {
        kind: 'data',
        at,
        version: 1,
        count,
        encoding,
        levelEncoding,
        levels: values,
        values,
        repetitionBytes: 0,
      };
    }
    default: {
      const h = sub(header, 8);
      const repetitionBytes = num(h, 6);
      return {
        kind: 'data',
        at,
        version: 2,
        count: num(h, 1),
        encoding: num(h, 4),
        levelEncoding: 3,
        levels: raw.levels.subarray(repetitionBytes),
        values,
        nulls: num(h, 2),
        repetitionBytes,
      };
    }
  }
}

/** Parses every page header of `raw` (one column chunk), in order. */
function rawPages(ctx: PageContext, raw: Uint8Array): RawPage[] {
  const pages: RawPage[] = [];
  for (let pos = 0; pos < raw.length; ) {
    const at = pos;
    try {
      const { value: header, end } = decodeThrift(raw, pos);
      const compressed = num(header, 3);
      if (compressed < 0 || end + compressed > raw.length)
        throw new RangeError(
          `page of ${compressed} bytes overruns the column chunk (${raw.length - end} left)`,
        );
      const page = rawPage(header, raw.subarray(end, end + compressed), at, ctx.verifyChecksums ?? false);
      if (page) pages.push(page);
      pos = end + compressed;
    } catch (e) {
      throw pageError(ctx, at, e);
    }
  }
  return pages;
}

function unsupportedCodec(ctx: PageContext, codec: number): ParquetFormatError {
  return new ParquetFormatError(
    ctx.file,
    `column "${ctx.column}", row group ${ctx.rowGroup}: codec ${nameOf(Codec, codec)} is not supported (the reader decompresses ${SUPPORTED_CODECS.join(', ')})`,
  );
}

/** Parses every page header of `raw` (one column chunk) and decompresses the bodies concurrently. */
export async function readPages(ctx: PageContext, raw: Uint8Array, codec: number): Promise<Page[]> {
  const unzip: Decompressor | undefined = decompressor(codec);
  if (!unzip) throw unsupportedCodec(ctx, codec);
  const pages = rawPages(ctx, raw);
  const settled = await Promise.allSettled(
    pages.map(async (p) => {
      try {
        return pageOf(p, p.compressed ? await unzip(p.stored, p.size) : p.stored);
      } catch (e) {
        throw pageError(ctx, p.at, e);
      }
    }),
  );
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<Page>).value);
}

/**
 * Whether `readPagesInto` reads this codec (on the calling thread, into buffers it is given): GZIP, and
 * UNCOMPRESSED (the pages are views of the raw bytes, which the caller may then read into a reused buffer).
 */
export const decompressesInto = (codec: number): boolean =>
  codec === Codec.GZIP || codec === Codec.UNCOMPRESSED;

/**
 * Where a data page's values may be inflated to directly: the column's output bytes for rows
 * `[row, row + count)` when a page of `bytes` bytes in `encoding` is exactly those values, else undefined.
 */
export type DirectTarget = (
  row: number,
  count: number,
  encoding: number,
  bytes: number,
) => Uint8Array | undefined;

/**
 * A data page's value count and encoding; undefined for a v2 page with levels before its values (a v1 page's
 * body starts with its levels when the column has any: `DirectTarget`s are only for columns without).
 */
function dataInfo(raw: RawPage): { count: number; encoding: number } | undefined {
  const { header } = raw;
  if (header[1] === PageType.DATA_PAGE) {
    const h = sub(header, 5);
    return { count: num(h, 1), encoding: num(h, 2) };
  }
  if (header[1] === PageType.DATA_PAGE_V2 && raw.levels.length === 0) {
    const h = sub(header, 8);
    return { count: num(h, 1), encoding: num(h, 4) };
  }
  return undefined;
}

/** The destination of each page (undefined: the scratch buffer), as `direct` chooses. */
function directTargets(
  pages: readonly RawPage[],
  direct: DirectTarget | undefined,
): (Uint8Array | undefined)[] {
  let row = 0;
  return pages.map((p) => {
    if (p.header[1] === PageType.DICTIONARY_PAGE) return undefined;
    const info = dataInfo(p);
    const count = info?.count ?? num(sub(p.header, p.header[1] === PageType.DATA_PAGE ? 5 : 8), 1);
    const target =
      info && p.compressed && p.size > 0 ? direct?.(row, count, info.encoding, p.size) : undefined;
    row += count;
    return target;
  });
}

/**
 * `readPages` for GZIP (and UNCOMPRESSED) chunks, synchronously: each body is inflated on this thread into
 * `scratch(bytes)`, a buffer the caller reuses (no fresh memory per page, which costs about as much as the
 * inflate), or straight into the column's output where `direct` gives it (PLAIN numbers of a column without
 * levels: no copy after). The pages are views of those buffers (or of `raw`): decode them before the next call.
 */
export function readPagesInto(
  ctx: PageContext,
  raw: Uint8Array,
  scratch: (bytes: number) => Uint8Array,
  direct?: DirectTarget,
  codec: number = Codec.GZIP,
): Page[] {
  const pages = rawPages(ctx, raw);
  // UNCOMPRESSED: every page is its stored body (views of `raw`).
  const stored = codec === Codec.UNCOMPRESSED;
  const targets = stored ? [] : directTargets(pages, direct);
  let total = 0;
  pages.forEach((p, i) => {
    if (!stored && p.compressed && !targets[i]) total += p.size;
  });
  const out = scratch(total);
  let used = 0;
  return pages.map((p, i) => {
    try {
      if (stored || !p.compressed) return pageOf(p, p.stored);
      // zlib cannot run into an empty buffer: an empty page (an empty row group) inflates the usual way.
      if (p.size === 0) return pageOf(p, unzipSync(p.stored));
      let into = targets[i];
      if (!into) {
        into = out.subarray(used, used + p.size);
        used += p.size;
      }
      inflateInto('unzip', p.stored, into);
      return pageOf(p, into);
    } catch (e) {
      throw pageError(ctx, p.at, e);
    }
  });
}
