// LZ4 for Parquet pages: LZ4_RAW (codec 7) is one raw LZ4 block; the deprecated LZ4 (codec 5) is, from
// parquet-mr and Arrow, the Hadoop framing (big-endian decompressed and compressed sizes before each raw
// block) and, from some older writers, a bare raw block. Decompression only; bounds-checked.

/** Decodes one raw LZ4 block from `input[from, to)` into `out` at `o`; returns the new output offset. */
function decodeBlock(input: Uint8Array, from: number, to: number, out: Uint8Array, o: number): number {
  let pos = from;
  while (pos < to) {
    const token = input[pos++]!;
    let literals = token >>> 4;
    if (literals === 15) {
      for (let b = 255; b === 255; ) {
        if (pos >= to) throw new RangeError('lz4: truncated literal length');
        b = input[pos++]!;
        literals += b;
      }
    }
    if (pos + literals > to || o + literals > out.length) throw new RangeError('lz4: literal overruns');
    out.set(input.subarray(pos, pos + literals), o);
    pos += literals;
    o += literals;
    if (pos === to) break; // the last sequence has literals only
    if (pos + 2 > to) throw new RangeError('lz4: truncated match offset');
    const offset = input[pos]! | (input[pos + 1]! << 8);
    pos += 2;
    let len = (token & 15) + 4;
    if ((token & 15) === 15) {
      for (let b = 255; b === 255; ) {
        if (pos >= to) throw new RangeError('lz4: truncated match length');
        b = input[pos++]!;
        len += b;
      }
    }
    if (offset === 0 || offset > o || o + len > out.length)
      throw new RangeError(`lz4: match of ${len} bytes from offset ${offset} at output byte ${o} is invalid`);
    if (offset >= len) out.copyWithin(o, o - offset, o - offset + len);
    else for (let i = 0; i < len; i++) out[o + i] = out[o - offset + i]!;
    o += len;
  }
  return o;
}

export function lz4RawUncompress(input: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(expected);
  const o = decodeBlock(input, 0, input.length, out, 0);
  if (o !== expected) throw new RangeError(`lz4: block decodes to ${o} of ${expected} bytes`);
  return out;
}

/** Hadoop-framed LZ4 when the frame sizes add up, else a raw block (what Arrow's reader also accepts). */
export function lz4HadoopUncompress(input: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(expected);
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  let pos = 0;
  let o = 0;
  try {
    while (pos + 8 <= input.length) {
      const size = view.getUint32(pos, false);
      const compressed = view.getUint32(pos + 4, false);
      pos += 8;
      if (pos + compressed > input.length || o + size > expected) throw new RangeError('not hadoop');
      const end = decodeBlock(input, pos, pos + compressed, out, o);
      if (end !== o + size) throw new RangeError('not hadoop');
      o = end;
      pos += compressed;
    }
    if (pos === input.length && o === expected) return out;
  } catch {
    // fall through to the raw block
  }
  return lz4RawUncompress(input, expected);
}
