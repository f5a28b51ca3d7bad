// Footer-only Parquet metadata (row count, columns and types) through ranged reads, so QA of a
// multi-GB object transfers kilobytes: the tail comes from one suffix GET on the ObjectStore (or one
// positioned read of a local file) and our own decoder reads it. Any valid footer summarises, nested or
// not; the column reader decides what it can decode.
import { open } from 'node:fs/promises';
import type { ObjectStore } from '../../store/object-store.js';
import { ParquetFormatError } from '../table-errors.js';
import { CONVERTED_TYPE_NAMES, PhysicalType, Repetition, nameOf } from './format.js';
import type { FileMetadata } from './metadata.js';
import { readFooter } from './tail.js';
import type { ByteSource } from './tail.js';

export interface ParquetColumnInfo {
  readonly name: string;
  /** Parquet physical type, e.g. `INT32`, `BYTE_ARRAY`. */
  readonly physicalType: string;
  /** Logical type (e.g. `STRING`), or the legacy converted type, when the file declares one. */
  readonly logicalType?: string;
  readonly nullable: boolean;
}

export interface ParquetFooter {
  readonly rows: number;
  readonly rowGroups: number;
  readonly columns: readonly ParquetColumnInfo[];
  readonly createdBy?: string;
  /** Bytes read to get here (footer and tail only). */
  readonly bytesRead: number;
}

function summarize(metadata: FileMetadata, bytesRead: number): ParquetFooter {
  const leaves = metadata.schema.slice(1).filter((el) => el.numChildren === undefined);
  return {
    rows: metadata.numRows,
    rowGroups: metadata.rowGroups.length,
    columns: leaves.map((el) => ({
      name: el.name,
      physicalType: nameOf(PhysicalType, el.physicalType),
      logicalType:
        el.logicalType?.name ??
        (el.convertedType === undefined ? undefined : CONVERTED_TYPE_NAMES[el.convertedType]),
      nullable: el.repetition !== Repetition.REQUIRED,
    })),
    createdBy: metadata.createdBy,
    bytesRead,
  };
}

/** Counts the bytes a source hands out. */
function counted(
  source: Omit<ByteSource, 'read'>,
  read: ByteSource['read'],
): ByteSource & { bytesRead: number } {
  const out = {
    ...source,
    bytesRead: 0,
    async read(start: number, end: number) {
      const bytes = await read(start, end);
      out.bytesRead += bytes.length;
      return bytes;
    },
  };
  return out;
}

export async function readParquetFooterFromStore(
  store: ObjectStore,
  bucket: string,
  key: string,
): Promise<ParquetFooter> {
  const name = `${bucket}/${key}`;
  const info = await store.head(bucket, key);
  if (!info) throw new ParquetFormatError(name, 'object does not exist');
  const source = counted({ name, size: info.size }, (start, end) =>
    end >= info.size
      ? store.getBytes(bucket, key, { suffix: info.size - start })
      : store.getBytes(bucket, key, { start, end: end - 1 }),
  );
  const { metadata } = await readFooter(source);
  return summarize(metadata, source.bytesRead);
}

export async function readParquetFooterFromFile(path: string): Promise<ParquetFooter> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const source = counted({ name: path, size }, async (start, end) => {
      const bytes = new Uint8Array(end - start);
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, start);
      if (bytesRead !== bytes.length)
        throw new ParquetFormatError(path, `file ends at byte ${start + bytesRead}`);
      return bytes;
    });
    const { metadata } = await readFooter(source);
    return summarize(metadata, source.bytesRead);
  } finally {
    await handle.close();
  }
}
