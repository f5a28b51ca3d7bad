// Values arrays recycled between row groups: a reader thread hands out arrays for required numeric columns
// from buffers its caller gave back, so each row group does not touch fresh memory (the kernel's page
// faults on fresh memory cost about as much as decoding into it). Every element of such an array is
// written by the decoder before the row group is returned, so a recycled buffer never shows old values.
import { allocValues } from '../column-chunk.js';
import type { NumericValues } from '../column-chunk.js';
import type { ColumnType } from '../table-schema.js';

/** Makes the values array of a required numeric column of `rows` rows (`undefined` for strings). */
export type ValuesAllocator = (type: ColumnType, rows: number) => NumericValues | undefined;

type ValuesCtor = new (buffer: ArrayBuffer, offset: number, length: number) => NumericValues;
const CTORS: Partial<Record<ColumnType, ValuesCtor>> = {
  int32: Int32Array,
  int64: BigInt64Array,
  float: Float32Array,
  double: Float64Array,
};

/**
 * Buffers given back, handed out again for any array that fits (row groups differ a little in rows; a new
 * buffer gets 1/16 more room). Arrays are views at the start of a buffer that may be longer; `owns` tells
 * which buffers are the pool's (the whole buffer may be transferred with its array).
 */
export class ValuesPool {
  private readonly free: ArrayBuffer[] = [];
  private readonly lent = new WeakSet<ArrayBuffer>();

  /** `keep`: buffers kept at most (the smallest go first). */
  constructor(private readonly keep = 12) {}

  /** Takes back buffers the caller is done with (each must no longer be used anywhere else). */
  give(buffers: readonly ArrayBuffer[]): void {
    for (const buffer of buffers) if (buffer.byteLength > 0) this.free.push(buffer);
    this.free.sort((a, b) => a.byteLength - b.byteLength);
    if (this.free.length > this.keep) this.free.splice(0, this.free.length - this.keep);
  }

  owns(buffer: ArrayBufferLike): boolean {
    return this.lent.has(buffer as ArrayBuffer);
  }

  readonly allocate: ValuesAllocator = (type, rows) => {
    const Ctor = CTORS[type];
    if (!Ctor) return allocValues(type, rows);
    const bytes = rows * (type === 'int32' || type === 'float' ? 4 : 8);
    const i = this.free.findIndex((b) => b.byteLength >= bytes);
    const buffer = i >= 0 ? this.free.splice(i, 1)[0]! : new ArrayBuffer(bytes + 8 * Math.ceil(bytes / 128));
    this.lent.add(buffer);
    return new Ctor(buffer, 0, rows);
  };
}
