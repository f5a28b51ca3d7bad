// Schema inference from a sample of rows: the narrowest numeric type every sampled value fits,
// else string. Every inferred column is nullable, because a later row may be empty.
import type { ColumnSpec, ColumnType, TableSchema } from '../table-schema.js';

const INT = /^[-+]?\d+$/;
const FLOAT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function widen(current: ColumnType | undefined, value: string): ColumnType {
  if (current === 'string') return 'string';
  if (INT.test(value)) {
    const n = Number(value);
    const fits32 = n >= -2147483648 && n <= 2147483647;
    if (current === 'double') return 'double';
    if (current === 'int64' || !fits32) return 'int64';
    return 'int32';
  }
  if (FLOAT.test(value)) return 'double';
  return 'string';
}

/** Infers column types from sampled rows (strings as read; quoted fields are always strings). */
export function inferSchema(
  header: readonly string[],
  rows: ReadonlyArray<{ readonly fields: readonly string[]; readonly quoted: readonly boolean[] }>,
): TableSchema {
  return header.map((name, col): ColumnSpec => {
    let type: ColumnType | undefined;
    for (const row of rows) {
      const value = row.fields[col];
      if (value === undefined || value === '') continue;
      type = row.quoted[col] && !FLOAT.test(value) ? 'string' : widen(type, value);
    }
    return { name, type: type ?? 'string', nullable: true };
  });
}
