// DELTA_LENGTH_BYTE_ARRAY (lengths as DELTA_BINARY_PACKED, then the bytes back to back) and
// DELTA_BYTE_ARRAY (prefix lengths shared with the previous value, then the suffixes as
// DELTA_LENGTH_BYTE_ARRAY). Both decode to offsets + one contiguous byte array.
import { decodeDeltaInt32 } from './delta-binary-packed-decode.js';

export interface ByteArrays {
  /** `count + 1` offsets into `bytes`. */
  readonly offsets: Int32Array;
  readonly bytes: Uint8Array;
}

function offsetsOf(lengths: Int32Array, what: string): Int32Array {
  const offsets = new Int32Array(lengths.length + 1);
  let total = 0;
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i]!;
    if (len < 0) throw new RangeError(`${what}: negative length ${len} at value ${i}`);
    total += len;
    if (total > 0x7fffffff) throw new RangeError(`${what}: more than 2 GiB of values in one page`);
    offsets[i + 1] = total;
  }
  return offsets;
}

export function decodeDeltaLengthByteArray(
  src: Uint8Array,
  count: number,
  from = 0,
): ByteArrays & { end: number } {
  const { values: lengths, end } = decodeDeltaInt32(src, from);
  if (lengths.length !== count)
    throw new RangeError(`DELTA_LENGTH_BYTE_ARRAY: ${lengths.length} lengths for ${count} values`);
  const offsets = offsetsOf(lengths, 'DELTA_LENGTH_BYTE_ARRAY');
  const total = offsets[count]!;
  if (end + total > src.length) throw new RangeError('DELTA_LENGTH_BYTE_ARRAY: data ends early');
  return { offsets, bytes: src.subarray(end, end + total), end: end + total };
}

export function decodeDeltaByteArray(src: Uint8Array, count: number): ByteArrays {
  const { values: prefixes, end } = decodeDeltaInt32(src);
  if (prefixes.length !== count)
    throw new RangeError(`DELTA_BYTE_ARRAY: ${prefixes.length} prefix lengths for ${count} values`);
  const suffixes = decodeDeltaLengthByteArray(src, count, end);
  const lengths = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const prefix = prefixes[i]!;
    const previous = i === 0 ? 0 : lengths[i - 1]!;
    if (prefix < 0 || prefix > previous)
      throw new RangeError(
        `DELTA_BYTE_ARRAY: prefix ${prefix} at value ${i} is longer than the previous value`,
      );
    lengths[i] = prefix + suffixes.offsets[i + 1]! - suffixes.offsets[i]!;
  }
  const offsets = offsetsOf(lengths, 'DELTA_BYTE_ARRAY');
  const bytes = new Uint8Array(offsets[count]!);
  for (let i = 0; i < count; i++) {
    const at = offsets[i]!;
    const prefix = prefixes[i]!;
    if (prefix > 0) bytes.copyWithin(at, offsets[i - 1]!, offsets[i - 1]! + prefix);
    bytes.set(suffixes.bytes.subarray(suffixes.offsets[i], suffixes.offsets[i + 1]), at + prefix);
  }
  return { offsets, bytes };
}
