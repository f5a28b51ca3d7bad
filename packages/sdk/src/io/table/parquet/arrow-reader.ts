// Parquet → Apache Arrow for QA: parquet-wasm (arrow-rs) decodes any flat or nested file and hands
// each batch over as Arrow IPC, which apache-arrow turns into JS vectors. Batches are large (1M rows)
// because the reader's default of 1024 rows makes thousands of tiny batches.
import { openAsBlob } from 'node:fs';
import { Table, tableFromIPC } from 'apache-arrow';
import type { RecordBatch } from 'apache-arrow';
import { ParquetFile } from 'parquet-wasm/esm';
import type { RecordBatch as WasmRecordBatch } from 'parquet-wasm/esm';
import { ensureParquetWasm } from './wasm-init.js';

export interface ReadParquetOptions {
  /** Rows per Arrow batch. Default 1,048,576. */
  readonly batchSize?: number;
  /** Only these columns. */
  readonly columns?: readonly string[];
}

export const DEFAULT_READ_BATCH_SIZE = 1 << 20;

/** Streams record batches of a local Parquet file. */
export async function* readParquetBatches(
  path: string,
  options: ReadParquetOptions = {},
): AsyncGenerator<RecordBatch> {
  await ensureParquetWasm();
  const file = await ParquetFile.fromFile(await openAsBlob(path));
  try {
    const stream = await file.stream({
      batchSize: options.batchSize ?? DEFAULT_READ_BATCH_SIZE,
      columns: options.columns ? [...options.columns] : undefined,
    });
    const reader = stream.getReader() as ReadableStreamDefaultReader<WasmRecordBatch>;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const table = tableFromIPC(value.intoIPCStream());
      for (const batch of table.batches) yield batch;
    }
  } finally {
    file.free();
  }
}

/** Reads a whole local Parquet file into one Arrow table (batch by batch, never the file at once). */
export async function readParquetTable(path: string, options: ReadParquetOptions = {}): Promise<Table> {
  const batches: RecordBatch[] = [];
  for await (const batch of readParquetBatches(path, options)) batches.push(batch);
  if (batches.length > 0) return new Table(batches);
  const file = await ParquetFile.fromFile(await openAsBlob(path));
  try {
    const empty = tableFromIPC(file.schema().intoIPCStream());
    return options.columns ? empty.select(options.columns as string[]) : empty;
  } finally {
    file.free();
  }
}
