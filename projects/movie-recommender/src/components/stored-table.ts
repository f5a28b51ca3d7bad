import { join } from 'node:path';
import {
  getVerifiedFile,
  readColumnChunks,
  readParquetFooterFromFile,
  type ColumnChunk,
  type DatasetManifest,
  type ObjectStore,
  type ReadColumnsOptions,
} from '@capstone/sdk/io';
import { arrowTypeOf } from './arrow-types.js';

export interface ColumnSummary {
  readonly name: string;
  /** Apache Arrow type name, e.g. `Int32`, `Float32`, `Utf8`. */
  readonly type: string;
}

export interface TableSummary {
  readonly key: string;
  readonly exists: boolean;
  /** Set when the object exists but its footer is not readable Parquet. */
  readonly error?: string;
  readonly bytes?: number;
  readonly rows?: number;
  readonly columns?: readonly ColumnSummary[];
}

export interface StoredTable {
  readonly summary: TableSummary;
  /** The object's local copy, when it exists and its footer reads. */
  readonly path?: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Fetches the object a manifest names into `dir`, checked against the manifest's size and SHA-256 (a changed or
 * cut object is reported, never read), and reads its footer: row count and Arrow schema.
 */
export async function fetchVersionTable(
  store: ObjectStore,
  manifest: DatasetManifest,
  name: string,
  dir: string,
): Promise<StoredTable> {
  const object = manifest.objects.find((candidate) => candidate.name === name);
  const key = bookKey(manifest.prefix, name);
  if (!object) return { summary: { key, exists: false } };
  const path = join(dir, name.replaceAll('/', '_'));
  try {
    await getVerifiedFile(store, manifest, name, path);
    const footer = await readParquetFooterFromFile(path);
    const columns = footer.columns.map((c) => ({ name: c.name, type: arrowTypeOf(c) }));
    return { summary: { key, exists: true, bytes: object.size, rows: footer.rows, columns }, path };
  } catch (error) {
    return { summary: { key, exists: true, bytes: object.size, error: message(error) } };
  }
}

/**
 * Where row groups come from: `readColumnChunks`, or a `ParquetReadWorker`'s `read`; with `release`, each
 * group is given back once visited (its arrays are then reused for later groups: a visit keeps none).
 */
export type ReadRowGroups = ((path: string, options: ReadColumnsOptions) => AsyncGenerator<ColumnChunk[]>) & {
  readonly release?: (group: readonly ColumnChunk[]) => void;
};

const bookKey = (prefix: string, name: string): string => (prefix ? `${prefix}/${name}` : name);

/**
 * Streams every row group of a local Parquet file (`options.columns`, or all) through `visit` (`base` is the
 * group's first row), reading and decoding the next group while this one is visited (on `options.reader`'s
 * thread when given). Returns the rows read, or the decoding error's message.
 */
export async function forEachRowGroup(
  path: string,
  visit: (columns: readonly ColumnChunk[], base: number) => void,
  options: { readonly columns?: readonly string[]; readonly reader?: ReadRowGroups } = {},
): Promise<{ readonly rows: number; readonly error?: string }> {
  let rows = 0;
  try {
    const reader: ReadRowGroups = options.reader ?? readColumnChunks;
    const { columns } = options;
    const groups = reader(path, { columns });
    let next = groups.next();
    for (let group = await next; !group.done; group = await next) {
      next = groups.next();
      next.catch(() => undefined);
      visit(group.value, rows);
      rows += group.value[0]?.length ?? 0;
      reader.release?.(group.value);
    }
    return { rows };
  } catch (error) {
    return { rows, error: message(error) };
  }
}
