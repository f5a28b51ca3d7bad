// CSV (with a header row) → Parquet, streaming: a byte-level scanner fills one row group of typed
// columns at a time while the previous row group's pages compress on the libuv thread pool.
import { readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { readRecord } from './csv/csv-records.js';
import type { CsvRecord } from './csv/csv-records.js';
import { CsvScanner } from './csv/csv-scanner.js';
import { inferSchema } from './csv/infer-schema.js';
import type { Compression } from './parquet/encoding/codecs.js';
import type { IntEncoding } from './parquet/pages.js';
import { ParquetWriter } from './parquet/writer.js';
import { CsvHeaderError, CsvRowError } from './table-errors.js';
import type { TableSchema } from './table-schema.js';

export interface CsvToParquetOptions {
  /** Explicit columns (the header must name them in order) or `'infer'` (default) from a sample. */
  readonly schema?: TableSchema | 'infer';
  /** Default `gzip` (the book's `*.parquet.gzip` contract). */
  readonly compression?: Compression;
  readonly compressionLevel?: number;
  /** Rows per row group; bounds memory. Default 1,048,576. */
  readonly rowGroupSize?: number;
  /** Integer pages: `delta` (default, DELTA_BINARY_PACKED) or `plain`. */
  readonly intEncoding?: IntEncoding;
  /** Rows sampled for `'infer'`. Default 10,000. */
  readonly sampleRows?: number;
}

export interface CsvToParquetResult {
  readonly rows: number;
  readonly bytes: number;
  readonly schema: TableSchema;
}

export const DEFAULT_ROW_GROUP_SIZE = 1 << 20;
const CHUNK = 4 << 20;
const LF = 10;

/** A growable read window over a file: `buf[pos, len)` is unconsumed, `eof` once the file is drained. */
class ReadWindow {
  buf = Buffer.allocUnsafe(CHUNK * 2);
  pos = 0;
  len = 0;
  eof = false;
  constructor(private readonly handle: FileHandle) {}

  async fill(): Promise<void> {
    if (this.pos > 0) {
      this.buf.copyWithin(0, this.pos, this.len);
      this.len -= this.pos;
      this.pos = 0;
    }
    if (this.buf.length - this.len < CHUNK) {
      const grown = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(grown, 0, 0, this.len);
      this.buf = grown;
    }
    // A synchronous read: an async one queues on the libuv pool behind the pages being compressed
    // there and stalls the parser; reading 4 MiB (usually from the page cache) takes about a millisecond.
    const bytesRead = readSync(this.handle.fd, this.buf, this.len, this.buf.length - this.len, null);
    this.len += bytesRead;
    if (bytesRead === 0) this.eof = true;
  }
}

export async function csvToParquet(
  input: string,
  output: string,
  options: CsvToParquetOptions = {},
): Promise<CsvToParquetResult> {
  const handle = await open(input, 'r');
  try {
    const window = new ReadWindow(handle);
    const header = await readHeader(window, input);
    const schema = await resolveSchema(window, input, header.fields, options);
    const writer = await ParquetWriter.open(output, schema, {
      compression: options.compression,
      compressionLevel: options.compressionLevel,
      intEncoding: options.intEncoding,
    });
    try {
      const scanner = new CsvScanner(
        input,
        schema,
        options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE,
        1 + header.lines,
      );
      await scanAll(window, scanner, writer);
      const { rows, bytes } = await writer.close();
      return { rows, bytes, schema };
    } catch (e) {
      await writer.abort();
      throw e;
    }
  } finally {
    await handle.close();
  }
}

async function readHeader(window: ReadWindow, file: string): Promise<CsvRecord> {
  for (;;) {
    const view = window.buf.subarray(0, window.len);
    const bom = view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf ? 3 : 0;
    const record = window.len > bom ? readRecord(view, bom, window.eof) : undefined;
    if (record) {
      window.pos = record.end;
      return record;
    }
    if (window.eof) throw new CsvHeaderError(file, [], []);
    await window.fill();
  }
}

async function resolveSchema(
  window: ReadWindow,
  file: string,
  header: string[],
  options: CsvToParquetOptions,
): Promise<TableSchema> {
  const schema = options.schema ?? 'infer';
  if (schema !== 'infer') {
    const expected = schema.map((c) => c.name);
    if (header.length !== expected.length || header.some((h, i) => h !== expected[i]))
      throw new CsvHeaderError(file, header, expected);
    return schema;
  }
  const wanted = options.sampleRows ?? 10_000;
  for (;;) {
    const sample: CsvRecord[] = [];
    const view = window.buf.subarray(0, window.len);
    let pos = window.pos;
    while (sample.length < wanted && pos < view.length) {
      const record = readRecord(view, pos, window.eof);
      if (!record) break;
      if (record.fields.length !== 1 || record.fields[0] !== '') sample.push(record);
      pos = record.end;
    }
    const complete = sample.length >= wanted || window.eof || (pos < view.length && sample.length > 0);
    if (complete || window.len >= 64 << 20) {
      if (header.length === 0 || header.some((h) => h === ''))
        throw new CsvRowError(file, 1, 'header has an empty column name', header.join(','));
      return inferSchema(header, sample);
    }
    await window.fill();
  }
}

async function scanAll(window: ReadWindow, scanner: CsvScanner, writer: ParquetWriter): Promise<void> {
  for (;;) {
    const last = window.eof ? window.len : window.buf.lastIndexOf(LF, window.len - 1) + 1;
    if (last > window.pos) {
      const { consumed, full } = scanner.scan(window.buf, window.pos, last, window.eof);
      window.pos = consumed;
      if (full) {
        await writer.writeRowGroup(scanner.takeRowGroup());
        continue;
      }
    }
    if (window.eof && window.pos >= window.len) break;
    await window.fill();
  }
  if (scanner.rows > 0 || writer.rowsWritten === 0) await writer.writeRowGroup(scanner.takeRowGroup());
}
