// CSV (with a header row) → Parquet, streaming: a byte-level scanner fills one row group of typed
// columns at a time while the previous row group's pages compress on the libuv thread pool.
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import type { ColumnChunk } from './column-chunk.js';
import { readRecord } from './csv/csv-records.js';
import type { CsvRecord } from './csv/csv-records.js';
import { CsvScanner } from './csv/csv-scanner.js';
import { inferSchema } from './csv/infer-schema.js';
import { ReadWindow } from './csv/read-window.js';
import { scanParallel } from './csv/parallel-scan.js';
import { envInteger } from '../../util/env-number.js';
import { TableFingerprinter } from './fingerprint/table-fingerprint.js';
import type { TableFingerprint } from './fingerprint/table-fingerprint.js';
import type { Compression } from './parquet/encoding/codecs.js';
import type { IntEncoding } from './parquet/pages.js';
import { ParquetWriter } from './parquet/writer.js';
import { CsvEmptyError, CsvHeaderError, CsvRowError } from './table-errors.js';
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
  /** How error messages name the input, e.g. its archive entry. Default: its path. */
  readonly name?: string;
  /** Rows sampled for `'infer'`. Default 10,000. */
  readonly sampleRows?: number;
  /** Whether a CSV with a header and no rows converts (to an empty table). Default true. */
  readonly allowEmpty?: boolean;
  /** Domain rules on values, checked per row group before it is written; a problem fails the conversion. */
  readonly checkRows?: RowCheck;
  /** Also compute the table's fingerprint over the rows as parsed (see `TableFingerprinter`). */
  readonly fingerprint?: boolean;
  /**
   * Worker threads that parse while this thread encodes (same output, byte for byte). Default 0 (parse on
   * this thread), unless `CAPSTONE_PARSE_WORKERS` says how many: at 5 M and 25 M rows on 2 cores the worker
   * path measured slower (docs/benchmarks.md), so it is opt-in.
   */
  readonly parseWorkers?: number;
  /** Bytes per chunk a parse worker gets. Default 8 MiB. */
  readonly parseChunkBytes?: number;
}

/** A value that breaks a domain rule: which row of the row group, which column, why, and the value. */
export interface RowProblem {
  readonly row: number;
  readonly column: string;
  /** What was expected, e.g. `must be one of 0.5, 1.0, …, 5.0`. */
  readonly reason: string;
  readonly value: string;
}
export type RowCheck = (columns: readonly ColumnChunk[]) => RowProblem | undefined;

export interface CsvToParquetResult {
  readonly rows: number;
  readonly bytes: number;
  readonly schema: TableSchema;
  /** With `fingerprint: true`. */
  readonly fingerprint?: TableFingerprint;
}

export const DEFAULT_ROW_GROUP_SIZE = 1 << 20;
const PARSE_CHUNK = 8 << 20;
const LF = 10;
/** Row groups the writer holds at once; the scanner's arrays take turns in as many sets (no fresh memory). */
const IN_FLIGHT = 2;

/** Environment override of the parse workers (0: parse on the main thread), e.g. to compare both paths. */
export const PARSE_WORKERS_ENV = 'CAPSTONE_PARSE_WORKERS';

/** Parse workers only when asked for (measured slower than the main thread, docs/benchmarks.md). */
function defaultWorkers(): number {
  const workers = envInteger(process.env, PARSE_WORKERS_ENV, 0, 0);
  if (workers === undefined || workers > 16)
    throw new RangeError(
      `${PARSE_WORKERS_ENV} must be a whole number from 0 to 16, got ${process.env[PARSE_WORKERS_ENV]}`,
    );
  return workers;
}

export async function csvToParquet(
  input: string,
  output: string,
  options: CsvToParquetOptions = {},
): Promise<CsvToParquetResult> {
  const handle = await open(input, 'r');
  const file = options.name ?? input;
  try {
    const window = new ReadWindow(handle);
    const header = await readHeader(window, file, options.schema);
    const schema = await resolveSchema(window, file, header.fields, options);
    const writer = await ParquetWriter.open(output, schema, {
      compression: options.compression,
      compressionLevel: options.compressionLevel,
      intEncoding: options.intEncoding,
      maxInFlight: IN_FLIGHT,
    });
    try {
      const fingerprinter = options.fingerprint ? new TableFingerprinter(schema) : undefined;
      let scanned = 0;
      const inspect = (chunks: readonly ColumnChunk[], lines: Int32Array) => {
        checkRowGroup(file, chunks, lines, options.checkRows);
        fingerprinter?.add(chunks);
      };
      const write = async (chunks: ColumnChunk[], lines: Int32Array, inspected = false) => {
        if (!inspected) inspect(chunks, lines);
        scanned += chunks[0]?.length ?? 0;
        if (scanned === 0 && options.allowEmpty === false) throw new CsvEmptyError(file);
        await writer.writeRowGroup(chunks);
      };
      const rowGroupSize = options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE;
      const firstLine = 1 + header.lines;
      const chunkBytes = options.parseChunkBytes ?? PARSE_CHUNK;
      const workers = options.parseWorkers ?? defaultWorkers();
      if (workers > 0) {
        const parallel = { file, schema, rowGroupSize, firstLine, workers, chunkBytes };
        await scanParallel(handle.fd, window.offset, parallel, write);
      } else {
        const scanner = new CsvScanner(file, schema, rowGroupSize, firstLine, IN_FLIGHT);
        // A numeric table's rows are checked and fingerprinted right after each scan, while their values
        // are still in the CPU cache; other tables once per row group (after its UTF-8 check).
        let inspected = 0;
        const afterScan = () => {
          const lines = scanner.rowLines.subarray(inspected, scanner.rows);
          inspect(scanner.numericRows(inspected, scanner.rows), lines);
          inspected = scanner.rows;
        };
        await scanAll(
          window,
          scanner,
          (chunks) => {
            inspected = 0;
            return write(chunks, scanner.rowLines, scanner.numeric);
          },
          scanner.numeric ? afterScan : undefined,
        );
      }
      const { rows, bytes } = await writer.close();
      return { rows, bytes, schema, ...(fingerprinter ? { fingerprint: fingerprinter.result() } : {}) };
    } catch (e) {
      await writer.abort();
      throw e;
    }
  } finally {
    await handle.close();
  }
}

async function readHeader(
  window: ReadWindow,
  file: string,
  schema: TableSchema | 'infer' | undefined,
): Promise<CsvRecord> {
  for (;;) {
    const view = window.buf.subarray(0, window.len);
    const bom = view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf ? 3 : 0;
    const record = window.len > bom ? readRecord(view, bom, window.eof) : undefined;
    if (record) {
      if (!isUtf8(view.subarray(bom, record.end))) {
        throw new CsvRowError(file, 1, 'header is not valid UTF-8', record.fields.join(','));
      }
      window.pos = record.end;
      return record;
    }
    if (window.eof) {
      throw new CsvHeaderError(file, [], schema && schema !== 'infer' ? schema.map((c) => c.name) : []);
    }
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
  const twice = header.find((name, i) => header.indexOf(name) !== i);
  if (twice !== undefined) {
    throw new CsvRowError(file, 1, `header names column ${JSON.stringify(twice)} twice`, header.join(','));
  }
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

/** Applies the caller's domain rules to a row group; a problem becomes a CsvRowError at the row's line. */
function checkRowGroup(
  file: string,
  chunks: readonly ColumnChunk[],
  lines: Int32Array,
  check: RowCheck | undefined,
): void {
  const problem = check?.(chunks);
  if (!problem) return;
  throw new CsvRowError(
    file,
    lines[problem.row]!,
    `column ${problem.column} ${problem.reason}`,
    problem.value,
  );
}

async function scanAll(
  window: ReadWindow,
  scanner: CsvScanner,
  write: (chunks: ColumnChunk[]) => Promise<void>,
  afterScan?: () => void,
): Promise<void> {
  let groups = 0;
  for (;;) {
    const last = window.eof ? window.len : window.buf.lastIndexOf(LF, window.len - 1) + 1;
    if (last > window.pos) {
      const { consumed, full } = scanner.scan(window.buf, window.pos, last, window.eof);
      window.pos = consumed;
      afterScan?.();
      if (full) {
        await write(scanner.takeRowGroup());
        groups++;
        continue;
      }
    }
    if (window.eof && window.pos >= window.len) break;
    await window.fill();
  }
  if (scanner.rows > 0 || groups === 0) await write(scanner.takeRowGroup());
}
