// Ordered reassembly for the parallel CSV parse: pieces of parsed rows arrive in file order with any row
// count, and leave as row groups of exactly the size the single-thread scanner makes, so the Parquet
// written is byte for byte the same. A group inside one piece is a view; one spanning pieces is copied.
import { allocValues, type ColumnChunk } from '../column-chunk.js';

export interface RowPiece {
  readonly columns: readonly ColumnChunk[];
  /** Line where each row starts (absolute). */
  readonly lines: Int32Array;
}

function countZeros(flags: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < flags.length; i++) c += flags[i] === 0 ? 1 : 0;
  return c;
}

/** Rows [from, to) of a column, offsets rebased to start at 0. */
export function sliceColumn(c: ColumnChunk, from: number, to: number): ColumnChunk {
  if (from === 0 && to === c.length) return c;
  const valid = c.valid?.subarray(from, to);
  let offsets: Int32Array | undefined;
  let bytes: Uint8Array | undefined;
  if (c.offsets) {
    const base = c.offsets[from]!;
    offsets = c.offsets.slice(from, to + 1);
    for (let i = 0; i < offsets.length; i++) offsets[i]! -= base;
    bytes = c.bytes!.subarray(base, c.offsets[to]);
  }
  return {
    spec: c.spec,
    length: to - from,
    values: c.values?.subarray(from, to),
    offsets,
    bytes,
    valid,
    nullCount: valid ? countZeros(valid) : 0,
  };
}

/** One column made of several, in order. */
export function concatColumns(parts: readonly ColumnChunk[]): ColumnChunk {
  if (parts.length === 1) return parts[0]!;
  const first = parts[0]!;
  const length = parts.reduce((n, p) => n + p.length, 0);
  const values = allocValues(first.spec.type, length);
  const valid = first.valid ? new Uint8Array(length) : undefined;
  const offsets = first.offsets ? new Int32Array(length + 1) : undefined;
  const bytes = first.bytes ? new Uint8Array(parts.reduce((n, p) => n + p.bytes!.length, 0)) : undefined;
  let row = 0;
  let used = 0;
  for (const p of parts) {
    // Same array type on both sides (one column); TypeScript cannot pair a union's method with its argument.
    if (values) values.set(p.values as never, row);
    valid?.set(p.valid!, row);
    if (offsets) {
      for (let i = 1; i <= p.length; i++) offsets[row + i] = used + p.offsets![i]!;
      bytes!.set(p.bytes!, used);
      used += p.bytes!.length;
    }
    row += p.length;
  }
  const nullCount = parts.reduce((n, p) => n + p.nullCount, 0);
  return { spec: first.spec, length, values, offsets, bytes, valid, nullCount };
}

export class RowGroupAssembler {
  private readonly queue: Array<{ piece: RowPiece; at: number }> = [];
  /** Rows waiting. */
  rows = 0;

  add(piece: RowPiece): void {
    if (piece.lines.length === 0) return;
    this.queue.push({ piece, at: 0 });
    this.rows += piece.lines.length;
  }

  /** The next `n` rows (n ≤ rows) as one row group. */
  take(n: number): RowPiece {
    const parts: RowPiece[] = [];
    let left = n;
    while (left > 0) {
      const head = this.queue[0]!;
      const size = head.piece.lines.length;
      const to = Math.min(size, head.at + left);
      parts.push({
        columns: head.piece.columns.map((c) => sliceColumn(c, head.at, to)),
        lines: head.piece.lines.subarray(head.at, to),
      });
      left -= to - head.at;
      if (to === size) this.queue.shift();
      else head.at = to;
    }
    this.rows -= n;
    if (parts.length === 1) return parts[0]!;
    const lines = new Int32Array(n);
    let row = 0;
    for (const p of parts) {
      lines.set(p.lines, row);
      row += p.lines.length;
    }
    const columns = parts[0]!.columns.map((_, i) => concatColumns(parts.map((p) => p.columns[i]!)));
    return { columns, lines };
  }
}
