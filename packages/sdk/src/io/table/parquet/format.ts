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
} as const;
export const Codec = { UNCOMPRESSED: 0, SNAPPY: 1, GZIP: 2, LZO: 3, BROTLI: 4, LZ4: 5, ZSTD: 6 } as const;
export const Encoding = { PLAIN: 0, RLE: 3, BIT_PACKED: 4, DELTA_BINARY_PACKED: 5 } as const;
export const PageType = { DATA_PAGE: 0 } as const;
export const Repetition = { REQUIRED: 0, OPTIONAL: 1 } as const;
const CONVERTED_UTF8 = 0;

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

export function dataPageHeader(
  numValues: number,
  encoding: number,
  uncompressed: number,
  compressed: number,
): ThriftStruct {
  return [
    [1, i32(PageType.DATA_PAGE)],
    [2, i32(uncompressed)],
    [3, i32(compressed)],
    [
      5,
      struct([
        [1, i32(numValues)],
        [2, i32(encoding)],
        [3, i32(Encoding.RLE)],
        [4, i32(Encoding.RLE)],
      ]),
    ],
  ];
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

function columnChunk(c: ColumnChunkMeta, codec: number): ThriftValue {
  const encodings = c.spec.nullable ? [...c.encodings, Encoding.RLE] : c.encodings;
  return struct([
    [2, i64(c.dataPageOffset)],
    [
      3,
      struct([
        [1, i32(physicalTypeOf[c.spec.type])],
        [2, list('i32', encodings.map(i32))],
        [3, list('binary', [bin(c.spec.name)])],
        [4, i32(codec)],
        [5, i64(c.numValues)],
        [6, i64(c.uncompressedSize)],
        [7, i64(c.compressedSize)],
        [9, i64(c.dataPageOffset)],
        [12, struct([[3, i64(c.nullCount)]])],
      ]),
    ],
  ]);
}

export function fileMetadata(
  schema: readonly ColumnSpec[],
  rowGroups: readonly RowGroupMeta[],
  codec: number,
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
            [
              1,
              list(
                'struct',
                g.columns.map((c) => columnChunk(c, codec)),
              ),
            ],
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
