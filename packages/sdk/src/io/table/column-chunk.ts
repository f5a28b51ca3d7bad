// Columnar row-group data in plain typed arrays: what the CSV scanner fills, the Parquet writer
// encodes, the Parquet reader returns and the splitter gathers. Null slots hold 0 / empty strings.
import type { ColumnSpec, ColumnType } from './table-schema.js';

export type NumericValues = Int32Array | BigInt64Array | Float32Array | Float64Array;

export interface ColumnChunk {
  readonly spec: ColumnSpec;
  readonly length: number;
  /** Numeric columns: one value per row (`int64` as BigInt64Array). */
  readonly values?: NumericValues;
  /** String columns: UTF-8 bytes of all rows and `length + 1` offsets into them. */
  readonly offsets?: Int32Array;
  readonly bytes?: Uint8Array;
  /** Nullable columns: 1 where the row has a value, 0 for null. */
  readonly valid?: Uint8Array;
  readonly nullCount: number;
}

export function allocValues(type: ColumnType, n: number): NumericValues | undefined {
  switch (type) {
    case 'int32':
      return new Int32Array(n);
    case 'int64':
      return new BigInt64Array(n);
    case 'float':
      return new Float32Array(n);
    case 'double':
      return new Float64Array(n);
    case 'string':
      return undefined;
  }
}

/** A column being filled row by row up to a fixed capacity (one row group). */
export class ColumnBuilder {
  readonly values: NumericValues | undefined;
  /** int64 values written as two int32 halves (little-endian), avoiding BigInt on the hot path. */
  readonly halves: Int32Array | undefined;
  readonly offsets: Int32Array | undefined;
  bytes: Uint8Array;
  readonly valid: Uint8Array | undefined;

  constructor(
    readonly spec: ColumnSpec,
    readonly capacity: number,
  ) {
    this.values = allocValues(spec.type, capacity);
    this.halves = this.values instanceof BigInt64Array ? new Int32Array(this.values.buffer) : undefined;
    this.offsets = spec.type === 'string' ? new Int32Array(capacity + 1) : undefined;
    this.bytes = new Uint8Array(spec.type === 'string' ? Math.max(1024, capacity * 16) : 0);
    this.valid = spec.nullable ? new Uint8Array(capacity) : undefined;
  }

  /** Makes room for `extra` more string bytes beyond `used`. */
  reserve(used: number, extra: number): Uint8Array {
    if (used + extra > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, used + extra));
      grown.set(this.bytes.subarray(0, used));
      this.bytes = grown;
    }
    return this.bytes;
  }

  /** Rows [from, to) of a numeric column as a chunk (views of the builder's arrays). */
  numericView(from: number, to: number): ColumnChunk {
    const valid = this.valid?.subarray(from, to);
    const nullCount = valid ? to - from - countOnes(valid, to - from) : 0;
    return { spec: this.spec, length: to - from, values: this.values?.subarray(from, to), valid, nullCount };
  }

  /** The first `length` rows as a chunk (views, not copies: do not reuse the builder afterwards). */
  finish(length: number): ColumnChunk {
    const { spec, offsets, valid } = this;
    const nullCount = valid ? length - countOnes(valid, length) : 0;
    return {
      spec,
      length,
      values: this.values?.subarray(0, length),
      offsets: offsets?.subarray(0, length + 1),
      bytes: offsets ? this.bytes.subarray(0, offsets[length]) : undefined,
      valid: valid?.subarray(0, length),
      nullCount,
    };
  }
}

function countOnes(flags: Uint8Array, n: number): number {
  let c = 0;
  for (let i = 0; i < n; i++) c += flags[i]!;
  return c;
}
