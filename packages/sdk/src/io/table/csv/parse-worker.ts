// The worker side of the parallel CSV parse. A worker thread runs this module's file: in a component
// bundle that is the bundle itself (every module of it shares one `import.meta.url`; the bundle's entry
// runs the component only on the main thread), from source or the compiled package it is this file.
// Each message is one chunk of whole records; the reply holds its rows as typed columns (transferred,
// not copied), the line count, and how many bytes were whole records.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { ColumnChunk } from '../column-chunk.js';
import type { TableSchema } from '../table-schema.js';
import { CsvRowError } from '../table-errors.js';
import { CsvScanner } from './csv-scanner.js';

/** The module a parse worker runs. */
export const PARSE_WORKER_URL = new URL(import.meta.url);

export const PARSE_WORKER_KIND = 'capstone-csv-parse';

export interface ParseWorkerData {
  readonly kind: typeof PARSE_WORKER_KIND;
  readonly file: string;
  readonly schema: TableSchema;
  /** Rows per reply piece. */
  readonly pieceRows: number;
}

export interface ParseRequest {
  readonly seq: number;
  readonly bytes: Uint8Array;
  /** The file's last chunk: a final record without a newline is complete. */
  readonly eof: boolean;
}

export type ParseReply =
  | {
      readonly seq: number;
      readonly pieces: ReadonlyArray<{ columns: ColumnChunk[]; lines: Int32Array }>;
      /** Bytes of whole records from the chunk's start; less than its length: the chunk ended mid-record. */
      readonly consumed: number;
      /** Lines the consumed records span. */
      readonly lineCount: number;
      /** The request's buffer, handed back for the next chunk (fresh memory costs page faults). */
      readonly input: ArrayBuffer;
    }
  | { readonly seq: number; readonly rowError: { line: number; reason: string; text: string } }
  | { readonly seq: number; readonly failure: string };

function transferables(pieces: ReadonlyArray<{ columns: ColumnChunk[]; lines: Int32Array }>): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  for (const p of pieces) {
    set.add(p.lines.buffer as ArrayBuffer);
    for (const c of p.columns)
      for (const a of [c.values, c.offsets, c.bytes, c.valid]) if (a) set.add(a.buffer as ArrayBuffer);
  }
  return [...set];
}

/** Parses one chunk with line numbers relative to its first record (line 0). */
export function parseChunk(data: ParseWorkerData, request: ParseRequest): ParseReply {
  const { bytes, eof, seq } = request;
  // A record takes at least one byte: a small chunk needs no full-size builders.
  const capacity = Math.max(1, Math.min(data.pieceRows, bytes.length));
  const scanner = new CsvScanner(data.file, data.schema, capacity, 0);
  const pieces: Array<{ columns: ColumnChunk[]; lines: Int32Array }> = [];
  let pos = 0;
  try {
    for (;;) {
      const { consumed, full } = scanner.scan(bytes, pos, bytes.length, eof);
      pos = consumed;
      if (!full) break;
      const lines = scanner.rowLines.slice(0, scanner.rows);
      pieces.push({ columns: scanner.takeRowGroup(), lines });
    }
    const lines = scanner.rowLines.slice(0, scanner.rows);
    if (scanner.rows > 0) pieces.push({ columns: scanner.takeRowGroup(), lines });
  } catch (error) {
    if (error instanceof CsvRowError) {
      return { seq, rowError: { line: error.line, reason: error.reason, text: error.text } };
    }
    return { seq, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  return { seq, pieces, consumed: pos, lineCount: scanner.line, input: bytes.buffer as ArrayBuffer };
}

function serve(data: ParseWorkerData): void {
  parentPort!.on('message', (request: ParseRequest) => {
    const reply = parseChunk(data, request);
    parentPort!.postMessage(reply, 'pieces' in reply ? [...transferables(reply.pieces), reply.input] : []);
  });
}

if (!isMainThread && (workerData as ParseWorkerData | undefined)?.kind === PARSE_WORKER_KIND) {
  serve(workerData as ParseWorkerData);
}
