// Footer-only Parquet metadata (row count, columns and types) through ranged reads, so QA of a
// multi-GB object transfers kilobytes: hyparquet parses the footer from an AsyncBuffer whose slices
// are ranged GETs on the ObjectStore (or positioned reads of a local file).
import { open } from 'node:fs/promises';
import { parquetMetadataAsync } from 'hyparquet';
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import type { ObjectStore } from '../../store/object-store.js';
import { ParquetFormatError } from '../table-errors.js';

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

/** First read from the end: enough for the footers we write (a few KB) in one request. */
const INITIAL_FETCH = 64 << 10;

export async function readParquetFooterFromStore(
  store: ObjectStore,
  bucket: string,
  key: string,
): Promise<ParquetFooter> {
  const info = await store.head(bucket, key);
  if (!info) throw new ParquetFormatError(`${bucket}/${key}`, 'object does not exist');
  let bytesRead = 0;
  const buffer: AsyncBuffer = {
    byteLength: info.size,
    async slice(start: number, end = info.size): Promise<ArrayBuffer> {
      const bytes =
        end >= info.size
          ? await store.getBytes(bucket, key, { suffix: info.size - start })
          : await store.getBytes(bucket, key, { start, end: end - 1 });
      bytesRead += bytes.length;
      return toArrayBuffer(bytes);
    },
  };
  return summarize(`${bucket}/${key}`, buffer, () => bytesRead);
}

export async function readParquetFooterFromFile(path: string): Promise<ParquetFooter> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    let bytesRead = 0;
    const buffer: AsyncBuffer = {
      byteLength: size,
      async slice(start: number, end = size): Promise<ArrayBuffer> {
        const bytes = new Uint8Array(end - start);
        await handle.read(bytes, 0, bytes.length, start);
        bytesRead += bytes.length;
        return bytes.buffer;
      },
    };
    return await summarize(path, buffer, () => bytesRead);
  } finally {
    await handle.close();
  }
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer);
}

async function summarize(name: string, buffer: AsyncBuffer, bytesRead: () => number): Promise<ParquetFooter> {
  if (buffer.byteLength < 12)
    throw new ParquetFormatError(name, `too small for Parquet (${buffer.byteLength} bytes)`);
  let meta: FileMetaData;
  try {
    meta = await parquetMetadataAsync(buffer, { initialFetchSize: INITIAL_FETCH });
  } catch (e) {
    throw new ParquetFormatError(name, e instanceof Error ? e.message : String(e));
  }
  const leaves = meta.schema.slice(1).filter((el) => el.num_children === undefined);
  return {
    rows: Number(meta.num_rows),
    rowGroups: meta.row_groups.length,
    columns: leaves.map((el) => ({
      name: el.name,
      physicalType: el.type ?? 'UNKNOWN',
      logicalType: el.logical_type?.type ?? el.converted_type,
      nullable: el.repetition_type !== 'REQUIRED',
    })),
    createdBy: meta.created_by,
    bytesRead: bytesRead(),
  };
}
