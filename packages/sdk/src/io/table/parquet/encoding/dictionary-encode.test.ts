import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lowCardinalityTable,
  ratingsLikeTable,
  sliceTable,
} from '../../../../../testing/parquet-peers/source-table.js';
import type { SourceTable } from '../../../../../testing/parquet-peers/source-table.js';
import { readLayout } from '../column-reader.js';
import { Encoding } from '../format.js';
import { ParquetWriter } from '../writer.js';
import type { ParquetWriterOptions } from '../writer.js';
import { chunkDictionary, encodeIndices, MAX_DICTIONARY } from './dictionary-encode.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pq-dictionary-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a table as one row group; per column, the encodings its chunk's metadata lists. */
async function encodingsOf(
  table: SourceTable,
  options: ParquetWriterOptions,
): Promise<Record<string, number[]>> {
  const path = join(dir, `${table.name}-${Math.random().toString(36).slice(2)}.parquet`);
  const writer = await ParquetWriter.open(path, table.schema, options);
  await writer.writeRowGroup(sliceTable(table, 0, table.rows));
  await writer.close();
  const handle = await open(path, 'r');
  const layout = await readLayout(handle, path).finally(() => handle.close());
  return Object.fromEntries(
    table.schema.map((c, i) => [c.name, [...layout.rowGroups[0]!.columns[i]!.encodings]]),
  );
}

describe('dictionary encoding in the writer', () => {
  it('encodes the ratings column by dictionary and leaves ids and timestamps as they were', async () => {
    const encodings = await encodingsOf(ratingsLikeTable(5000), { compression: 'gzip' });
    expect(encodings.rating).toEqual([Encoding.PLAIN, Encoding.RLE_DICTIONARY]);
    expect(encodings.userId).toEqual([Encoding.DELTA_BINARY_PACKED]);
    expect(encodings.timestamp).toEqual([Encoding.PLAIN]);
  });

  it('uses a dictionary up to 256 distinct values, then PLAIN; by default only when compressing', async () => {
    const at = await encodingsOf(lowCardinalityTable(2000, MAX_DICTIONARY), { compression: 'gzip' });
    const over = await encodingsOf(lowCardinalityTable(2000, MAX_DICTIONARY + 1), { compression: 'gzip' });
    const off = await encodingsOf(lowCardinalityTable(2000, 3), { compression: 'gzip', dictionary: false });
    const uncompressed = await encodingsOf(lowCardinalityTable(2000, 3), { compression: 'none' });
    const asked = await encodingsOf(lowCardinalityTable(2000, 3), { compression: 'none', dictionary: true });
    for (const name of ['float', 'double', 'int64', 'float_nullable']) {
      expect(at[name]).toContain(Encoding.RLE_DICTIONARY);
      expect(over[name]).not.toContain(Encoding.RLE_DICTIONARY);
      expect(off[name]).not.toContain(Encoding.RLE_DICTIONARY);
      expect(uncompressed[name]).not.toContain(Encoding.RLE_DICTIONARY);
      expect(asked[name]).toContain(Encoding.RLE_DICTIONARY);
    }
  });
});

describe('chunkDictionary and encodeIndices', () => {
  it('keys values by their bits: NaN payloads, -0 and 0 are distinct entries', () => {
    const values = new Float32Array([0, -0, NaN, 0, 1.5, -0]);
    const bits = new Uint32Array(values.buffer);
    bits[2] = 0x7fc00001;
    const dict = chunkDictionary(values, undefined)!;
    expect(dict.size).toBe(4);
    expect([...dict.indices]).toEqual([0, 1, 2, 0, 3, 1]);
    expect([...new Uint32Array(dict.plain.buffer, dict.plain.byteOffset, 4)]).toEqual([
      0, 0x80000000, 0x7fc00001, 0x3fc00000,
    ]);
    expect(dict.bitWidth).toBe(2);
  });

  it('bit-packs the non-null indices of a page LSB first in runs of at most 504', () => {
    const values = new Float64Array(1000).map((_, i) => i % 3);
    const dict = chunkDictionary(values, undefined)!;
    const page = encodeIndices(dict, 0, 1000, undefined);
    // width byte, then a run of 63 groups (header 127) and a run of the remaining 62 groups (header 125).
    expect(page[0]).toBe(2);
    expect(page[1]).toBe((63 << 1) | 1);
    // values 0, 1, 2, 0 at 2 bits each, LSB first: 0b00_10_01_00.
    expect(page[2]).toBe(0b00100100);
    expect(page[2 + 63 * 2]).toBe((62 << 1) | 1);
    expect(page.length).toBe(1 + 2 + 125 * 2);
    const valid = new Uint8Array([1, 0, 1, 1]);
    const nullable = chunkDictionary(new Float32Array([5, 0, 6, 5]), valid)!;
    expect(nullable.size).toBe(2);
    // three non-null indices 0, 1, 0 in one group of 8, width 1: 0b010.
    expect([...encodeIndices(nullable, 0, 4, valid)]).toEqual([1, 3, 0b010]);
  });
});
