// A streaming Parquet writer for flat tables: PLAIN values (DELTA_BINARY_PACKED int32, RLE_DICTIONARY for
// low-cardinality float, double and int64 chunks), RLE definition levels, one compressed v1 data page per
// `pageRows` rows with a CRC-32 of its bytes. Pages of a row
// group compress concurrently on the libuv pool; row groups are written in order, with at most
// `maxInFlight` of them held at once.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import type { FileHandle } from 'node:fs/promises';
import type { ColumnChunk } from '../column-chunk.js';
import { codecOf, compressor } from './encoding/codecs.js';
import type { Compression, Compressor } from './encoding/codecs.js';
import { Codec, dataPageHeader, dictionaryPageHeader, Encoding, fileMetadata, MAGIC } from './format.js';
import type { ColumnChunkMeta, PageSizes, RowGroupMeta } from './format.js';
import { encodePages } from './pages.js';
import type { IntEncoding } from './pages.js';
import type { TableSchema } from '../table-schema.js';
import { encodeThrift } from './encoding/thrift-compact.js';
import type { ThriftStruct } from './encoding/thrift-compact.js';
import { SDK_VERSION } from '../../../util/version.js';
import { asError } from '../../../util/as-error.js';

export interface ParquetWriterOptions {
  readonly compression?: Compression;
  /** gzip level 1–9 (default 1) or zstd level. */
  readonly compressionLevel?: number;
  readonly pageRows?: number;
  readonly maxInFlight?: number;
  /** Integer pages: DELTA_BINARY_PACKED (default; ~3× fewer bytes to gzip) or PLAIN. */
  readonly intEncoding?: IntEncoding;
  /**
   * Dictionary-encode float, double and int64 chunks of at most 256 distinct values: a rating costs 4 bits
   * instead of 32 before compression. Default: when compressing (uncompressed pages would only trade a
   * memory copy when reading for the work of building and decoding the dictionary).
   */
  readonly dictionary?: boolean;
}

export const DEFAULT_PAGE_ROWS = 1 << 17;
const CREATED_BY = `capstone-sdk parquet writer ${SDK_VERSION}`;

interface EncodedPage {
  readonly header: Uint8Array;
  readonly data: Uint8Array;
  readonly uncompressed: number;
  readonly encoding: number;
}

interface EncodedColumn {
  readonly chunk: ColumnChunk;
  readonly dictionary?: EncodedPage;
  readonly pages: readonly EncodedPage[];
}

export class ParquetWriter {
  private readonly codec: number;
  private readonly pageRows: number;
  private readonly maxInFlight: number;
  private readonly intEncoding: IntEncoding;
  private readonly dictionary: boolean;
  private offset = MAGIC.length;
  private readonly rowGroups: RowGroupMeta[] = [];
  private tail: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  private failure: Error | undefined;

  private constructor(
    private readonly compress: Compressor,
    private readonly handle: FileHandle,
    private readonly tempPath: string,
    readonly path: string,
    readonly schema: TableSchema,
    options: ParquetWriterOptions,
  ) {
    this.codec = codecOf[options.compression ?? 'gzip'];
    this.pageRows = options.pageRows ?? DEFAULT_PAGE_ROWS;
    this.maxInFlight = options.maxInFlight ?? 2;
    this.intEncoding = options.intEncoding ?? 'delta';
    this.dictionary = options.dictionary ?? this.codec !== Codec.UNCOMPRESSED;
  }

  /** Opens `<path>.<random>.tmp`; `close()` renames it to `path`, `abort()` removes it. */
  static async open(
    path: string,
    schema: TableSchema,
    options: ParquetWriterOptions = {},
  ): Promise<ParquetWriter> {
    // Fails before any file exists when the codec is unavailable.
    const compress = compressor(options.compression ?? 'gzip', options.compressionLevel);
    const tempPath = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(tempPath, 'w');
    try {
      await handle.write(MAGIC);
    } catch (e) {
      await handle.close();
      await rm(tempPath, { force: true });
      throw e;
    }
    return new ParquetWriter(compress, handle, tempPath, path, schema, options);
  }

  get rowsWritten(): number {
    return this.rowGroups.reduce((n, g) => n + g.numRows, 0);
  }

  /**
   * Resolves once every row group queued so far is in the file (or failed: `close` reports it). Until then
   * the writer may still read their columns' arrays (pages are views of them).
   */
  appended(): Promise<void> {
    return this.tail;
  }

  /** Queues one row group (columns in schema order); resolves once there is room for another. */
  async writeRowGroup(columns: readonly ColumnChunk[]): Promise<void> {
    this.throwIfFailed();
    const encoded = this.encode(columns);
    this.inFlight++;
    this.tail = this.tail.then(async () => {
      try {
        if (this.failure === undefined) await this.append(await encoded);
      } catch (e) {
        this.failure ??= asError(e);
      } finally {
        this.inFlight--;
        this.waiters.shift()?.();
      }
    });
    while (this.inFlight >= this.maxInFlight)
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.throwIfFailed();
  }

  private async encode(columns: readonly ColumnChunk[]): Promise<EncodedColumn[]> {
    return Promise.all(
      columns.map(async (chunk) => {
        const encoded = encodePages(chunk, this.pageRows, this.intEncoding, this.dictionary);
        const dict = encoded.dictionary;
        const [dictionary, ...pages] = await Promise.all([
          dict
            ? this.page(dict.body, Encoding.PLAIN, (sizes) => dictionaryPageHeader(dict.count, sizes))
            : undefined,
          ...encoded.pages.map((p) =>
            this.page(p.body, p.encoding, (sizes) => dataPageHeader(p.numValues, p.encoding, sizes)),
          ),
        ]);
        return dictionary ? { chunk, dictionary, pages } : { chunk, pages };
      }),
    );
  }

  /** Compresses one page body and encodes its header (sizes and the CRC-32 of the stored bytes). */
  private async page(
    body: Uint8Array,
    encoding: number,
    header: (sizes: PageSizes) => ThriftStruct,
  ): Promise<EncodedPage> {
    const data = await this.compress(body);
    return {
      header: encodeThrift(header({ uncompressed: body.length, compressed: data.length, crc: crc32(data) })),
      data,
      uncompressed: body.length,
      encoding,
    };
  }

  private async append(columns: EncodedColumn[]): Promise<void> {
    const fileOffset = this.offset;
    const metas: ColumnChunkMeta[] = [];
    const buffers: Uint8Array[] = [];
    for (const { chunk, dictionary, pages } of columns) {
      const dictionaryPageOffset = dictionary ? this.offset : undefined;
      let uncompressedSize = 0;
      let compressedSize = 0;
      for (const page of dictionary ? [dictionary, ...pages] : pages) {
        buffers.push(page.header, page.data);
        uncompressedSize += page.header.length + page.uncompressed;
        compressedSize += page.header.length + page.data.length;
      }
      const dataPageOffset =
        this.offset + (dictionary ? dictionary.header.length + dictionary.data.length : 0);
      this.offset += compressedSize;
      metas.push({
        encodings: [
          ...new Set([...(dictionary ? [dictionary.encoding] : []), ...pages.map((p) => p.encoding)]),
        ],
        spec: chunk.spec,
        numValues: chunk.length,
        nullCount: chunk.nullCount,
        dataPageOffset,
        ...(dictionaryPageOffset === undefined ? {} : { dictionaryPageOffset }),
        codec: this.codec,
        uncompressedSize,
        compressedSize,
      });
    }
    await this.handle.writev(buffers);
    this.rowGroups.push({ numRows: columns[0]?.chunk.length ?? 0, fileOffset, columns: metas });
  }

  /** Writes the footer and renames the temp file into place. */
  /** Rethrows the first failure of a row group written in the background. */
  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  async close(): Promise<{ rows: number; bytes: number }> {
    await this.tail;
    if (this.failure !== undefined) {
      await this.abort();
      throw this.failure;
    }
    const footer = encodeThrift(fileMetadata(this.schema, this.rowGroups, CREATED_BY));
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, footer.length, true);
    await this.handle.writev([footer, length, MAGIC]);
    await this.handle.close();
    await rename(this.tempPath, this.path);
    return { rows: this.rowsWritten, bytes: this.offset + footer.length + 8 };
  }

  async abort(): Promise<void> {
    await this.tail.catch(() => undefined);
    await this.handle.close().catch(() => undefined);
    await rm(this.tempPath, { force: true });
  }
}
