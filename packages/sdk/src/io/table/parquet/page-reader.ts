// The pages of one column chunk: headers parsed in order, checksums verified when asked, bodies
// decompressed concurrently (zlib codecs on the libuv pool). Levels of v2 pages stay uncompressed, as
// the format stores them.
import { crc32 } from 'node:zlib';
import { decompressor, SUPPORTED_CODECS } from './encoding/codecs.js';
import type { Decompressor } from './encoding/codecs.js';
import { decodeThrift } from './encoding/thrift-compact.js';
import type { DecodedStruct } from './encoding/thrift-compact.js';
import { Codec, PageType, nameOf } from './format.js';
import { ParquetFormatError } from '../table-errors.js';
import { asError } from '../../../util/as-error.js';

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

async function inflate(unzip: Decompressor, body: Uint8Array, size: number): Promise<Uint8Array> {
  const out = await unzip(body, size);
  if (out.length !== size)
    throw new RangeError(`page decompresses to ${out.length} bytes, its header says ${size}`);
  return out;
}

function checkCrc(header: DecodedStruct, body: Uint8Array): void {
  const expected = header[4];
  if (typeof expected === 'number' && (crc32(body) | 0) !== (expected | 0))
    throw new RangeError('page checksum (CRC-32) does not match its bytes');
}

async function readPage(
  header: DecodedStruct,
  body: Uint8Array,
  unzip: Decompressor,
  at: number,
  verify: boolean,
): Promise<Page | undefined> {
  if (verify) checkCrc(header, body);
  const size = num(header, 2);
  switch (header[1]) {
    case PageType.DICTIONARY_PAGE: {
      const h = sub(header, 7);
      return {
        kind: 'dictionary',
        at,
        count: num(h, 1),
        encoding: num(h, 2),
        values: await inflate(unzip, body, size),
      };
    }
    case PageType.DATA_PAGE: {
      const h = sub(header, 5);
      const whole = await inflate(unzip, body, size);
      const [count, encoding, levelEncoding] = [num(h, 1), num(h, 2), num(h, 3)];
      return {
        kind: 'data',
        at,
        version: 1,
        count,
        encoding,
        levelEncoding,
        levels: whole,
        values: whole,
        repetitionBytes: 0,
      };
    }
    case PageType.DATA_PAGE_V2: {
      const h = sub(header, 8);
      const [repetitionBytes, definitionBytes] = [num(h, 6), num(h, 5)];
      const levelBytes = repetitionBytes + definitionBytes;
      if (levelBytes > body.length) throw new RangeError(`levels (${levelBytes} bytes) overrun the page`);
      const compressed = h?.[7] !== false;
      const rest = body.subarray(levelBytes);
      const values = compressed ? await inflate(unzip, rest, size - levelBytes) : rest;
      if (!compressed && rest.length !== size - levelBytes)
        throw new RangeError(`page holds ${rest.length} value bytes, its header says ${size - levelBytes}`);
      const levels = body.subarray(repetitionBytes, levelBytes);
      return {
        kind: 'data',
        at,
        version: 2,
        count: num(h, 1),
        encoding: num(h, 4),
        levelEncoding: 3,
        levels,
        values,
        nulls: num(h, 2),
        repetitionBytes,
      };
    }
    case PageType.INDEX_PAGE:
      return undefined;
    default:
      throw new RangeError(`unknown page type ${num(header, 1)}`);
  }
}

/** Parses every page header of `raw` (one column chunk) and decompresses the bodies, in order. */
export async function readPages(ctx: PageContext, raw: Uint8Array, codec: number): Promise<Page[]> {
  const unzip = decompressor(codec);
  if (!unzip)
    throw new ParquetFormatError(
      ctx.file,
      `column "${ctx.column}", row group ${ctx.rowGroup}: codec ${nameOf(Codec, codec)} is not supported (the reader decompresses ${SUPPORTED_CODECS.join(', ')})`,
    );
  const pages: Array<Promise<Page | undefined>> = [];
  for (let pos = 0; pos < raw.length; ) {
    const at = pos;
    try {
      const { value: header, end } = decodeThrift(raw, pos);
      const compressed = num(header, 3);
      if (compressed < 0 || end + compressed > raw.length)
        throw new RangeError(
          `page of ${compressed} bytes overruns the column chunk (${raw.length - end} left)`,
        );
      pages.push(
        readPage(header, raw.subarray(end, end + compressed), unzip, at, ctx.verifyChecksums ?? false).catch(
          (e: unknown) => Promise.reject(pageError(ctx, at, e)),
        ),
      );
      pos = end + compressed;
    } catch (e) {
      // Let started decompressions settle before failing, so none rejects unobserved.
      await Promise.allSettled(pages);
      throw pageError(ctx, at, e);
    }
  }
  const settled = await Promise.allSettled(pages);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.flatMap((s) => (s.status === 'fulfilled' && s.value ? [s.value] : []));
}
