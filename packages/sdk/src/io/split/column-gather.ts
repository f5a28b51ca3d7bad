// Partitioning the rows of a column chunk by split label into new chunks (used by the splitter).
import { allocValues } from '../table/column-chunk.js';
import type { ColumnChunk, NumericValues } from '../table/column-chunk.js';

/**
 * Splits a chunk by per-row labels in one sequential pass: part `p` gets the rows labelled `p`, in
 * their original order (`counts[p]` of them). Numbers are copied as raw 32-bit words (bit-exact).
 */
export function partitionRows(
  chunk: ColumnChunk,
  labels: Uint8Array,
  counts: readonly number[],
): ColumnChunk[] {
  const valid = chunk.valid ? counts.map((c) => new Uint8Array(c)) : undefined;
  if (valid && chunk.valid) partitionWords(chunk.valid, labels, valid, 1);
  const nullCounts = counts.map((c, p) => (valid ? c - sum(valid[p]!) : 0));
  if (chunk.offsets && chunk.bytes) return partitionStrings(chunk, labels, counts, valid, nullCounts);
  const source = chunk.values!;
  const values = counts.map((c) => allocValues(chunk.spec.type, c)!);
  const width = source.BYTES_PER_ELEMENT / 4;
  const words = (v: NumericValues): Int32Array => new Int32Array(v.buffer, v.byteOffset, v.length * width);
  partitionWords(words(source), labels, values.map(words), width);
  return counts.map((c, p) => ({
    spec: chunk.spec,
    length: c,
    values: values[p],
    valid: valid?.[p],
    nullCount: nullCounts[p]!,
  }));
}

function partitionWords<T extends Int32Array | Uint8Array>(
  src: T,
  labels: Uint8Array,
  outs: T[],
  width: number,
): void {
  const fill = new Int32Array(outs.length);
  const n = labels.length;
  if (width === 1) {
    for (let i = 0; i < n; i++) {
      const l = labels[i]!;
      outs[l]![fill[l]!++] = src[i]!;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const l = labels[i]!;
    const w = fill[l]!;
    outs[l]![w] = src[2 * i]!;
    outs[l]![w + 1] = src[2 * i + 1]!;
    fill[l] = w + 2;
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
