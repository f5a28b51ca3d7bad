// What the column reader reads: flat files whose columns are plain numbers or text. The footer's
// metadata becomes a schema of ColumnSpecs and the byte range of every column chunk; anything the
// reader would misread (nesting, unsigned 64-bit, decimals, dates, booleans, …) is refused here, by name.
import { CONVERTED_TYPE_NAMES, PhysicalType, Repetition, nameOf } from './format.js';
import type { ColumnChunkMetadata, SchemaElement } from './metadata.js';
import type { Footer } from './tail.js';
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
  /** Per column: true when its bytes are text (UTF8/STRING/ENUM/JSON), false for raw binary; numbers: false. */
  readonly utf8: readonly boolean[];
  readonly numRows: number;
  readonly rowGroups: readonly RowGroupLayout[];
  readonly createdBy?: string;
}

/** The annotation of an element as one name: the logical type, else the converted type. */
export function annotationOf(el: SchemaElement): string | undefined {
  const logical = el.logicalType;
  if (logical?.name === 'INTEGER')
    return `INTEGER(${logical.bitWidth},${logical.signed ? 'signed' : 'unsigned'})`;
  if (logical?.unit) return `${logical.name}(${logical.unit})`;
  if (logical) return logical.name;
  return el.convertedType === undefined
    ? undefined
    : (CONVERTED_TYPE_NAMES[el.convertedType] ?? `CONVERTED(${el.convertedType})`);
}

/** Integer annotations whose values an INT32 (or INT64) column holds exactly. */
const INT32_OK = new Set([
  'INT_8',
  'INT_16',
  'INT_32',
  'UINT_8',
  'UINT_16',
  'INTEGER(8,signed)',
  'INTEGER(16,signed)',
  'INTEGER(32,signed)',
  'INTEGER(8,unsigned)',
  'INTEGER(16,unsigned)',
]);
const INT64_OK = new Set([...INT32_OK, 'INT_64', 'UINT_32', 'INTEGER(64,signed)', 'INTEGER(32,unsigned)']);
const TEXT = new Set(['UTF8', 'STRING', 'ENUM', 'JSON']);

function columnType(file: string, el: SchemaElement): { type: ColumnType; utf8: boolean } {
  const note = annotationOf(el);
  const physical = nameOf(PhysicalType, el.physicalType);
  const refuse = (why: string): never => {
    throw new ParquetFormatError(file, `column "${el.name}": ${why} is not supported by the column reader`);
  };
  const numeric = (type: ColumnType, ok: ReadonlySet<string>) =>
    note === undefined || ok.has(note) ? { type, utf8: false } : refuse(`${physical} annotated ${note}`);
  switch (el.physicalType) {
    case PhysicalType.INT32:
      return numeric('int32', INT32_OK);
    case PhysicalType.INT64:
      return numeric('int64', INT64_OK);
    case PhysicalType.FLOAT:
      return numeric('float', new Set());
    case PhysicalType.DOUBLE:
      return numeric('double', new Set());
    case PhysicalType.BYTE_ARRAY:
      if (note === undefined || note === 'BSON') return { type: 'string', utf8: false };
      return TEXT.has(note) ? { type: 'string', utf8: true } : refuse(`BYTE_ARRAY annotated ${note}`);
    default:
      return refuse(`physical type ${physical} (it reads INT32, INT64, FLOAT, DOUBLE and BYTE_ARRAY)`);
  }
}

function flatLeaves(file: string, schema: readonly SchemaElement[]): SchemaElement[] {
  const [root, ...leaves] = schema;
  if (!root) throw new ParquetFormatError(file, 'footer has an empty schema');
  const group = leaves.find((el) => el.numChildren !== undefined && el.numChildren > 0);
  if (group) {
    const note = annotationOf(group);
    throw new ParquetFormatError(
      file,
      `column "${group.name}" is nested (a group${note ? ` annotated ${note}` : ''}); the column reader reads flat columns only`,
    );
  }
  if (root.numChildren !== leaves.length)
    throw new ParquetFormatError(
      file,
      `schema root has ${root.numChildren} children, the footer lists ${leaves.length} columns`,
    );
  const repeated = leaves.find((el) => el.repetition === Repetition.REPEATED);
  if (repeated)
    throw new ParquetFormatError(
      file,
      `column "${repeated.name}" is repeated (a list); the column reader reads flat columns only`,
    );
  return leaves;
}

function chunkLayout(file: string, where: string, c: ColumnChunkMetadata, end: number): ColumnChunkLayout {
  if (c.filePath)
    throw new ParquetFormatError(file, `${where} lives in another file (${c.filePath}); not supported`);
  const dict = c.dictionaryPageOffset;
  // A chunk starts at its dictionary page when it has one; pyarrow writes data_page_offset 0 for an empty
  // row group whose chunk holds only an (empty) dictionary page.
  const data = c.dataPageOffset;
  const start = dict !== undefined && dict > 0 && (dict < data || data < 4) ? dict : data;
  if (start < 4 || c.compressedSize < 0 || start + c.compressedSize > end)
    throw new ParquetFormatError(
      file,
      `${where}: bytes ${start}–${start + c.compressedSize} lie outside the pages (4–${end}); corrupt footer`,
    );
  return { codec: c.codec, encodings: c.encodings, numValues: c.numValues, start, size: c.compressedSize };
}

export function layoutOf(file: string, { metadata, metadataStart }: Footer): ParquetLayout {
  const leaves = flatLeaves(file, metadata.schema);
  const types = leaves.map((el) => columnType(file, el));
  const schema = leaves.map(
    (el, i): ColumnSpec => ({
      name: el.name,
      type: types[i]!.type,
      nullable: el.repetition === Repetition.OPTIONAL,
    }),
  );
  const rowGroups = metadata.rowGroups.map((g, gi): RowGroupLayout => {
    if (g.columns.length !== leaves.length)
      throw new ParquetFormatError(
        file,
        `row group ${gi} has ${g.columns.length} column chunks for ${leaves.length} columns`,
      );
    return {
      numRows: g.numRows,
      columns: g.columns.map((c, ci) => {
        const where = `column "${leaves[ci]!.name}" in row group ${gi}`;
        if (c.physicalType !== leaves[ci]!.physicalType || c.path.join('.') !== leaves[ci]!.name)
          throw new ParquetFormatError(
            file,
            `${where}: chunk metadata (${c.path.join('.')}) does not match the schema`,
          );
        if (c.numValues !== g.numRows)
          throw new ParquetFormatError(file, `${where}: ${c.numValues} values for ${g.numRows} rows`);
        return chunkLayout(file, where, c, metadataStart);
      }),
    };
  });
  const total = rowGroups.reduce((n, g) => n + g.numRows, 0);
  if (total !== metadata.numRows)
    throw new ParquetFormatError(file, `row groups hold ${total} rows, the footer says ${metadata.numRows}`);
  return {
    schema,
    utf8: types.map((t) => t.utf8),
    numRows: metadata.numRows,
    rowGroups,
    createdBy: metadata.createdBy,
  };
}
