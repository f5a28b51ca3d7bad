// Gathering selected rows of a column chunk into a new chunk (used by the splitter).
import { allocValues } from './column-chunk.js';
import type { ColumnChunk } from './column-chunk.js';

/** Rows `rows[0..count)` of `chunk`, in that order. */
export function gatherRows(chunk: ColumnChunk, rows: Uint32Array): ColumnChunk {
  const n = rows.length;
  const valid = chunk.valid ? new Uint8Array(n) : undefined;
  let nullCount = 0;
  if (valid && chunk.valid) {
    for (let i = 0; i < n; i++) {
      const v = chunk.valid[rows[i]!]!;
      valid[i] = v;
      nullCount += 1 - v;
    }
  }
  if (chunk.offsets && chunk.bytes) {
    const offsets = new Int32Array(n + 1);
    let size = 0;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      size += chunk.offsets[r + 1]! - chunk.offsets[r]!;
      offsets[i + 1] = size;
    }
    const bytes = new Uint8Array(size);
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      bytes.set(chunk.bytes.subarray(chunk.offsets[r]!, chunk.offsets[r + 1]!), offsets[i]!);
    }
    return { spec: chunk.spec, length: n, offsets, bytes, valid, nullCount };
  }
  const source = chunk.values!;
  const values = allocValues(chunk.spec.type, n)!;
  if (source instanceof BigInt64Array) {
    // Copy int64 as two int32 halves: avoids BigInt boxing.
    const from = new Int32Array(source.buffer, source.byteOffset, source.length * 2);
    const to = new Int32Array(values.buffer);
    for (let i = 0; i < n; i++) {
      const r = rows[i]! * 2;
      to[2 * i] = from[r]!;
      to[2 * i + 1] = from[r + 1]!;
    }
  } else {
    const src = source as Float64Array;
    const dst = values as Float64Array;
    for (let i = 0; i < n; i++) dst[i] = src[rows[i]!]!;
  }
  return { spec: chunk.spec, length: n, values, valid, nullCount };
}
