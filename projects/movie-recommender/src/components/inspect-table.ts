import { join } from 'node:path';
import { readParquetFooterFromStore, readParquetTable, type ObjectStore } from '@capstone/sdk/io';
import { arrowTypeOf } from './arrow-types.js';

export interface ColumnSummary {
  readonly name: string;
  /** Apache Arrow type name, e.g. `Int32`, `Float32`, `Utf8`. */
  readonly type: string;
}

export interface TableSummary {
  readonly key: string;
  readonly exists: boolean;
  /** Set when the object exists but is not readable Parquet. */
  readonly error?: string;
  readonly bytes?: number;
  readonly rows?: number;
  readonly columns?: readonly ColumnSummary[];
  /** What Apache Arrow decoded from the whole object, when it was decoded. */
  readonly decoded?: { readonly rows: number; readonly columns: readonly ColumnSummary[] };
}

/**
 * Row count and Arrow schema of one Parquet object from its footer (ranged reads only). With `decodeDir`,
 * the object is also fetched there and decoded with Apache Arrow, to prove the pages read back.
 */
export async function inspectTable(
  store: ObjectStore,
  bucket: string,
  key: string,
  decodeDir?: string,
): Promise<TableSummary> {
  const info = await store.head(bucket, key);
  if (!info) return { key, exists: false };
  try {
    const footer = await readParquetFooterFromStore(store, bucket, key);
    const columns = footer.columns.map((c) => ({ name: c.name, type: arrowTypeOf(c) }));
    const summary = { key, exists: true, bytes: info.size, rows: footer.rows, columns };
    if (!decodeDir) return summary;
    const local = join(decodeDir, key.replaceAll('/', '_'));
    await store.getFile(bucket, key, local);
    const table = await readParquetTable(local);
    const decodedColumns = table.schema.fields.map((f) => ({ name: f.name, type: String(f.type) }));
    return { ...summary, decoded: { rows: table.numRows, columns: decodedColumns } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { key, exists: true, bytes: info.size, error: message };
  }
}
