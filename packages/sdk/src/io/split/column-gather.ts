// Partitioning the rows of a column chunk by split label into new chunks (used by the splitter).
import { allocValues } from '../table/column-chunk.js';
import type { ColumnChunk, NumericValues } from '../table/column-chunk.js';

/** Where each row of a row group goes: its label, and its position among all rows with that label. */
export interface RowPartition {
  readonly labels: Uint8Array;
  /** Rows per label. */
  readonly counts: readonly number[];
  /** Per row, its index in the labels' outputs laid end to end (label 0's rows first, in order). */
  readonly slots: Int32Array;
}

/** Counts the labels and places each row: one pass shared by every column of the row group. */
export function planPartition(labels: Uint8Array, parts: number): RowPartition {
  const counts = new Array<number>(parts).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  const next = new Int32Array(parts);
  for (let p = 1; p < parts; p++) next[p] = next[p - 1]! + counts[p - 1]!;
  const slots = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) slots[i] = next[labels[i]!]!++;
  return { labels, counts, slots };
}

/**
 * Splits a chunk by the plan: part `p` gets the rows labelled `p`, in their original order. Numbers are
 * copied as raw 32-bit words (bit-exact) into one array per column, each part a view of its range: `into`
 * when given (of the chunk's type, at least its length: every slot is overwritten), else a new one.
 */
export function partitionRows(chunk: ColumnChunk, plan: RowPartition, into?: NumericValues): ColumnChunk[] {
  const { counts } = plan;
  const starts = counts.map((_, p) => counts.slice(0, p).reduce((a, b) => a + b, 0));
  const valid = chunk.valid ? scatter(chunk.valid, plan.slots, new Uint8Array(chunk.length)) : undefined;
  const validOf = (p: number) => valid?.subarray(starts[p], starts[p]! + counts[p]!);
  const nullCounts = counts.map((c, p) => (valid ? c - sum(validOf(p)!) : 0));
  if (chunk.offsets && chunk.bytes) {
    const valids = valid ? counts.map((_, p) => validOf(p)!) : undefined;
    return partitionStrings(chunk, plan.labels, counts, valids, nullCounts);
  }
  const source = chunk.values!;
  const values = into ? into.subarray(0, chunk.length) : allocValues(chunk.spec.type, chunk.length)!;
  if (values.constructor !== source.constructor || values.length !== chunk.length)
    throw new RangeError(
      `partition: the array given for ${chunk.spec.name} does not fit ${chunk.length} rows`,
    );
  const width = source.BYTES_PER_ELEMENT / 4;
  const words = (v: NumericValues): Int32Array => new Int32Array(v.buffer, v.byteOffset, v.length * width);
  if (width === 1) scatter(words(source), plan.slots, words(values));
  else scatterPairs(words(source), plan.slots, words(values));
  return counts.map((c, p) => ({
    spec: chunk.spec,
    length: c,
    values: values.subarray(starts[p], starts[p]! + c),
    valid: validOf(p),
    nullCount: nullCounts[p]!,
  }));
}

function scatter<T extends Int32Array | Uint8Array>(src: T, slots: Int32Array, out: T): T {
  for (let i = 0; i < slots.length; i++) out[slots[i]!] = src[i]!;
  return out;
}

function scatterPairs(src: Int32Array, slots: Int32Array, out: Int32Array): void {
  for (let i = 0; i < slots.length; i++) {
    const w = 2 * slots[i]!;
    out[w] = src[2 * i]!;
    out[w + 1] = src[2 * i + 1]!;
  }
}

function partitionStrings(
  chunk: ColumnChunk,
  labels: Uint8Array,
  counts: readonly number[],
  valid: Uint8Array[] | undefined,
  nullCounts: readonly number[],
): ColumnChunk[] {
  const src = chunk.offsets!;
  const offsets = counts.map((c) => new Int32Array(c + 1));
  const fill = new Int32Array(counts.length);
  const size = new Int32Array(counts.length);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    size[l]! += src[i + 1]! - src[i]!;
    offsets[l]![++fill[l]!] = size[l]!;
  }
  const bytes = counts.map((_, p) => new Uint8Array(size[p]!));
  fill.fill(0);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    const k = fill[l]!++;
    bytes[l]!.set(chunk.bytes!.subarray(src[i], src[i + 1]), offsets[l]![k]);
  }
  return counts.map((c, p) => ({
    spec: chunk.spec,
    length: c,
    offsets: offsets[p],
    bytes: bytes[p],
    valid: valid?.[p],
    nullCount: nullCounts[p]!,
  }));
}

function sum(flags: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < flags.length; i++) n += flags[i]!;
  return n;
}
