// Broken on purpose: files with a flipped value byte, a cut tail, a wrong footer length or a bad page
// header. Our reader must refuse each with a message naming what is wrong, and where a reader without
// checksums returns values, the comparison must name the file, reader, column, row and both values.
import { copyFile, mkdtemp, open, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithSource } from '../../../../testing/parquet-peers/compare.js';
import { readWithHyparquet, readWithOurReader } from '../../../../testing/parquet-peers/js-readers.js';
import {
  pythonReaders,
  pythonWriters,
  readWithPythonPeers,
  writeWithPythonPeers,
} from '../../../../testing/parquet-peers/python-peers.js';
import { conformanceTable, sliceTable, valueAt } from '../../../../testing/parquet-peers/source-table.js';
import { describeRequiring } from '../../../../testing/requirements.js';
import { ParquetReader } from './column-reader.js';
import { decodeThrift } from './encoding/thrift-compact.js';
import { ParquetWriter } from './writer.js';

const table = conformanceTable(200);
const ROW = 57; // in the second page of 50 rows
let dir: string;
let good: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pq-corrupt-'));
  good = join(dir, 'good.parquet');
  const writer = await ParquetWriter.open(good, table.schema, {
    compression: 'none',
    intEncoding: 'plain',
    pageRows: 50,
  });
  await writer.writeRowGroup(sliceTable(table, 0, table.rows));
  await writer.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Absolute offsets of each page's header and body in a column chunk of row group 0. */
async function pagesOf(path: string, column: string): Promise<Array<{ header: number; body: number }>> {
  const reader = await ParquetReader.open(path);
  const chunk = reader.layout.rowGroups[0]!.columns[reader.columnIndexes([column])[0]!]!;
  await reader.close();
  const bytes = (await readFile(path)).subarray(chunk.start, chunk.start + chunk.size);
  const pages = [];
  for (let pos = 0; pos < bytes.length; ) {
    const { value, end } = decodeThrift(bytes, pos);
    pages.push({ header: chunk.start + pos, body: chunk.start + end });
    pos = end + (value[3] as number);
  }
  return pages;
}

async function corrupt(name: string, edit: (bytes: Buffer) => void): Promise<string> {
  const path = join(dir, name);
  const bytes = await readFile(good);
  edit(bytes);
  await writeFile(path, bytes);
  return path;
}

/** `good` with one byte of `ROW`'s int32 value flipped: the value becomes value ^ 0x100. */
async function flippedValue(): Promise<{ path: string; expected: number; flipped: number }> {
  const pages = await pagesOf(good, 'int32');
  const at = pages[1]!.body + 4 * (ROW - 50) + 1;
  const path = await corrupt('flipped-value.parquet', (b) => (b[at]! ^= 0x01));
  const expected = valueAt(table.columns[0]!, ROW) as number;
  return { path, expected, flipped: expected ^ 0x100 };
}

async function ourError(path: string): Promise<string> {
  const result = await readWithOurReader(path);
  return 'error' in result ? result.error : 'read without an error';
}

describe('a corrupted file', () => {
  it('with a flipped value byte: our reader refuses the page (CRC-32) when asked, else it, and hyparquet, read the wrong value and the comparison names it', async () => {
    const { path, expected, flipped } = await flippedValue();
    const result = await readWithOurReader(path, { verifyChecksums: true });
    expect('error' in result ? result.error : 'no error').toMatch(
      /^ParquetFormatError: .*flipped-value\.parquet: column "int32", row group 0, page at chunk byte \d+: page checksum \(CRC-32\) does not match its bytes$/,
    );
    const message = (reader: string) =>
      `flipped-value.parquet: ${reader}: column "int32" row ${ROW}: expected ${expected}, got ${flipped}`;
    const unverified = await readWithOurReader(path, { verifyChecksums: false });
    expect(compareWithSource({ file: 'flipped-value.parquet', reader: 'ours' }, table, unverified)).toEqual([
      message('ours'),
    ]);
    const hyparquet = await readWithHyparquet(path);
    expect(
      compareWithSource({ file: 'flipped-value.parquet', reader: 'hyparquet' }, table, hyparquet),
    ).toEqual([message('hyparquet')]);
  });

  it.each([
    ['one byte short', (size: number) => size - 1, /no PAR1 magic at the end \(is the file cut\?\)/],
    ['cut in half', (size: number) => Math.floor(size / 2), /no PAR1 magic at the end \(is the file cut\?\)/],
    ['11 bytes', () => 11, /11 bytes is too small for a Parquet file/],
    ['empty', () => 0, /0 bytes is too small for a Parquet file/],
  ])('cut (%s): our reader says so', async (name, length, message) => {
    const path = join(dir, `cut-${name.replaceAll(' ', '-')}.parquet`);
    await copyFile(good, path);
    const size = (await readFile(path)).length;
    await truncate(path, length(size));
    expect(await ourError(path)).toMatch(message);
  });

  it.each([
    [
      'one more',
      (n: number) => n + 1,
      /footer is not valid Parquet metadata \(.*\); is the file cut or corrupt\?/,
    ],
    ['one less', (n: number) => n - 1, /footer is not valid Parquet metadata/],
    [
      'larger than the file',
      () => 0x7fffffff,
      /footer length 2147483647 does not fit in a file of \d+ bytes/,
    ],
  ])('with a wrong footer length (%s): our reader says so', async (name, length, message) => {
    const path = await corrupt(`footer-${name.replaceAll(' ', '-')}.parquet`, (b) => {
      b.writeUInt32LE(length(b.readUInt32LE(b.length - 8)), b.length - 8);
    });
    expect(await ourError(path)).toMatch(message);
  });

  it('with a bad page header: our reader names the column, row group and page', async () => {
    const [first] = await pagesOf(good, 'double');
    // Field 1 (page type) of the first header: 0 (DATA_PAGE) becomes zigzag 7, no such page type.
    const path = await corrupt('bad-header.parquet', (b) => (b[first!.header + 1] = 14));
    expect(await ourError(path)).toMatch(
      /column "double", row group 0, page at chunk byte 0: unknown page type 7$/,
    );
  });

  it('with a footer whose column chunk points past the pages: our reader refuses the footer', async () => {
    const reader = await ParquetReader.open(good);
    const start = reader.layout.rowGroups[0]!.columns[0]!.start;
    await reader.close();
    const path = join(dir, 'moved.parquet');
    await copyFile(good, path);
    const handle = await open(path, 'r+');
    try {
      // Drop the pages' first bytes: every offset in the footer now points 16 bytes too far.
      const bytes = await readFile(good);
      await handle.truncate(0);
      await handle.write(
        Buffer.concat([bytes.subarray(0, start), bytes.subarray(start + 16)]),
        0,
        undefined,
        0,
      );
    } finally {
      await handle.close();
    }
    expect(await ourError(path)).toMatch(/^ParquetFormatError: /);
  });
});

describeRequiring(pythonReaders, 'a flipped value byte seen by pyarrow, duckdb and polars', () => {
  it('pyarrow refuses the page checksum; duckdb and polars return the wrong value, which the comparison names', async () => {
    const { path, expected, flipped } = await flippedValue();
    const results = (await readWithPythonPeers([path])).get(path)!;
    const pyarrow = results.get('pyarrow')!;
    expect('error' in pyarrow ? pyarrow.error : 'no error').toMatch(/CRC checksum verification failed/);
    for (const reader of ['duckdb', 'polars'] as const) {
      expect(
        compareWithSource({ file: 'flipped-value.parquet', reader }, table, results.get(reader)!),
      ).toEqual([
        `flipped-value.parquet: ${reader}: column "int32" row ${ROW}: expected ${expected}, got ${flipped}`,
      ]);
    }
  });
});

describeRequiring(pythonWriters, 'a flipped byte in a compressed page without a checksum (pyarrow)', () => {
  const CODECS = ['GZIP', 'SNAPPY', 'ZSTD'];
  const pathOf = (codec: string) => join(dir, `pyarrow-${codec}.parquet`);
  let errors: Map<string, string | undefined>;
  beforeAll(async () => {
    const options = (compression: string) => ({
      compression,
      use_dictionary: false,
      data_page_size: 1 << 20,
    });
    const cases = CODECS.map((c) => ({ writer: 'pyarrow' as const, path: pathOf(c), options: options(c) }));
    errors = await writeWithPythonPeers(table, cases);
  }, 60_000);

  it.each(CODECS)('%s: our reader refuses the page, or the comparison names the column', async (codec) => {
    const path = pathOf(codec);
    expect(errors.get(path)).toBeUndefined();
    const [page] = await pagesOf(path, 'int64');
    const bytes = await readFile(path);
    bytes[page!.body + 40]! ^= 0x10;
    await writeFile(path, bytes);
    const result = await readWithOurReader(path);
    if ('error' in result)
      expect(result.error).toMatch(
        /^ParquetFormatError: .*column "int64", row group 0, page at chunk byte 0: /,
      );
    else {
      const where = { file: `pyarrow-${codec}.parquet`, reader: 'ours' };
      expect(compareWithSource(where, table, result).join('\n')).toMatch(/column "int64" row \d+: expected/);
    }
  });
});
