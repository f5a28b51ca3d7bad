// Parquet → Apache Arrow for QA, on our reader: each row group's typed arrays become Arrow vectors
// without copies (values, string offsets and bytes are handed over as they are; only the validity
// bytes are packed into Arrow's bitmap). Batches are row groups, cut to at most `batchSize` rows.
import {
  Binary,
  Field,
  Float32,
  Float64,
  Int32,
  Int64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  makeData,
} from 'apache-arrow';
import type { Data, DataType } from 'apache-arrow';
import type { ColumnChunk } from '../column-chunk.js';
import type { ColumnSpec } from '../table-schema.js';
import { ParquetReader } from './column-reader.js';
import type { ReadColumnsOptions } from './column-reader.js';

export interface ReadParquetOptions extends ReadColumnsOptions {
  /** Rows per Arrow batch at most (a batch never spans row groups). Default 1,048,576. */
  readonly batchSize?: number;
}

export const DEFAULT_READ_BATCH_SIZE = 1 << 20;

function arrowType(spec: ColumnSpec, utf8: boolean): DataType {
  switch (spec.type) {
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'float':
      return new Float32();
    case 'double':
      return new Float64();
    case 'string':
      return utf8 ? new Utf8() : new Binary();
  }
}

/** Arrow's validity bitmap (LSB first) from one byte per row. */
function bitmap(valid: Uint8Array): Uint8Array {
  const bits = new Uint8Array(Math.ceil(valid.length / 8));
  for (let i = 0; i < valid.length; i++) if (valid[i]) bits[i >> 3]! |= 1 << (i & 7);
  return bits;
}

function columnData(chunk: ColumnChunk, type: DataType): Data {
  const nullBitmap = chunk.valid && chunk.nullCount > 0 ? bitmap(chunk.valid) : undefined;
  const common = { length: chunk.length, nullCount: chunk.nullCount, nullBitmap };
  if (chunk.offsets)
    return makeData({ type: type as Utf8, ...common, valueOffsets: chunk.offsets, data: chunk.bytes });
  return makeData({ type: type as Int32, ...common, data: chunk.values as Int32Array });
}

/** Streams record batches of a local Parquet file, one row group in memory at a time. */
export async function* readParquetBatches(
  path: string,
  options: ReadParquetOptions = {},
): AsyncGenerator<RecordBatch> {
  const reader = await ParquetReader.open(path);
  try {
    const schema = arrowSchemaOf(reader, options.columns);
    const batchSize = options.batchSize ?? DEFAULT_READ_BATCH_SIZE;
    for (let g = 0; g < reader.layout.rowGroups.length; g++) {
      const chunks = await reader.readRowGroup(g, options);
      const length = chunks[0]?.length ?? reader.layout.rowGroups[g]!.numRows;
      const children = chunks.map((c, i) => columnData(c, schema.fields[i]!.type as DataType));
      const batch = new RecordBatch(
        schema,
        makeData({ type: new Struct(schema.fields), length, nullCount: 0, children }),
      );
      for (let from = 0; from < length; from += batchSize)
        yield batch.slice(from, Math.min(length, from + batchSize));
    }
  } finally {
    await reader.close();
  }
}

function arrowSchemaOf(reader: ParquetReader, columns?: readonly string[]): Schema {
  const { schema, utf8 } = reader.layout;
  return new Schema(
    reader
      .columnIndexes(columns)
      .map((i) => new Field(schema[i]!.name, arrowType(schema[i]!, utf8[i]!), schema[i]!.nullable ?? false)),
  );
}

/** Reads a whole local Parquet file into one Arrow table (its batches are the file's row groups). */
export async function readParquetTable(path: string, options: ReadParquetOptions = {}): Promise<Table> {
  const batches: RecordBatch[] = [];
  for await (const batch of readParquetBatches(path, options)) batches.push(batch);
  if (batches.length > 0) return new Table(batches);
  const reader = await ParquetReader.open(path);
  try {
    return new Table(arrowSchemaOf(reader, options.columns));
  } finally {
    await reader.close();
  }
}
