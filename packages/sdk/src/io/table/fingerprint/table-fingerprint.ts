// An order-independent fingerprint of a table's rows: the row count, per column the null count and the exact
// sum of the values (string columns: of their UTF-8 byte lengths, plus a 64-bit sum of value hashes), and
// a 64-bit sum of row hashes. Two tables with the same rows in any order (as multisets) get the same
// fingerprint; a changed, dropped, added or duplicated row changes it. Fingerprints of parts add up to
// the fingerprint of their union (`mergeFingerprints`), so a split can be checked against its input.
import { open } from 'node:fs/promises';
import type { ColumnChunk } from '../column-chunk.js';
import { readColumnChunks, readLayout } from '../parquet/column-reader.js';
import type { ColumnType, TableSchema } from '../table-schema.js';
import { addDecimals, exactSum, SUM_BLOCK } from './exact-sum.js';
import type { ExactSum } from './exact-sum.js';
import { addHex64, addRowHashes, rowWords, Sum64 } from './value-hash.js';

export const FINGERPRINT_FORMAT = 'capstone-table-fingerprint/1';

export interface ColumnFingerprint {
  readonly name: string;
  readonly type: ColumnType;
  readonly nulls: number;
  /** Exact decimal sum of the non-null values; string columns: total UTF-8 bytes. */
  readonly sum: string;
  /** float/double columns: NaN and ±Infinity values (not in `sum`). */
  readonly nonFinite?: number;
  /** string columns: sum of the values' 64-bit hashes modulo 2^64, 16 hex digits. */
  readonly hash?: string;
}

export interface TableFingerprint {
  readonly format: typeof FINGERPRINT_FORMAT;
  readonly rows: number;
  /** Sum of the rows' 64-bit hashes modulo 2^64, 16 hex digits. */
  readonly rowHash: string;
  readonly columns: readonly ColumnFingerprint[];
}

interface ColumnState {
  nulls: number;
  bytes: number;
  readonly sum: ExactSum | undefined;
  readonly hash: Sum64 | undefined;
}

/** Accumulates a fingerprint row group by row group, in any order. */
export class TableFingerprinter {
  private rows = 0;
  private readonly rowHash = new Sum64();
  private readonly columns: ColumnState[];

  constructor(private readonly schema: TableSchema) {
    this.columns = schema.map((c) => ({
      nulls: 0,
      bytes: 0,
      sum: c.type === 'string' ? undefined : exactSum(c.type),
      hash: c.type === 'string' ? new Sum64() : undefined,
    }));
  }

  /** Adds one row group (one chunk per schema column, all of the same length). */
  add(chunks: readonly ColumnChunk[]): void {
    const n = chunks[0]?.length ?? 0;
    if (chunks.length !== this.schema.length || chunks.some((c) => c.length !== n)) {
      throw new RangeError(
        `fingerprint: expected ${this.schema.length} columns of equal length, got ${chunks.map((c) => c.length).join(', ')}`,
      );
    }
    const words = rowWords(
      chunks,
      this.columns.map((c) => c.hash),
    );
    for (let from = 0; from < n; from += SUM_BLOCK) {
      const to = Math.min(n, from + SUM_BLOCK);
      addRowHashes(words, from, to, this.rowHash);
      chunks.forEach((chunk, col) => this.addColumn(chunk, col, from, to));
    }
    this.rows += n;
  }

  private addColumn(chunk: ColumnChunk, col: number, from: number, to: number): void {
    const state = this.columns[col]!;
    const valid = chunk.valid;
    if (valid) for (let i = from; i < to; i++) state.nulls += 1 - valid[i]!;
    if (state.sum) state.sum.add(chunk.values!, valid, from, to);
    else state.bytes += chunk.offsets![to]! - chunk.offsets![from]!;
  }

  result(): TableFingerprint {
    return {
      format: FINGERPRINT_FORMAT,
      rows: this.rows,
      rowHash: this.rowHash.hex(),
      columns: this.schema.map((c, i) => {
        const state = this.columns[i]!;
        const floating = c.type === 'float' || c.type === 'double';
        return {
          name: c.name,
          type: c.type,
          nulls: state.nulls,
          sum: state.sum ? state.sum.decimal() : String(state.bytes),
          ...(floating ? { nonFinite: state.sum!.nonFinite } : {}),
          ...(state.hash ? { hash: state.hash.hex() } : {}),
        };
      }),
    };
  }
}

/** The fingerprint of the union of two tables with the same columns. */
export function mergeFingerprints(a: TableFingerprint, b: TableFingerprint): TableFingerprint {
  const same =
    a.columns.length === b.columns.length &&
    a.columns.every((c, i) => c.name === b.columns[i]!.name && c.type === b.columns[i]!.type);
  if (!same) throw new RangeError('fingerprint: cannot merge tables with different columns');
  return {
    format: FINGERPRINT_FORMAT,
    rows: a.rows + b.rows,
    rowHash: addHex64(a.rowHash, b.rowHash),
    columns: a.columns.map((c, i) => {
      const d = b.columns[i]!;
      return {
        ...c,
        nulls: c.nulls + d.nulls,
        sum: addDecimals(c.sum, d.sum),
        ...(c.nonFinite !== undefined ? { nonFinite: c.nonFinite + (d.nonFinite ?? 0) } : {}),
        ...(c.hash !== undefined ? { hash: addHex64(c.hash, d.hash ?? '0'.repeat(16)) } : {}),
      };
    }),
  };
}

/** Reads every value of a local Parquet file (the SDK's column reader) and fingerprints it. */
export async function fingerprintParquetFile(path: string): Promise<TableFingerprint> {
  const handle = await open(path, 'r');
  const layout = await readLayout(handle, path).finally(() => handle.close());
  const fingerprinter = new TableFingerprinter(layout.schema);
  for await (const group of readColumnChunks(path)) fingerprinter.add(group);
  return fingerprinter.result();
}
