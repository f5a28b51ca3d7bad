// A byte-level RFC 4180 scanner that writes fields straight into typed column builders: no per-row
// strings or objects on the numeric hot path. Numbers use the exact fast path (digits ≤ 15 divided
// by a power of ten is correctly rounded) and fall back to Number() for anything longer.
import { ColumnBuilder } from '../column-chunk.js';
import { fastColumns } from './csv-fast-record.js';
import type { FastColumns, FastRun } from './csv-fast-record.js';
import type { ColumnChunk } from '../column-chunk.js';
import type { TableSchema } from '../table-schema.js';
import { CsvRowError } from '../table-errors.js';
import { describeInvalidUtf8, invalidUtf8Row } from '../utf8-check.js';

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const TWO32 = 4294967296;
const TYPE_CODE = { int32: 0, int64: 1, float: 2, double: 3, string: 4 } as const;

const decoder = new TextDecoder();

/** Result of scanning a buffer: bytes consumed (whole records only) and whether the row group is full. */
export interface ScanResult {
  readonly consumed: number;
  readonly full: boolean;
}

class Incomplete extends Error {}

/** Blank lines (pandas skips them too) are not records: returns the position after one, or `pos`. */
function blankLineEnd(buf: Uint8Array, pos: number, end: number): number {
  if (buf[pos] === LF) return pos + 1;
  if (buf[pos] === CR && pos + 1 < end && buf[pos + 1] === LF) return pos + 2;
  return pos;
}
const INCOMPLETE = new Incomplete();

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
    /** Numeric values and null flags on shared memory (read in place by a `FingerprintWorker`). */
    private readonly shared = false,
  ) {
    this.types = Uint8Array.from(schema, (c) => TYPE_CODE[c.type]);
    this.nullable = Uint8Array.from(schema, (c) => (c.nullable ? 1 : 0));
    this.builders = schema.map((c) => new ColumnBuilder(c, capacity, shared));
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
    chunks.forEach((chunk) => this.checkUtf8(chunk));
    if (this.recycleAfter > 0) this.held.push(this.builders);
    this.builders =
      this.held.length >= this.recycleAfter && this.held.length > 0
        ? this.held.shift()!
        : this.schema.map((c) => new ColumnBuilder(c, this.capacity, this.shared));
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
    let neg = false;
    let b = buf[pos];
    if (b === MINUS || b === PLUS) {
      neg = b === MINUS;
      b = buf[++pos];
    }
    let v = 0;
    let digits = 0;
    while (b !== undefined && b >= 48 && b <= 57 && pos < end) {
      v = v * 10 + (b - 48);
      digits++;
      b = buf[++pos];
    }
    let scale = 0;
    if (b === DOT && type >= TYPE_CODE.float && pos < end) {
      b = buf[++pos];
      while (b !== undefined && b >= 48 && b <= 57 && pos < end) {
        v = v * 10 + (b - 48);
        digits++;
        scale++;
        b = buf[++pos];
      }
    }
    if (pos < end && b !== COMMA && b !== LF && b !== CR) {
      // Exponents, inf/nan spellings or garbage: let the slow path decide.
      while (pos < end && buf[pos] !== COMMA && buf[pos] !== LF && buf[pos] !== CR) pos++;
      if (pos >= end && !eof) throw INCOMPLETE;
      this.slowNumber(col, row, buf, fieldStart, pos, start, end);
      return pos;
    }
    if (pos >= end && !eof) throw INCOMPLETE;
    if (digits === 0) {
      if (pos === fieldStart && this.nullable[col]) {
        this.setNull(col, row);
        return pos;
      }
      throw this.badNumber(col, buf, fieldStart, pos, start, end);
    }
    if (digits > 15) {
      this.slowNumber(col, row, buf, fieldStart, pos, start, end);
      return pos;
    }
    if (neg) v = -v;
    if (scale > 0) v /= POW10[scale]!;
    this.putNumber(col, row, v, buf, fieldStart, pos, start, end);
    return pos;
  }

  private putNumber(
    col: number,
    row: number,
    v: number,
    buf: Uint8Array,
    fs: number,
    fe: number,
    start: number,
    end: number,
  ): void {
    const builder = this.builders[col]!;
    switch (this.types[col]) {
      case TYPE_CODE.int32:
        if (v > 2147483647 || v < -2147483648 || !Number.isInteger(v))
          throw this.badNumber(col, buf, fs, fe, start, end);
        (builder.values as Int32Array)[row] = v;
        break;
      case TYPE_CODE.int64: {
        if (!Number.isInteger(v)) throw this.badNumber(col, buf, fs, fe, start, end);
        const hi = Math.floor(v / TWO32);
        builder.halves![2 * row] = v - hi * TWO32;
        builder.halves![2 * row + 1] = hi;
        break;
      }
      default:
        (builder.values as Float32Array | Float64Array)[row] = v;
    }
    if (builder.valid) builder.valid[row] = 1;
  }

  private slowNumber(
    col: number,
    row: number,
    buf: Uint8Array,
    fs: number,
    fe: number,
    start: number,
    end: number,
  ): void {
    const text = decoder.decode(buf.subarray(fs, fe)).trim();
    const type = this.types[col];
    if (type === TYPE_CODE.int64 && /^[-+]?\d+$/.test(text)) {
      const big = BigInt(text);
      if (big > 9223372036854775807n || big < -9223372036854775808n)
        throw this.badNumber(col, buf, fs, fe, start, end);
      (this.builders[col]!.values as BigInt64Array)[row] = big;
      if (this.builders[col]!.valid) this.builders[col]!.valid[row] = 1;
      return;
    }
    const v = text === '' ? NaN : Number(text);
    if (Number.isNaN(v) && !/^nan$/i.test(text)) throw this.badNumber(col, buf, fs, fe, start, end);
    this.putNumber(col, row, v, buf, fs, fe, start, end);
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
    const open = pos;
    let escapes = 0;
    pos++;
    for (;;) {
      if (pos >= end) {
        if (!eof) throw INCOMPLETE;
        throw this.error(buf, start, end, 'unterminated quoted field');
      }
      const b = buf[pos]!;
      if (b === QUOTE) {
        if (pos + 1 >= end && !eof) throw INCOMPLETE;
        if (buf[pos + 1] === QUOTE) {
          escapes++;
          pos += 2;
          continue;
        }
        break;
      }
      if (b === LF) this.line++;
      pos++;
    }
    const close = pos;
    pos++;
    if (pos < end && buf[pos] !== COMMA && buf[pos] !== LF && buf[pos] !== CR) {
      throw this.error(buf, start, end, 'text after a closing quote');
    }
    if (this.types[col] === TYPE_CODE.string) this.putString(col, row, buf, open + 1, close, escapes > 0);
    else {
      const text = decoder.decode(buf.subarray(open + 1, close));
      const bytes = new TextEncoder().encode(text);
      this.field(bytes, 0, bytes.length, true, col, row, 0);
    }
    return pos;
  }

  private putString(
    col: number,
    row: number,
    buf: Uint8Array,
    from: number,
    to: number,
    unescape: boolean,
  ): void {
    const builder = this.builders[col]!;
    const used = this.stringUsed[col]!;
    const target = builder.reserve(used, to - from);
    let w = used;
    if (!unescape) {
      target.set(buf.subarray(from, to), used);
      w += to - from;
    } else {
      for (let i = from; i < to; i++) {
        target[w++] = buf[i]!;
        if (buf[i] === QUOTE) i++;
      }
    }
    builder.offsets![row + 1] = w;
    this.stringUsed[col] = w;
    if (builder.valid) builder.valid[row] = 1;
  }

  private checkUtf8(chunk: ColumnChunk): void {
    const row = invalidUtf8Row(chunk);
    if (row < 0) return;
    const value = chunk.bytes!.subarray(chunk.offsets![row], chunk.offsets![row + 1]);
    throw new CsvRowError(
      this.file,
      this.rowLines[row]!,
      `column ${chunk.spec.name} is not valid UTF-8 (${describeInvalidUtf8(value)} of the value; ` +
        'is the file Latin-1 or Windows-1252? convert it to UTF-8)',
      decoder.decode(value),
    );
  }

  private setNull(col: number, row: number): void {
    const builder = this.builders[col]!;
    if (!builder.valid) throw new Error('setNull on a non-nullable column');
    builder.valid[row] = 0;
    if (builder.offsets) builder.offsets[row + 1] = this.stringUsed[col]!;
    else if (builder.values) builder.values[row] = builder.values instanceof BigInt64Array ? 0n : 0;
  }

  private badNumber(
    col: number,
    buf: Uint8Array,
    fs: number,
    fe: number,
    start: number,
    end: number,
  ): CsvRowError {
    const spec = this.schema[col]!;
    const value = decoder.decode(buf.subarray(fs, fe));
    const what = value === '' ? 'an empty field' : JSON.stringify(value);
    return this.error(
      buf,
      start,
      end,
      `column ${spec.name} (${spec.type}${spec.nullable ? ', nullable' : ''}) got ${what}`,
    );
  }

  private error(buf: Uint8Array, start: number, end: number, reason: string): CsvRowError {
    let stop = start;
    while (stop < end && buf[stop] !== LF && stop - start < 200) stop++;
    const text = decoder.decode(buf.subarray(start, stop)).replace(/\r$/, '');
    return new CsvRowError(this.file, this.recordLine, reason, text);
  }
}
