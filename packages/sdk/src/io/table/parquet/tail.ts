// Locating and decoding the footer from the end of a file through ranged reads: one read of the last
// 64 KiB covers the footers we write; a longer footer costs one more read.
import { decodeFileMetadata } from './metadata.js';
import type { FileMetadata } from './metadata.js';
import { ParquetFormatError } from '../table-errors.js';

/** Positioned reads of a file or object: `read(start, end)` returns bytes [start, end). */
export interface ByteSource {
  readonly name: string;
  readonly size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

export interface Footer {
  readonly metadata: FileMetadata;
  /** Offset of the FileMetaData: pages must end before it. */
  readonly metadataStart: number;
}

const INITIAL_TAIL = 64 << 10;
const MAGIC = 'PAR1';

const latin1 = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

export async function readFooter(source: ByteSource): Promise<Footer> {
  const { name, size } = source;
  if (size < 12) throw new ParquetFormatError(name, `${size} bytes is too small for a Parquet file`);
  const tailStart = Math.max(0, size - INITIAL_TAIL);
  let tail = await source.read(tailStart, size);
  const magic = latin1(tail.subarray(tail.length - 4));
  if (magic === 'PARE')
    throw new ParquetFormatError(name, 'encrypted Parquet files (PARE) are not supported');
  if (magic !== MAGIC)
    throw new ParquetFormatError(name, 'not a Parquet file: no PAR1 magic at the end (is the file cut?)');
  const length = new DataView(tail.buffer, tail.byteOffset + tail.length - 8, 4).getUint32(0, true);
  const metadataStart = size - 8 - length;
  if (metadataStart < 4)
    throw new ParquetFormatError(
      name,
      `footer length ${length} does not fit in a file of ${size} bytes (wrong footer length or cut file)`,
    );
  if (metadataStart < tailStart) {
    const head = await source.read(metadataStart, tailStart);
    const joined = new Uint8Array(head.length + tail.length);
    joined.set(head);
    joined.set(tail, head.length);
    tail = joined;
  }
  // When the whole file is in hand, the leading magic is checked too (larger files: by the reader).
  if (tailStart === 0 && latin1(tail.subarray(0, 4)) !== MAGIC)
    throw new ParquetFormatError(name, 'not a Parquet file: no PAR1 magic at the start');
  const at = metadataStart - Math.min(tailStart, metadataStart);
  const metadata = decodeFileMetadata(name, tail.subarray(at, at + length));
  return { metadata, metadataStart };
}
