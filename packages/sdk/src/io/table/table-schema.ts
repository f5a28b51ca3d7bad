// Column schemas for CSV → Parquet: the physical Parquet type each logical column type maps to.

export const ColumnType = {
  int32: 'int32',
  int64: 'int64',
  float: 'float',
  double: 'double',
  string: 'string',
} as const;
export type ColumnType = (typeof ColumnType)[keyof typeof ColumnType];

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  /** Empty CSV fields become nulls (Parquet OPTIONAL). Default false: an empty numeric field is an error. */
  readonly nullable?: boolean;
}

export type TableSchema = readonly ColumnSpec[];

export const isNumeric = (type: ColumnType): boolean => type !== 'string';
