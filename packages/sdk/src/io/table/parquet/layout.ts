// Footer decoding into the flat layout our column reader needs: schema, row groups and where each
// column chunk's pages live.
import { decodeThrift } from './encoding/thrift-compact.js';
import type { Decoded, DecodedStruct } from './encoding/thrift-compact.js';
import { PhysicalType } from './format.js';
import type { ColumnSpec, ColumnType, TableSchema } from '../table-schema.js';
import { ParquetFormatError } from '../table-errors.js';

export interface ColumnChunkLayout {
  readonly codec: number;
  readonly encodings: readonly number[];
  readonly numValues: number;
  /** First byte of the chunk (dictionary page if any, else the first data page). */
  readonly start: number;
  readonly size: number;
}

export interface RowGroupLayout {
  readonly numRows: number;
  readonly columns: readonly ColumnChunkLayout[];
}

export interface ParquetLayout {
  readonly schema: TableSchema;
  readonly numRows: number;
  readonly rowGroups: readonly RowGroupLayout[];
}

const num = (s: DecodedStruct, id: number): number | undefined => {
  const v = s[id];
  return typeof v === 'number' ? v : undefined;
};
const structs = (v: Decoded | undefined): DecodedStruct[] => (Array.isArray(v) ? (v as DecodedStruct[]) : []);
const text = (v: Decoded | undefined): string => (v instanceof Uint8Array ? new TextDecoder().decode(v) : '');

const TYPE_OF: Record<number, ColumnType> = {
  [PhysicalType.INT32]: 'int32',
  [PhysicalType.INT64]: 'int64',
  [PhysicalType.FLOAT]: 'float',
  [PhysicalType.DOUBLE]: 'double',
  [PhysicalType.BYTE_ARRAY]: 'string',
};

/** Decodes a footer (the Thrift FileMetaData bytes, without the length and magic). */
export function decodeLayout(file: string, footer: Uint8Array): ParquetLayout {
  const { value: meta } = decodeThrift(footer);
  const elements = structs(meta[2]);
  const [root, ...leaves] = elements;
  if (!root || num(root, 5) !== leaves.length)
    throw new ParquetFormatError(file, 'nested schemas are not supported by the column reader');
  const schema = leaves.map((el): ColumnSpec => {
    const name = text(el[4]);
    const physical = num(el, 1) ?? -1;
    const type = TYPE_OF[physical];
    if (!type || num(el, 5) !== undefined)
      throw new ParquetFormatError(file, `column ${name}: physical type ${physical} is not supported`);
    if (num(el, 3) === 2)
      throw new ParquetFormatError(file, `column ${name}: repeated columns are not supported`);
    return { name, type, nullable: num(el, 3) === 1 };
  });
  const rowGroups = structs(meta[4]).map((g) => ({
    numRows: num(g, 3) ?? 0,
    columns: structs(g[1]).map((c) => {
      const cm = c[3] as DecodedStruct | undefined;
      if (!cm)
        throw new ParquetFormatError(
          file,
          'column chunk without metadata (external file_path) is not supported',
        );
      const dataOffset = num(cm, 9) ?? 0;
      const dictOffset = num(cm, 11);
      const start =
        dictOffset !== undefined && dictOffset > 0 && dictOffset < dataOffset ? dictOffset : dataOffset;
      return {
        codec: num(cm, 4) ?? 0,
        encodings: (cm[2] as number[] | undefined) ?? [],
        numValues: num(cm, 5) ?? 0,
        start,
        size: num(cm, 7) ?? 0,
      };
    }),
  }));
  return { schema, numRows: num(meta, 3) ?? 0, rowGroups };
}
