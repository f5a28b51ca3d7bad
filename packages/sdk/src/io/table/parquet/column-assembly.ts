// One column chunk's pages → a ColumnChunk of the row group: definition levels become the `valid`
// flags, each page's dense values are placed at its rows (nulls stay 0 / empty), and the totals are
// checked against the row group, so a page too many or too few is an error, not shifted values.
import { allocValues } from '../column-chunk.js';
import type { ColumnChunk, NumericValues } from '../column-chunk.js';
import type { ColumnSpec } from '../table-schema.js';
import type { ByteArrays } from './encoding/delta-byte-array.js';
import { decodeRleHybrid } from './encoding/rle-hybrid.js';
import { Encoding, nameOf } from './format.js';
import type { Page, PageContext } from './page-reader.js';
import { pageError } from './page-reader.js';
import { decodePlain, decodeValues, isByteArrays } from './page-values.js';
import type { Dense } from './page-values.js';

type DataPage = Extract<Page, { kind: 'data' }>;

/** Decodes a page's definition levels into `valid`; returns the values section and the non-null count. */
function levels(page: DataPage, valid: Uint8Array | undefined): { data: Uint8Array; nonNull: number } {
  if (page.repetitionBytes > 0) throw new RangeError('repetition levels in a flat column');
  if (!valid) return { data: page.values, nonNull: page.count };
  if (page.levelEncoding !== Encoding.RLE)
    throw new RangeError(
      `definition levels encoded ${nameOf(Encoding, page.levelEncoding)} (only RLE is supported)`,
    );
  let data = page.values;
  let src = page.levels;
  if (page.version === 1) {
    if (src.length < 4) throw new RangeError('page too short for its definition levels');
    const length = new DataView(src.buffer, src.byteOffset, 4).getUint32(0, true);
    if (4 + length > src.length) throw new RangeError(`definition levels (${length} bytes) overrun the page`);
    data = src.subarray(4 + length);
    src = src.subarray(4, 4 + length);
  }
  decodeRleHybrid(src, 0, src.length, 1, valid, 1);
  let nonNull = 0;
  for (let i = 0; i < valid.length; i++) nonNull += valid[i]!;
  if (page.nulls !== undefined && page.nulls !== page.count - nonNull)
    throw new RangeError(`page header says ${page.nulls} nulls, its levels say ${page.count - nonNull}`);
  return { data, nonNull };
}

function placeNumbers(
  out: NumericValues,
  dense: NumericValues,
  valid: Uint8Array | undefined,
  row: number,
): void {
  if (!valid || dense.length === valid.length) {
    (out as Int32Array).set(dense as Int32Array, row);
    return;
  }
  const to = out as Int32Array;
  const from = dense as Int32Array;
  let r = 0;
  for (let i = 0; i < valid.length; i++) if (valid[i]) to[row + i] = from[r++]!;
}

interface Strings {
  readonly offsets: Int32Array;
  readonly parts: Uint8Array[];
  used: number;
}

function placeStrings(
  out: Strings,
  dense: ByteArrays,
  valid: Uint8Array | undefined,
  row: number,
  n: number,
): void {
  let r = 0;
  for (let i = 0; i < n; i++) {
    if (!valid || valid[i]) {
      out.used += dense.offsets[r + 1]! - dense.offsets[r]!;
      r++;
    }
    out.offsets[row + i + 1] = out.used;
  }
  if (out.used > 0x7fffffff) throw new RangeError('more than 2 GiB of strings in one row group');
  out.parts.push(dense.bytes.subarray(0, dense.offsets[r]));
}

/** The row group's string bytes, always a copy: pages may be views of a buffer the reader reuses. */
function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let w = 0;
  for (const p of parts) {
    out.set(p, w);
    w += p.length;
  }
  return out;
}

/**
 * Builds the row group's ColumnChunk from its pages (a dictionary page first, if any), into `values` when
 * given (`rows` long; pages may already be inflated into it).
 */
export function assembleColumn(
  ctx: PageContext,
  spec: ColumnSpec,
  rows: number,
  pages: readonly Page[],
  values: NumericValues | undefined = allocValues(spec.type, rows),
): ColumnChunk {
  const valid = spec.nullable ? new Uint8Array(rows) : undefined;
  const strings: Strings | undefined =
    spec.type === 'string' ? { offsets: new Int32Array(rows + 1), parts: [], used: 0 } : undefined;
  let dictionary: Dense | undefined;
  let row = 0;
  for (const page of pages) {
    try {
      if (page.kind === 'dictionary') {
        if (page.encoding !== Encoding.PLAIN && page.encoding !== Encoding.PLAIN_DICTIONARY)
          throw new RangeError(`dictionary page encoded ${nameOf(Encoding, page.encoding)}`);
        dictionary = decodePlain(spec, page.values, page.count);
        continue;
      }
      if (row + page.count > rows) throw new RangeError(`pages hold more than the row group's ${rows} rows`);
      const pageValid = valid?.subarray(row, row + page.count);
      const { data, nonNull } = levels(page, pageValid);
      // A page without nulls decodes its numbers in place.
      const into = values && nonNull === page.count ? values.subarray(row, row + page.count) : undefined;
      const dense = decodeValues(ctx, spec, page.encoding, data, nonNull, dictionary, into);
      if (strings && isByteArrays(dense)) placeStrings(strings, dense, pageValid, row, page.count);
      else if (dense !== into) placeNumbers(values!, dense as NumericValues, pageValid, row);
      row += page.count;
    } catch (e) {
      throw pageError(ctx, page.at, e);
    }
  }
  if (row !== rows)
    throw pageError(ctx, 0, new RangeError(`pages hold ${row} rows, the row group has ${rows}`));
  let nullCount = 0;
  if (valid) for (let i = 0; i < rows; i++) nullCount += 1 - valid[i]!;
  const bytes = strings ? concat(strings.parts, strings.used) : undefined;
  return { spec, length: rows, values, offsets: strings?.offsets, bytes, valid, nullCount };
}
