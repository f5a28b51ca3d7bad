// Parquet's numeric codes (parquet.thrift) and the footer structs our writer emits.
import { bin, i16, i32, i64, list, struct } from './encoding/thrift-compact.js';
import type { ThriftStruct, ThriftValue } from './encoding/thrift-compact.js';
import type { ColumnSpec, ColumnType } from '../table-schema.js';

export const PhysicalType = {
  BOOLEAN: 0,
  INT32: 1,
  INT64: 2,
  INT96: 3,
  FLOAT: 4,
  DOUBLE: 5,
  BYTE_ARRAY: 6,
  FIXED_LEN_BYTE_ARRAY: 7,
} as const;
export const Codec = {
  UNCOMPRESSED: 0,
  SNAPPY: 1,
  GZIP: 2,
  LZO: 3,
  BROTLI: 4,
  LZ4: 5,
  ZSTD: 6,
  LZ4_RAW: 7,
} as const;
export const Encoding = {
  PLAIN: 0,
  PLAIN_DICTIONARY: 2,
  RLE: 3,
  BIT_PACKED: 4,
  DELTA_BINARY_PACKED: 5,
  DELTA_LENGTH_BYTE_ARRAY: 6,
  DELTA_BYTE_ARRAY: 7,
  RLE_DICTIONARY: 8,
  BYTE_STREAM_SPLIT: 9,
} as const;
export const PageType = { DATA_PAGE: 0, INDEX_PAGE: 1, DICTIONARY_PAGE: 2, DATA_PAGE_V2: 3 } as const;
export const Repetition = { REQUIRED: 0, OPTIONAL: 1, REPEATED: 2 } as const;
const CONVERTED_UTF8 = 0;

/** parquet.thrift's ConvertedType names, by code. */
export const CONVERTED_TYPE_NAMES: readonly string[] = [
  'UTF8',
  'MAP',
  'MAP_KEY_VALUE',
  'LIST',
  'ENUM',
  'DECIMAL',
  'DATE',
  'TIME_MILLIS',
  'TIME_MICROS',
  'TIMESTAMP_MILLIS',
  'TIMESTAMP_MICROS',
  'UINT_8',
  'UINT_16',
  'UINT_32',
  'UINT_64',
  'INT_8',
  'INT_16',
  'INT_32',
  'INT_64',
  'JSON',
  'BSON',
  'INTERVAL',
];

/** A code's name in one of the `as const` code tables above, e.g. `nameOf(Encoding, 8)`. */
export const nameOf = (table: Readonly<Record<string, number>>, code: number | undefined): string =>
  Object.entries(table).find(([, c]) => c === code)?.[0] ?? `UNKNOWN(${code})`;

export const physicalTypeOf: Record<ColumnType, number> = {
  int32: PhysicalType.INT32,
  int64: PhysicalType.INT64,
  float: PhysicalType.FLOAT,
  double: PhysicalType.DOUBLE,
  string: PhysicalType.BYTE_ARRAY,
};

export const MAGIC = new TextEncoder().encode('PAR1');

/** What the writer knows about one written column chunk. */
export interface ColumnChunkMeta {
  readonly spec: ColumnSpec;
  readonly numValues: number;
  readonly nullCount: number;
  readonly dataPageOffset: number;
  /** Where the chunk's dictionary page starts, when it has one (it comes before the data pages). */
  readonly dictionaryPageOffset?: number;
  /** The chunk's codec: the file's, or UNCOMPRESSED where compressing did not pay (see the writer). */
  readonly codec: number;
  readonly uncompressedSize: number;
  readonly compressedSize: number;
  /** Encodings used by the chunk's pages (levels' RLE added for nullable columns). */
  readonly encodings: readonly number[];
}

export interface RowGroupMeta {
  readonly numRows: number;
  readonly fileOffset: number;
  readonly columns: readonly ColumnChunkMeta[];
}

/** The sizes and CRC-32 (of the page's stored, compressed bytes) every page header starts with. */
export interface PageSizes {
  readonly uncompressed: number;
  readonly compressed: number;
  readonly crc: number;
}

function pageHeader(type: number, sizes: PageSizes, field: number, body: ThriftStruct): ThriftStruct {
  return [
    [1, i32(type)],
    [2, i32(sizes.uncompressed)],
    [3, i32(sizes.compressed)],
    [4, i32(sizes.crc | 0)],
    [field, struct(body)],
  ];
}

/** A v1 data page header: `numValues` values (nulls included) in `encoding`, RLE levels. */
export function dataPageHeader(numValues: number, encoding: number, sizes: PageSizes): ThriftStruct {
  return pageHeader(PageType.DATA_PAGE, sizes, 5, [
    [1, i32(numValues)],
    [2, i32(encoding)],
    [3, i32(Encoding.RLE)],
    [4, i32(Encoding.RLE)],
  ]);
}

/** A dictionary page header: `count` PLAIN values. */
export function dictionaryPageHeader(count: number, sizes: PageSizes): ThriftStruct {
  return pageHeader(PageType.DICTIONARY_PAGE, sizes, 7, [
    [1, i32(count)],
    [2, i32(Encoding.PLAIN)],
  ]);
}

function schemaElement(spec: ColumnSpec): ThriftValue {
  const isString = spec.type === 'string';
  return struct([
    [1, i32(physicalTypeOf[spec.type])],
    [3, i32(spec.nullable ? Repetition.OPTIONAL : Repetition.REQUIRED)],
    [4, bin(spec.name)],
    [6, isString ? i32(CONVERTED_UTF8) : undefined],
    [10, isString ? struct([[1, struct([])]]) : undefined],
  ]);
}

function columnChunk(c: ColumnChunkMeta): ThriftValue {
  const encodings = c.spec.nullable ? [...c.encodings, Encoding.RLE] : c.encodings;
  const start = c.dictionaryPageOffset ?? c.dataPageOffset;
  return struct([
    [2, i64(start)],
    [
      3,
      struct([
        [1, i32(physicalTypeOf[c.spec.type])],
        [2, list('i32', encodings.map(i32))],
        [3, list('binary', [bin(c.spec.name)])],
        [4, i32(c.codec)],
        [5, i64(c.numValues)],
        [6, i64(c.uncompressedSize)],
        [7, i64(c.compressedSize)],
        [9, i64(c.dataPageOffset)],
        [11, c.dictionaryPageOffset === undefined ? undefined : i64(c.dictionaryPageOffset)],
        [12, struct([[3, i64(c.nullCount)]])],
      ]),
    ],
  ]);
}

export function fileMetadata(
  schema: readonly ColumnSpec[],
  rowGroups: readonly RowGroupMeta[],
  createdBy: string,
): ThriftStruct {
  const numRows = rowGroups.reduce((n, g) => n + g.numRows, 0);
  const root = struct([
    [4, bin('schema')],
    [5, i32(schema.length)],
  ]);
  return [
    [1, i32(1)],
    [2, list('struct', [root, ...schema.map(schemaElement)])],
    [3, i64(numRows)],
    [
      4,
      list(
        'struct',
        rowGroups.map((g, ordinal) => {
          const total = g.columns.reduce((n, c) => n + c.uncompressedSize, 0);
          const compressed = g.columns.reduce((n, c) => n + c.compressedSize, 0);
          return struct([
            [1, list('struct', g.columns.map(columnChunk))],
            [2, i64(total)],
            [3, i64(g.numRows)],
            [5, i64(g.fileOffset)],
            [6, i64(compressed)],
            [7, i16(ordinal)],
          ]);
        }),
      ),
    ],
    [6, bin(createdBy)],
  ];
}
