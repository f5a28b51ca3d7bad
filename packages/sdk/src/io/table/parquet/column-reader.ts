// A fast column reader for flat Parquet files with PLAIN data pages (what csvToParquet writes):
// pages decompress on the libuv pool and decode to typed arrays without copies. Files using
// dictionary or delta encodings go through readParquetTable (parquet-wasm) instead.
import { readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { snappyUncompress } from 'hyparquet';
import { allocValues } from '../column-chunk.js';
import type { ColumnChunk, NumericValues } from '../column-chunk.js';
import { outputChunk } from './encoding/codecs.js';
import { Codec, Encoding } from './format.js';
import { decodeDeltaBinaryPacked } from './encoding/delta-binary-packed.js';
import { decodeLayout } from './layout.js';
import type { ColumnChunkLayout, ParquetLayout } from './layout.js';
import type { ColumnSpec } from '../table-schema.js';
import { ParquetFormatError } from '../table-errors.js';
import { decodeThrift } from './encoding/thrift-compact.js';
import type { DecodedStruct } from './encoding/thrift-compact.js';

const gunzip = promisify(zlib.gunzip);
const READABLE = new Set<number>([Encoding.PLAIN, Encoding.DELTA_BINARY_PACKED]);
type Unzip = (data: Uint8Array, cb: (err: Error | null, out: Buffer) => void) => void;

export async function readLayout(handle: FileHandle, file: string): Promise<ParquetLayout> {
  const { size } = await handle.stat();
  const tail = Buffer.alloc(8);
  await handle.read(tail, 0, 8, size - 8);
  if (size < 12 || tail.toString('latin1', 4) !== 'PAR1')
    throw new ParquetFormatError(file, 'not a Parquet file (no PAR1 magic)');
  const length = tail.readUInt32LE(0);
  const footer = Buffer.alloc(length);
  await handle.read(footer, 0, length, size - 8 - length);
  return decodeLayout(file, footer);
}

/** Streams row groups as typed column chunks. */
export async function* readColumnChunks(file: string): AsyncGenerator<ColumnChunk[]> {
  const handle = await open(file, 'r');
  try {
    const layout = await readLayout(handle, file);
    for (const group of layout.rowGroups) {
      yield await Promise.all(
        group.columns.map((c, i) => readColumn(handle, file, layout.schema[i]!, c, group.numRows)),
      );
    }
  } finally {
    await handle.close();
  }
}

function readFully(fd: number, into: Buffer, position: number): void {
  for (let got = 0; got < into.length; ) {
    const n = readSync(fd, into, got, into.length - got, position + got);
    if (n === 0) break;
    got += n;
  }
}

async function decompress(file: string, codec: number, data: Uint8Array, size: number): Promise<Uint8Array> {
  switch (codec) {
    case Codec.UNCOMPRESSED:
      return data;
    case Codec.GZIP:
      return gunzip(data, { chunkSize: outputChunk(size) });
    case Codec.SNAPPY: {
      const out = new Uint8Array(size);
      snappyUncompress(data, out);
      return out;
    }
    case Codec.ZSTD: {
      const zstd = (zlib as unknown as { zstdDecompress?: Unzip }).zstdDecompress;
      if (zstd) return promisify(zstd)(data);
    }
  }
  throw new ParquetFormatError(file, `codec ${codec} is not supported by the column reader`);
}

async function readColumn(
  handle: FileHandle,
  file: string,
  spec: ColumnSpec,
  chunk: ColumnChunkLayout,
  rows: number,
): Promise<ColumnChunk> {
  const raw = Buffer.allocUnsafe(chunk.size);
  // Synchronous: an async read would queue on the libuv pool behind the writer's compressions.
  readFully(handle.fd, raw, chunk.start);
  const pages: Array<Promise<{ header: DecodedStruct; body: Uint8Array }>> = [];
  for (let pos = 0; pos < raw.length; ) {
    const { value: header, end } = decodeThrift(raw, pos);
    const compressed = header[3] as number;
    const dataHeader = header[5] as DecodedStruct | undefined;
    if (header[1] !== 0 || !dataHeader || !READABLE.has(dataHeader[2] as number)) {
      throw new ParquetFormatError(
        file,
        `column ${spec.name}: only PLAIN or DELTA_BINARY_PACKED v1 data pages are supported by the column reader`,
      );
    }
    const body = raw.subarray(end, end + compressed);
    pages.push(
      decompress(file, chunk.codec, body, header[2] as number).then((b) => ({ header: dataHeader, body: b })),
    );
    pos = end + compressed;
  }
  return assemble(spec, rows, await Promise.all(pages));
}

function assemble(
  spec: ColumnSpec,
  rows: number,
  pages: ReadonlyArray<{ header: DecodedStruct; body: Uint8Array }>,
): ColumnChunk {
  const values = allocValues(spec.type, rows);
  const valid = spec.nullable ? new Uint8Array(rows) : undefined;
  const strings =
    spec.type === 'string'
      ? { offsets: new Int32Array(rows + 1), parts: [] as Uint8Array[], used: 0 }
      : undefined;
  let row = 0;
  for (const { header, body } of pages) {
    const n = header[1] as number;
    let pos = 0;
    if (valid) {
      const len = new DataView(body.buffer, body.byteOffset).getUint32(0, true);
      decodeLevels(body.subarray(4, 4 + len), valid.subarray(row, row + n));
      pos = 4 + len;
    }
    const data = body.subarray(pos);
    if (strings) readStrings(data, n, row, valid, strings);
    else {
      const dense =
        header[2] === Encoding.DELTA_BINARY_PACKED
          ? deltaValues(data, values!)
          : new (values!.constructor as new (
              b: ArrayBuffer,
              o: number,
              l: number,
            ) => NonNullable<typeof values>)(...aligned(data, values!.BYTES_PER_ELEMENT));
      if (!valid) values!.set(dense as never, row);
      else scatter(values!, dense, valid, row, n);
    }
    row += n;
  }
  let nullCount = 0;
  if (valid) for (let i = 0; i < rows; i++) nullCount += 1 - valid[i]!;
  const bytes = strings ? concat(strings.parts, strings.used) : undefined;
  return { spec, length: rows, values, offsets: strings?.offsets, bytes, valid, nullCount };
}

function deltaValues(data: Uint8Array, like: NumericValues): NumericValues {
  if (!(like instanceof BigInt64Array)) return decodeDeltaBinaryPacked(data, (n) => new Int32Array(n)).values;
  const { values } = decodeDeltaBinaryPacked(data);
  const out = new BigInt64Array(values.length);
  const halves = new Int32Array(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const hi = Math.floor(values[i]! / 4294967296);
    halves[2 * i] = values[i]! - hi * 4294967296;
    halves[2 * i + 1] = hi;
  }
  return out;
}

/**
 * A typed-array view needs a byte offset that is a multiple of its element size; pages inside a column
 * chunk start anywhere, so an unaligned page is copied into a fresh buffer first. (`data` is often a
 * Buffer, whose `slice` is a view, not a copy: the copy must be explicit.)
 */
export function aligned(data: Uint8Array, width: number): [ArrayBuffer, number, number] {
  const count = Math.floor(data.length / width);
  if (data.byteOffset % width === 0) return [data.buffer as ArrayBuffer, data.byteOffset, count];
  const copy = new Uint8Array(count * width);
  copy.set(data.subarray(0, count * width));
  return [copy.buffer, 0, count];
}

function scatter(
  values: ArrayLike<unknown> & { [i: number]: unknown },
  dense: ArrayLike<unknown>,
  valid: Uint8Array,
  row: number,
  n: number,
): void {
  let r = 0;
  for (let i = 0; i < n; i++) if (valid[row + i]) values[row + i] = dense[r++];
}

function readStrings(
  data: Uint8Array,
  n: number,
  row: number,
  valid: Uint8Array | undefined,
  out: { offsets: Int32Array; parts: Uint8Array[]; used: number },
): void {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let pos = 0;
  const base = out.used;
  for (let i = 0; i < n; i++) {
    if (!valid || valid[row + i]) {
      const len = view.getInt32(pos, true);
      pos += 4 + len;
      out.used += len;
    }
    out.offsets[row + i + 1] = out.used;
  }
  // Strip the 4-byte length prefixes: copy the payloads contiguously.
  const payload = new Uint8Array(out.used - base);
  let r = 0;
  let w = 0;
  for (let i = 0; i < n; i++) {
    if (valid && !valid[row + i]) continue;
    const len = view.getInt32(r, true);
    payload.set(data.subarray(r + 4, r + 4 + len), w);
    r += 4 + len;
    w += len;
  }
  out.parts.push(payload);
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let w = 0;
  for (const p of parts) {
    out.set(p, w);
    w += p.length;
  }
  return out;
}

/** RLE / bit-packed hybrid definition levels with bit width 1. */
function decodeLevels(src: Uint8Array, out: Uint8Array): void {
  let pos = 0;
  let w = 0;
  while (w < out.length && pos < src.length) {
    let header = 0;
    let shift = 1;
    for (;;) {
      const b = src[pos++]!;
      header += (b & 0x7f) * shift;
      if (b < 0x80) break;
      shift *= 128;
    }
    if (header % 2 === 0) {
      const count = header / 2;
      out.fill(src[pos++]!, w, Math.min(out.length, w + count));
      w += count;
    } else {
      const groups = (header - 1) / 2;
      for (let g = 0; g < groups; g++) {
        const byte = src[pos++]!;
        for (let bit = 0; bit < 8 && w < out.length; bit++) out[w++] = (byte >> bit) & 1;
      }
    }
  }
}
