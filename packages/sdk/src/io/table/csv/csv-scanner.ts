// A byte-level RFC 4180 scanner that writes fields straight into typed column builders: no per-row strings
// or objects on the numeric hot path (csv-fast-record.ts); fields it leaves: number-field.ts, quoted-field.ts.
import { ColumnBuilder } from '../column-chunk.js';
import { fastColumns } from './csv-fast-record.js';
import type { FastColumns, FastRun } from './csv-fast-record.js';
import type { ColumnChunk } from '../column-chunk.js';
import type { TableSchema } from '../table-schema.js';
import type { CsvRowError } from '../table-errors.js';
import { NUMBER, scanNumber } from './number-field.js';
import type { NumberScan } from './number-field.js';
import { QUOTED, scanQuoted } from './quoted-field.js';
import type { QuotedScan } from './quoted-field.js';
import { numberError, recordError, utf8Error } from './scan-errors.js';
import { blankLineEnd } from './csv-records.js';
import { storeNull, storeNumber, storeNumberText, storeString, TYPE_CODE } from './cell-store.js';

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const decoder = new TextDecoder();

/** Result of scanning a buffer: bytes consumed (whole records only) and whether the row group is full. */
export interface ScanResult {
  readonly consumed: number;
  readonly full: boolean;
}

class Incomplete extends Error {}

const INCOMPLETE = new Incomplete();

/** A record's range in the scanned buffer (for error messages). */
interface Span {
  readonly buf: Uint8Array;
  readonly start: number;
  readonly end: number;
}

export class CsvScanner {
  private builders: ColumnBuilder[];
  private fast: FastColumns | undefined;
  /** Builder sets handed out by `takeRowGroup`, oldest first, until they may be filled again. */
  private readonly held: ColumnBuilder[][] = [];
  private readonly run: FastRun = { pos: 0, rows: 0 };
  private readonly types: Uint8Array;
  private readonly nullable: Uint8Array;
  /** Rows filled in the current row group. */
  rows = 0;
  /** 1-based line number of the next record. */
  line: number;
  private recordLine = 0;
  private stringUsed: number[];
  private readonly numberScan: NumberScan = { end: 0, kind: NUMBER.none, value: 0 };
  private readonly quotedScan: QuotedScan = { close: 0, escapes: 0, newlines: 0 };
  /**
   * Line where each row of the current row group starts; after `takeRowGroup` it still describes the
   * group just taken, until the next `scan`.
   */
  readonly rowLines: Int32Array;

  constructor(
    private readonly file: string,
    private readonly schema: TableSchema,
    private readonly capacity: number,
    firstLine = 2,
    private readonly recycleAfter = 0,
  ) {
    this.types = Uint8Array.from(schema, (c) => TYPE_CODE[c.type]);
    this.nullable = Uint8Array.from(schema, (c) => (c.nullable ? 1 : 0));
    this.builders = schema.map((c) => new ColumnBuilder(c, capacity));
    this.fast = fastColumns(this.builders);
    this.stringUsed = schema.map(() => 0);
    this.line = firstLine;
    this.rowLines = new Int32Array(capacity);
  }

  /** Whether every column is numeric (the generated fast path applies, `numericRows` works). */
  get numeric(): boolean {
    return this.fast !== undefined;
  }

  /** Rows [from, to) of the current row group of a numeric table, as views valid until the next scan. */
  numericRows(from: number, to: number): ColumnChunk[] {
    return this.builders.map((b) => b.numericView(from, to));
  }

  /**
   * Hands over the filled rows as chunks (views of the builders' arrays) and starts the next row group.
   * With `recycleAfter` 0 every row group gets fresh arrays; with n > 0, n sets of arrays take turns: a
   * group's chunks stay valid until n − 1 more groups have been taken and the next scan starts, which
   * suits a `ParquetWriter` with `maxInFlight` n whose `writeRowGroup` is awaited before scanning on.
   * String values must be valid UTF-8: the first one that is not throws, naming its line and column.
   */
  takeRowGroup(): ColumnChunk[] {
    const chunks = this.builders.map((b) => b.finish(this.rows));
    for (const error of chunks.map((chunk) => utf8Error(this.file, chunk, this.rowLines)))
      if (error) throw error;
    if (this.recycleAfter > 0) this.held.push(this.builders);
    this.builders =
      this.held.length >= this.recycleAfter && this.held.length > 0
        ? this.held.shift()!
        : this.schema.map((c) => new ColumnBuilder(c, this.capacity));
    this.fast = fastColumns(this.builders);
    this.stringUsed = this.schema.map(() => 0);
    this.rows = 0;
    return chunks;
  }

  /**
   * Scans whole records in `buf[start, end)`. At `eof` a last record without a newline is complete;
   * otherwise a record cut by `end` is left for the next call (`consumed` stops before it).
   */
  scan(buf: Uint8Array, start: number, end: number, eof: boolean): ScanResult {
    let pos = start;
    // The fast path needs an LF at the end of its range (its digit scans stop there).
    const fastEnd = end > start && buf[end - 1] === LF ? end : buf.lastIndexOf(LF, end - 1) + 1;
    while (pos < end && this.rows < this.capacity) {
      if (this.fast && pos < fastEnd) {
        const run = this.run;
        run.pos = pos;
        run.rows = this.rows;
        this.fast.parse(buf, fastEnd, this.fast, this.capacity, this.rowLines, this.line, run);
        this.line += run.rows - this.rows;
        this.rows = run.rows;
        pos = run.pos;
        if (pos >= end || this.rows >= this.capacity) break;
      }
      const recordLine = this.line;
      this.recordLine = recordLine;
      const blank = blankLineEnd(buf, pos, end);
      if (blank > pos) {
        pos = blank;
        this.line++;
        continue;
      }
      try {
        pos = this.scanRecord(buf, pos, end, eof);
      } catch (e) {
        if (e !== INCOMPLETE) throw e;
        this.line = recordLine;
        return { consumed: pos, full: false };
      }
      this.rowLines[this.rows] = recordLine;
      this.rows++;
    }
    return { consumed: pos, full: this.rows === this.capacity };
  }

  private scanRecord(buf: Uint8Array, start: number, end: number, eof: boolean): number {
    const ncol = this.types.length;
    const row = this.rows;
    let pos = start;
    for (let col = 0; col < ncol; col++) {
      pos =
        buf[pos] === QUOTE
          ? this.quoted(buf, pos, end, eof, col, row, start)
          : this.field(buf, pos, end, eof, col, row, start);
      // pos is at the delimiter that ended the field (or at end for a last record at eof).
      const d = pos < end ? buf[pos] : -1;
      if (col < ncol - 1) {
        if (d !== COMMA) throw this.error(buf, start, end, `expected ${ncol} fields, found ${col + 1}`);
        pos++;
      } else if (d === COMMA) throw this.error(buf, start, end, `expected ${ncol} fields, found more`);
    }
    return this.endOfRecord(buf, pos, end, eof, start);
  }

  private endOfRecord(buf: Uint8Array, pos: number, end: number, eof: boolean, start: number): number {
    if (pos >= end) {
      if (!eof) throw INCOMPLETE;
      return pos;
    }
    if (buf[pos] === CR) {
      if (pos + 1 >= end && !eof) throw INCOMPLETE;
      if (buf[pos + 1] === LF) pos++;
      else throw this.error(buf, start, end, 'bare carriage return');
    }
    this.line++;
    return pos + 1;
  }

  /** An unquoted field: parsed in place by type. Returns the delimiter position. */
  private field(
    buf: Uint8Array,
    pos: number,
    end: number,
    eof: boolean,
    col: number,
    row: number,
    start: number,
  ): number {
    const type = this.types[col]!;
    const fieldStart = pos;
    if (type === TYPE_CODE.string) {
      while (pos < end) {
        const b = buf[pos]!;
        if (b === COMMA || b === LF || b === CR) break;
        if (b === QUOTE) throw this.error(buf, start, end, 'quote inside an unquoted field');
        pos++;
      }
      if (pos >= end && !eof) throw INCOMPLETE;
      if (pos === fieldStart && this.nullable[col]) this.setNull(col, row);
      else this.putString(col, row, buf, fieldStart, pos, false);
      return pos;
    }
    const scan = this.numberScan;
    scanNumber(buf, pos, end, type >= TYPE_CODE.float, scan);
    pos = scan.end;
    if (pos >= end && !eof) throw INCOMPLETE;
    const record = { buf, start, end };
    if (scan.kind === NUMBER.exact) this.putNumber(col, row, buf, fieldStart, pos, record, scan.value);
    else if (scan.kind === NUMBER.text) this.putNumber(col, row, buf, fieldStart, pos, record);
    else if (pos === fieldStart && this.nullable[col]) this.setNull(col, row);
    else throw this.badNumber(col, buf.subarray(fieldStart, pos), record);
    return pos;
  }

  /** Stores the numeric field `buf[fs, fe)`: `exact` when the fast scan gave its value, else from its text. */
  private putNumber(
    col: number,
    row: number,
    buf: Uint8Array,
    fs: number,
    fe: number,
    record: Span,
    exact?: number,
  ): void {
    const builder = this.builders[col]!;
    const type = this.types[col]!;
    const ok =
      exact !== undefined
        ? storeNumber(builder, type, row, exact)
        : storeNumberText(builder, type, row, decoder.decode(buf.subarray(fs, fe)).trim());
    if (!ok) throw this.badNumber(col, buf.subarray(fs, fe), record);
  }

  private badNumber(col: number, field: Uint8Array, record: Span): CsvRowError {
    return numberError(this.file, this.recordLine, this.schema[col]!, field, record);
  }

  /** A quoted field: unescapes doubled quotes. Returns the position after the closing quote. */
  private quoted(
    buf: Uint8Array,
    pos: number,
    end: number,
    eof: boolean,
    col: number,
    row: number,
    start: number,
  ): number {
    const q = this.quotedScan;
    const status = scanQuoted(buf, pos, end, eof, q);
    if (status === QUOTED.incomplete) throw INCOMPLETE;
    if (status !== QUOTED.ok)
      throw this.error(
        buf,
        start,
        end,
        status === QUOTED.unterminated ? 'unterminated quoted field' : 'text after a closing quote',
      );
    this.line += q.newlines;
    if (this.types[col] === TYPE_CODE.string) this.putString(col, row, buf, pos + 1, q.close, q.escapes > 0);
    else {
      const bytes = new TextEncoder().encode(decoder.decode(buf.subarray(pos + 1, q.close)));
      this.field(bytes, 0, bytes.length, true, col, row, 0);
    }
    return q.close + 1;
  }

  private putString(
    col: number,
    row: number,
    buf: Uint8Array,
    from: number,
    to: number,
    unescape: boolean,
  ): void {
    this.stringUsed[col] = storeString(
      this.builders[col]!,
      this.stringUsed[col]!,
      row,
      buf,
      from,
      to,
      unescape,
    );
  }

  private setNull(col: number, row: number): void {
    storeNull(this.builders[col]!, this.stringUsed[col]!, row);
  }

  private error(buf: Uint8Array, start: number, end: number, reason: string): CsvRowError {
    return recordError(this.file, this.recordLine, buf, start, end, reason);
  }
}
