// Snappy block format (the raw format Parquet pages use, no framing). Compression: greedy matching on
// 4-byte hashes within 64 KiB blocks, pure JS, slower than gzip level 1 here, kept for readers that
// prefer snappy. Decompression: bounds-checked, so a corrupt page is an error, never plausible bytes.

const BLOCK = 1 << 16;
const HASH_BITS = 14;

function hash(bytes: Uint8Array, i: number): number {
  const v = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
  return Math.imul(v, 0x1e35a7bd) >>> (32 - HASH_BITS);
}

export function snappyCompress(input: Uint8Array): Uint8Array {
  const out = new Uint8Array(32 + input.length + Math.ceil(input.length / 6));
  let o = 0;
  let n = input.length;
  while (n >= 0x80) {
    out[o++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  out[o++] = n;
  const table = new Int32Array(1 << HASH_BITS);
  for (let start = 0; start < input.length; start += BLOCK) {
    o = compressBlock(input, start, Math.min(start + BLOCK, input.length), out, o, table);
  }
  return out.subarray(0, o);
}

function compressBlock(
  src: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  o: number,
  table: Int32Array,
): number {
  table.fill(-1);
  let literalStart = start;
  let i = start;
  while (i + 4 <= end) {
    const h = hash(src, i);
    const candidate = table[h]!;
    table[h] = i;
    if (
      candidate >= start &&
      src[candidate] === src[i] &&
      src[candidate + 1] === src[i + 1] &&
      src[candidate + 2] === src[i + 2] &&
      src[candidate + 3] === src[i + 3]
    ) {
      o = emitLiteral(src, literalStart, i, out, o);
      let len = 4;
      while (i + len < end && src[candidate + len] === src[i + len]) len++;
      o = emitCopy(i - candidate, len, out, o);
      i += len;
      literalStart = i;
    } else i++;
  }
  return emitLiteral(src, literalStart, end, out, o);
}

function emitLiteral(src: Uint8Array, from: number, to: number, out: Uint8Array, o: number): number {
  const len = to - from;
  if (len === 0) return o;
  const n = len - 1;
  if (n < 60) out[o++] = n << 2;
  else if (n < 0x100) {
    out[o++] = 60 << 2;
    out[o++] = n;
  } else {
    out[o++] = 61 << 2;
    out[o++] = n & 0xff;
    out[o++] = n >>> 8;
  }
  out.set(src.subarray(from, to), o);
  return o + len;
}

function emitCopy(offset: number, len: number, out: Uint8Array, o: number): number {
  while (len > 0) {
    // Copy-2 elements carry 1..64 bytes; keep a tail of at least 4 for the next element.
    const take = len > 64 ? (len - 64 < 4 ? 60 : 64) : len;
    out[o++] = ((take - 1) << 2) | 2;
    out[o++] = offset & 0xff;
    out[o++] = offset >>> 8;
    len -= take;
  }
  return o;
}

/**
 * Decompresses one raw snappy block into exactly `expected` bytes (the page header's uncompressed size);
 * any element that points outside the input or output is an error, so a corrupt page never decodes to
 * plausible bytes silently.
 */
export function snappyUncompress(input: Uint8Array, expected: number): Uint8Array {
  let pos = 0;
  let length = 0;
  for (let shift = 1; ; shift *= 128) {
    const b = input[pos++];
    if (b === undefined || shift > 2 ** 28) throw new RangeError('snappy: bad length preamble');
    length += (b & 0x7f) * shift;
    if (b < 0x80) break;
  }
  if (length !== expected)
    throw new RangeError(`snappy: block holds ${length} bytes, the page header says ${expected}`);
  const out = new Uint8Array(length);
  let o = 0;
  while (pos < input.length) {
    const tag = input[pos++]!;
    const kind = tag & 3;
    if (kind === 0) {
      let len = (tag >>> 2) + 1;
      if (len > 60) {
        const extra = len - 60;
        if (pos + extra > input.length) throw new RangeError('snappy: truncated literal length');
        len = 1;
        for (let i = 0; i < extra; i++) len += input[pos + i]! * 2 ** (8 * i);
        pos += extra;
      }
      if (pos + len > input.length || o + len > length) throw new RangeError('snappy: literal overruns');
      out.set(input.subarray(pos, pos + len), o);
      pos += len;
      o += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      if (pos >= input.length) throw new RangeError('snappy: truncated copy');
      len = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | input[pos++]!;
    } else {
      const bytes = kind === 2 ? 2 : 4;
      if (pos + bytes > input.length) throw new RangeError('snappy: truncated copy');
      len = (tag >>> 2) + 1;
      offset = 0;
      for (let i = 0; i < bytes; i++) offset += input[pos + i]! * 2 ** (8 * i);
      pos += bytes;
    }
    if (offset === 0 || offset > o || o + len > length)
      throw new RangeError(
        `snappy: copy of ${len} bytes from offset ${offset} at output byte ${o} is invalid`,
      );
    if (offset >= len) out.copyWithin(o, o - offset, o - offset + len);
    else for (let i = 0; i < len; i++) out[o + i] = out[o - offset + i]!;
    o += len;
  }
  if (o !== length) throw new RangeError(`snappy: block decodes to ${o} of ${length} bytes`);
  return out;
}
