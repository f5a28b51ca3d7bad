// Our writer, every configuration it offers, read back by pyarrow, duckdb, polars, hyparquet and our own
// reader: every value must equal the source (docs/tabular.md, "Conformance").
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithSource } from '../../../../testing/parquet-peers/compare.js';
import { readWithHyparquet, readWithOurReader } from '../../../../testing/parquet-peers/js-readers.js';
import {
  PYTHON_READERS,
  pythonReaders,
  readWithPythonPeers,
} from '../../../../testing/parquet-peers/python-peers.js';
import type { PythonReader } from '../../../../testing/parquet-peers/python-peers.js';
import type { ReadResult } from '../../../../testing/parquet-peers/compare.js';
import {
  conformanceTable,
  lowCardinalityTable,
  ratingsLikeTable,
  sliceTable,
} from '../../../../testing/parquet-peers/source-table.js';
import type { SourceTable } from '../../../../testing/parquet-peers/source-table.js';
import { describeRequiring } from '../../../../testing/requirements.js';
import { DEFAULT_PAGE_ROWS, ParquetWriter } from './writer.js';
import type { ParquetWriterOptions } from './writer.js';

interface WriterCase {
  readonly name: string;
  readonly table: SourceTable;
  readonly options: ParquetWriterOptions;
  /** Rows per row group; 0 writes no row group at all. */
  readonly groupRows: number;
}

const table = conformanceTable(500);
/** For one-row pages and row groups: every special value and null run, fewer pages to write and read. */
const small = conformanceTable(90);
const empty = conformanceTable(0);
const big = ratingsLikeTable(DEFAULT_PAGE_ROWS + 3);

const CASES: WriterCase[] = [
  ...(['none', 'snappy', 'gzip', 'zstd'] as const).flatMap((compression) =>
    (['plain', 'delta'] as const).map((intEncoding) => ({
      name: `${compression}-${intEncoding}-page64-group200`,
      table,
      options: { compression, intEncoding, pageRows: 64 },
      groupRows: 200,
    })),
  ),
  ...(['none', 'gzip'] as const).flatMap((compression) =>
    (
      [
        [1, 90],
        [1, 1],
        [7, 500],
        [50, 100],
        [100, 100],
        [500, 500],
        [DEFAULT_PAGE_ROWS, 500],
      ] as const
    ).map(([pageRows, groupRows]) => ({
      name: `${compression}-delta-page${pageRows}-group${groupRows}`,
      table: pageRows === 1 ? small : table,
      options: { compression, pageRows },
      groupRows,
    })),
  ),
  {
    name: 'gzip-level9',
    table,
    options: { compression: 'gzip', compressionLevel: 9, pageRows: 64 },
    groupRows: 500,
  },
  {
    name: 'zstd-level9',
    table,
    options: { compression: 'zstd', compressionLevel: 9, pageRows: 64 },
    groupRows: 500,
  },
  { name: 'empty-none-no-row-group', table: empty, options: { compression: 'none' }, groupRows: 0 },
  { name: 'empty-gzip-no-row-group', table: empty, options: { compression: 'gzip' }, groupRows: 0 },
  { name: 'empty-gzip-one-empty-row-group', table: empty, options: { compression: 'gzip' }, groupRows: 1 },
  { name: 'ratings-defaults-one-group', table: big, options: {}, groupRows: big.rows },
  { name: 'ratings-defaults-group-at-page', table: big, options: {}, groupRows: DEFAULT_PAGE_ROWS },
  // Dictionary pages: 1 value (bit width 1), 17, exactly 256 (width 8) and 257 (too many: PLAIN), with
  // nulls, special values and pages that cut bit-packed runs.
  ...(['none', 'gzip'] as const).flatMap((compression) =>
    [1, 17, 256, 257].map((distinct) => ({
      name: `${compression}-dictionary-${distinct}-page100-group700`,
      table: lowCardinalityTable(1500, distinct),
      options: { compression, pageRows: 100, dictionary: true },
      groupRows: 700,
    })),
  ),
  {
    name: 'gzip-dictionary-off',
    table: lowCardinalityTable(600, 17),
    options: { compression: 'gzip', dictionary: false },
    groupRows: 600,
  },
  {
    name: 'ratings-none-plain',
    table: big,
    options: { compression: 'none', intEncoding: 'plain' },
    groupRows: 70_000,
  },
];

async function writeCase(dir: string, c: WriterCase): Promise<string> {
  const path = join(dir, `${c.name}.parquet`);
  const writer = await ParquetWriter.open(path, c.table.schema, c.options);
  // An empty table with groupRows > 0 gets one row group of 0 rows.
  for (let from = 0; c.groupRows > 0 && (from < c.table.rows || from === 0); from += c.groupRows)
    await writer.writeRowGroup(sliceTable(c.table, from, Math.min(c.table.rows, from + c.groupRows)));
  await writer.close();
  return path;
}

let dir: string;
const files = new Map<string, string>();
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pq-conformance-writer-'));
  for (const c of CASES) files.set(c.name, await writeCase(dir, c));
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const check = (c: WriterCase, reader: string, result: ReadResult): void => {
  expect(compareWithSource({ file: `${c.name}.parquet`, reader }, c.table, result)).toEqual([]);
};

describe('our writer read back by hyparquet and our reader', () => {
  it.each(CASES)('$name', async (c) => {
    check(c, 'hyparquet', await readWithHyparquet(files.get(c.name)!));
    check(c, 'ours', await readWithOurReader(files.get(c.name)!));
  });
});

describeRequiring(pythonReaders, 'our writer read back by pyarrow, duckdb and polars', () => {
  let peers: Map<string, Map<PythonReader, ReadResult>>;
  beforeAll(async () => {
    peers = await readWithPythonPeers([...files.values()]);
  }, 120_000);

  it.each(CASES)('$name', (c) => {
    const results = peers.get(files.get(c.name)!)!;
    for (const reader of PYTHON_READERS) check(c, reader, results.get(reader)!);
  });
});
