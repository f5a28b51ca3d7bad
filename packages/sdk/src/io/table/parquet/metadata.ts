// The footer (Thrift FileMetaData) decoded into typed objects: schema elements, row groups, column
// chunks. Generic: any valid footer decodes, nested or not; `layout.ts` decides what the column reader
// can read. A footer that does not decode, or does not end where its length says, is an error.
import { decodeThrift } from './encoding/thrift-compact.js';
import type { Decoded, DecodedStruct } from './encoding/thrift-compact.js';
import { ParquetFormatError } from '../table-errors.js';

export interface LogicalType {
  /** As parquet.thrift names the union member: `STRING`, `INTEGER`, `TIMESTAMP`, … */
  readonly name: string;
  readonly bitWidth?: number;
  readonly signed?: boolean;
  /** TIME / TIMESTAMP: `MILLIS`, `MICROS` or `NANOS`. */
  readonly unit?: string;
}

export interface SchemaElement {
  readonly name: string;
  readonly physicalType?: number;
  readonly typeLength?: number;
  readonly repetition?: number;
  readonly numChildren?: number;
  readonly convertedType?: number;
  readonly logicalType?: LogicalType;
}

export interface ColumnChunkMetadata {
  readonly physicalType: number;
  readonly encodings: readonly number[];
  readonly path: readonly string[];
  readonly codec: number;
  readonly numValues: number;
  readonly uncompressedSize: number;
  readonly compressedSize: number;
  readonly dataPageOffset: number;
  readonly dictionaryPageOffset?: number;
  /** Set when the chunk lives in another file (not supported by the reader). */
  readonly filePath?: string;
}

export interface RowGroupMetadata {
  readonly numRows: number;
  readonly columns: readonly ColumnChunkMetadata[];
}

export interface FileMetadata {
  readonly version: number;
  readonly schema: readonly SchemaElement[];
  readonly numRows: number;
  readonly rowGroups: readonly RowGroupMetadata[];
  readonly createdBy?: string;
}

const LOGICAL_NAMES: Record<number, string> = {
  1: 'STRING',
  2: 'MAP',
  3: 'LIST',
  4: 'ENUM',
  5: 'DECIMAL',
  6: 'DATE',
  7: 'TIME',
  8: 'TIMESTAMP',
  10: 'INTEGER',
  11: 'NULL',
  12: 'JSON',
  13: 'BSON',
  14: 'UUID',
  15: 'FLOAT16',
  16: 'VARIANT',
  17: 'GEOMETRY',
  18: 'GEOGRAPHY',
};
const UNITS: Record<number, string> = { 1: 'MILLIS', 2: 'MICROS', 3: 'NANOS' };

class FieldError extends Error {}

const isStruct = (v: Decoded | undefined): v is DecodedStruct =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
const optNum = (s: DecodedStruct, id: number): number | undefined => {
  const v = s[id];
  if (v === undefined) return undefined;
  if (typeof v !== 'number') throw new FieldError(`field ${id} is not a number`);
  return v;
};
const num = (s: DecodedStruct, id: number, what: string): number => {
  const v = optNum(s, id);
  if (v === undefined) throw new FieldError(`${what} is missing`);
  return v;
};
const structs = (v: Decoded | undefined, what: string): DecodedStruct[] => {
  if (!Array.isArray(v) || !v.every(isStruct)) throw new FieldError(`${what} is missing`);
  return v;
};
const text = (v: Decoded | undefined): string | undefined =>
  v instanceof Uint8Array ? new TextDecoder().decode(v) : undefined;

function logicalType(v: Decoded | undefined): LogicalType | undefined {
  if (!isStruct(v)) return undefined;
  const id = Number(Object.keys(v)[0]);
  const body = v[id];
  const name = LOGICAL_NAMES[id] ?? `logical type ${id}`;
  if (!isStruct(body)) return { name };
  if (name === 'INTEGER') return { name, bitWidth: optNum(body, 1), signed: body[2] === true };
  if (name === 'TIME' || name === 'TIMESTAMP') {
    const unit = isStruct(body[2]) ? UNITS[Number(Object.keys(body[2])[0])] : undefined;
    return { name, unit };
  }
  return { name };
}

function schemaElement(s: DecodedStruct): SchemaElement {
  return {
    name: text(s[4]) ?? '',
    physicalType: optNum(s, 1),
    typeLength: optNum(s, 2),
    repetition: optNum(s, 3),
    numChildren: optNum(s, 5),
    convertedType: optNum(s, 6),
    logicalType: logicalType(s[10]),
  };
}

function columnChunk(c: DecodedStruct): ColumnChunkMetadata {
  const m = c[3];
  if (!isStruct(m)) throw new FieldError('a column chunk has no ColumnMetaData (encrypted or external)');
  const path = Array.isArray(m[3]) ? m[3].map((p) => text(p) ?? '') : [];
  return {
    physicalType: num(m, 1, 'column type'),
    encodings: Array.isArray(m[2]) ? m[2].filter((e): e is number => typeof e === 'number') : [],
    path,
    codec: num(m, 4, 'column codec'),
    numValues: num(m, 5, 'column num_values'),
    uncompressedSize: num(m, 6, 'column total_uncompressed_size'),
    compressedSize: num(m, 7, 'column total_compressed_size'),
    dataPageOffset: num(m, 9, 'column data_page_offset'),
    dictionaryPageOffset: optNum(m, 11),
    filePath: text(c[1]),
  };
}

/** Decodes the FileMetaData bytes (the footer without its length and magic). */
export function decodeFileMetadata(file: string, footer: Uint8Array): FileMetadata {
  try {
    const { value: meta, end } = decodeThrift(footer);
    if (end !== footer.length)
      throw new FieldError(
        `the metadata ends after ${end} of the ${footer.length} bytes the footer length says`,
      );
    return {
      version: num(meta, 1, 'version'),
      schema: structs(meta[2], 'schema').map(schemaElement),
      numRows: num(meta, 3, 'num_rows'),
      rowGroups: structs(meta[4], 'row_groups').map((g) => ({
        numRows: num(g, 3, 'row group num_rows'),
        columns: structs(g[1], 'row group columns').map(columnChunk),
      })),
      createdBy: text(meta[6]),
    };
  } catch (e) {
    if (!(e instanceof FieldError || e instanceof RangeError)) throw e;
    throw new ParquetFormatError(
      file,
      `footer is not valid Parquet metadata (${e.message}); is the file cut or corrupt?`,
    );
  }
}
