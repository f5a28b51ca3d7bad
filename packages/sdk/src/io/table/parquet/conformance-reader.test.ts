// Files written in this run by pyarrow, polars, duckdb and fastparquet, in every codec, encoding and page
// version they offer, read by our reader: every value equals the source, or the reader refuses the file
// with a ParquetFormatError naming the feature it does not support. Never a wrong number.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compareWithSource } from '../../../../testing/parquet-peers/compare.js';
import { readWithOurReader } from '../../../../testing/parquet-peers/js-readers.js';
import { pythonWriters, writeWithPythonPeers } from '../../../../testing/parquet-peers/python-peers.js';
import type { PeerWriteCase } from '../../../../testing/parquet-peers/python-peers.js';
import { columnOf, conformanceTable } from '../../../../testing/parquet-peers/source-table.js';
import type { SourceTable } from '../../../../testing/parquet-peers/source-table.js';
import { describeRequiring } from '../../../../testing/requirements.js';

interface ReaderCase extends Omit<PeerWriteCase, 'path'> {
  readonly name: string;
  /** `equal`: every value equals the source; a RegExp: a ParquetFormatError whose message matches. */
  readonly expect: 'equal' | RegExp;
  /** fastparquet stores a NaN as null (pandas semantics). */
  readonly nanAsNull?: boolean;
}

const table = conformanceTable(500);
const names = (type: string) => table.schema.filter((c) => c.type === type).map((c) => c.name);
const encodeAs = (byType: Record<string, string>) =>
  Object.fromEntries(Object.entries(byType).flatMap(([type, enc]) => names(type).map((n) => [n, enc])));

/** int32 columns holding the limits of the narrower integer types pyarrow annotates (INT_8, UINT_16, …). */
const smallInts: SourceTable = (() => {
  const limits = { int8: [-128, 127], int16: [-32768, 32767], uint8: [0, 255], uint16: [0, 65535] };
  const schema = Object.keys(limits).map((name) => ({ name, type: 'int32' as const, nullable: true }));
  const columns = Object.values(limits).map(([lo, hi], i) => columnOf(schema[i]!, [lo!, hi!, null, 1, 0]));
  return { name: 'small-ints', schema, rows: 5, columns };
})();

/** uint32 values; pyarrow's format 1.0 stores them as plain INT64 (format 2.x: INT32 annotated unsigned). */
const uint32s: SourceTable = (() => {
  const schema = [{ name: 'u', type: 'int64' as const, nullable: true }];
  return { name: 'uint32', schema, rows: 4, columns: [columnOf(schema[0]!, [0n, 2n ** 32n - 1n, null, 7n])] };
})();

const CODECS = {
  pyarrow: ['NONE', 'SNAPPY', 'GZIP', 'BROTLI', 'LZ4', 'ZSTD'],
  polars: ['uncompressed', 'snappy', 'gzip', 'lz4', 'zstd', 'brotli'],
  duckdb: ['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4'],
  fastparquet: ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'BROTLI', 'LZ4', 'LZ4_RAW', 'ZSTD'],
};
const small = { data_page_size: 512, row_group_size: 200 };

const REFUSED: ReadonlyArray<[string, RegExp, Record<string, unknown>?]> = [
  ['boolean', /column "b": physical type BOOLEAN/],
  ['list', /column "l" is nested \(a group annotated LIST\)/],
  ['struct', /column "s" is nested/],
  ['map', /column "m" is nested \(a group annotated MAP\)/],
  ['uint32', /INT32 annotated INTEGER\(32,unsigned\)/],
  ['uint64', /INT64 annotated INTEGER\(64,unsigned\)/],
  ['decimal', /column "d": INT32 annotated DECIMAL/, { store_decimal_as_integer: true }],
  ['timestamp', /INT64 annotated TIMESTAMP\(MICROS\)/],
  ['int96', /physical type INT96/, { use_deprecated_int96_timestamps: true }],
  ['date', /INT32 annotated DATE/],
  ['fixed_binary', /physical type FIXED_LEN_BYTE_ARRAY/],
  ['float16', /physical type FIXED_LEN_BYTE_ARRAY/],
];

const CASES: ReaderCase[] = [
  ...['1.0', '2.0'].flatMap((v): ReaderCase[] => [
    ...CODECS.pyarrow.map((compression) => ({
      name: `pyarrow-v${v}-${compression}-dictionary`,
      writer: 'pyarrow' as const,
      options: { compression, data_page_version: v, ...small },
      expect: 'equal' as const,
    })),
    ...(
      [
        ['plain', { use_dictionary: false }],
        [
          'delta',
          {
            use_dictionary: false,
            column_encoding: encodeAs({
              int32: 'DELTA_BINARY_PACKED',
              int64: 'DELTA_BINARY_PACKED',
              string: 'DELTA_BYTE_ARRAY',
              float: 'BYTE_STREAM_SPLIT',
              double: 'BYTE_STREAM_SPLIT',
            }),
          },
        ],
        [
          'delta-length-and-split-ints',
          {
            use_dictionary: false,
            column_encoding: encodeAs({
              int32: 'BYTE_STREAM_SPLIT',
              int64: 'BYTE_STREAM_SPLIT',
              string: 'DELTA_LENGTH_BYTE_ARRAY',
            }),
          },
        ],
        ['checksums', { write_page_checksum: true }],
        ['dictionary-fallback-to-plain', { dictionary_pagesize_limit: 256 }],
      ] as const
    ).map(([what, options]) => ({
      name: `pyarrow-v${v}-${what}`,
      writer: 'pyarrow' as const,
      options: { compression: 'SNAPPY', data_page_version: v, ...small, ...options },
      expect: 'equal' as const,
    })),
  ]),
  { name: 'pyarrow-format-1.0', writer: 'pyarrow', options: { version: '1.0', ...small }, expect: 'equal' },
  {
    name: 'pyarrow-small-ints',
    writer: 'pyarrow',
    table: smallInts,
    casts: { int8: 'int8', int16: 'int16', uint8: 'uint8', uint16: 'uint16' },
    expect: 'equal',
  },
  {
    name: 'pyarrow-uint32-format-1.0',
    writer: 'pyarrow',
    table: uint32s,
    casts: { u: 'uint32' },
    options: { version: '1.0' },
    expect: 'equal',
  },
  { name: 'pyarrow-empty', writer: 'pyarrow', table: conformanceTable(0), expect: 'equal' },
  ...REFUSED.map(([special, pattern, options]) => ({
    name: `pyarrow-refused-${special}`,
    writer: 'pyarrow' as const,
    special,
    options,
    expect: pattern,
  })),
  ...CODECS.polars.map((compression) => ({
    name: `polars-${compression}`,
    writer: 'polars' as const,
    options: { compression, ...small },
    expect: 'equal' as const,
  })),
  ...['v1', 'v2'].flatMap((version) =>
    CODECS.duckdb.map((compression) => ({
      name: `duckdb-${version}-${compression}`,
      writer: 'duckdb' as const,
      options: { compression, parquet_version: version, row_group_size: 200 },
      expect: 'equal' as const,
    })),
  ),
  ...CODECS.fastparquet.map((compression) => ({
    name: `fastparquet-${compression}`,
    writer: 'fastparquet' as const,
    options: { compression, row_group_offsets: 200 },
    expect: 'equal' as const,
    nanAsNull: true,
  })),
  {
    name: 'fastparquet-categorical-strings',
    writer: 'fastparquet',
    options: { compression: 'SNAPPY', categorical: names('string') },
    expect: 'equal',
    nanAsNull: true,
  },
];

describeRequiring(
  pythonWriters,
  'files by pyarrow, polars, duckdb and fastparquet read by our reader',
  () => {
    let dir: string;
    let writeErrors: Map<string, string | undefined>;
    const pathOf = (c: ReaderCase) => join(dir, `${c.name}.parquet`);
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pq-conformance-reader-'));
      writeErrors = await writeWithPythonPeers(
        table,
        CASES.map((c) => ({ ...c, path: pathOf(c) })),
      );
    }, 120_000);
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it.each(CASES)('$name', async (c) => {
      expect(writeErrors.get(pathOf(c)), `${c.writer} could not write ${c.name}`).toBeUndefined();
      const result = await readWithOurReader(pathOf(c));
      if (c.expect === 'equal') {
        const source = c.table ?? table;
        const where = { file: `${c.name}.parquet`, reader: 'ours' };
        expect(compareWithSource(where, source, result, { nanAsNull: c.nanAsNull })).toEqual([]);
      } else {
        expect('error' in result ? result.error : 'read without an error').toMatch(/^ParquetFormatError: /);
        expect('error' in result ? result.error : '').toMatch(c.expect);
      }
    });
  },
);
