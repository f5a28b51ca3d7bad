// The Parquet reader: flat files of numbers and text, any codec and encoding that pyarrow, polars,
// duckdb, fastparquet and our writer use (docs/tabular.md lists them). A file streams one row group at
// a time as typed column chunks; an optional column subset reads only those chunks' bytes.
import { readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { allocValues } from '../column-chunk.js';
import type { ColumnChunk, NumericValues } from '../column-chunk.js';
import { ParquetFormatError } from '../table-errors.js';
import type { ColumnSpec, TableSchema } from '../table-schema.js';
import { assembleColumn } from './column-assembly.js';
import { layoutOf } from './layout.js';
import type { ParquetLayout } from './layout.js';
import { Encoding } from './format.js';
import { decompressesInto, readPages, readPagesInto } from './page-reader.js';
import type { DirectTarget } from './page-reader.js';
import { readFooter } from './tail.js';
import type { ValuesAllocator } from './values-pool.js';
import type { ByteSource } from './tail.js';

export interface ReadColumnsOptions {
  /** Only these columns, in this order (default: all, in file order). */
  readonly columns?: readonly string[];
  /**
   * Check each page's CRC-32 when its header has one (our writer always writes them): a changed byte is
   * then a ParquetFormatError naming the page instead of a changed value. Default false, as in pyarrow.
   */
  readonly verifyChecksums?: boolean;
}

/** Positioned reads of a local file; short reads (a file cut after its footer was read) are errors. */
function fileSource(handle: FileHandle, name: string, size: number): ByteSource {
  return {
    name,
    size,
    read(start, end) {
      const out = Buffer.allocUnsafe(end - start);
      readFully(handle.fd, out, start, name);
      return Promise.resolve(out);
    },
  };
}

/**
 * Fills `out` from byte `start` of the file. Synchronous: an async read would queue on the libuv pool behind
 * the writer's compressions.
 */
function readFully(fd: number, out: Uint8Array, start: number, name: string): void {
  for (let got = 0; got < out.length; ) {
    const n = readSync(fd, out, got, out.length - got, start + got);
    if (n === 0)
      throw new ParquetFormatError(name, `file ends at byte ${start + got}, expected ${start + out.length}`);
    got += n;
  }
}

/** The bytes of `values` for rows `[row, row + count)`, for a page holding exactly those as PLAIN numbers. */
function directTarget(values: NumericValues | undefined): DirectTarget | undefined {
  if (!values) return undefined;
  const width = values.BYTES_PER_ELEMENT;
  return (row, count, encoding, bytes) =>
    encoding === Encoding.PLAIN && bytes === count * width && row + count <= values.length
      ? new Uint8Array(values.buffer, values.byteOffset + row * width, bytes)
      : undefined;
}

async function layoutFrom(source: ByteSource): Promise<ParquetLayout> {
  const footer = await readFooter(source);
  const head = await source.read(0, 4);
  if (String.fromCharCode(...head) !== 'PAR1')
    throw new ParquetFormatError(source.name, 'not a Parquet file: no PAR1 magic at the start');
  return layoutOf(source.name, footer);
}

/** An open local Parquet file: its layout, and its row groups on demand. Close it when done. */
export class ParquetReader {
  /** Per column: its raw column chunk bytes, and its inflated pages. */
  private readonly raws = new Map<number, Uint8Array>();
  private readonly scratches = new Map<number, Uint8Array>();

  private constructor(
    private readonly handle: FileHandle,
    private readonly source: ByteSource,
    readonly layout: ParquetLayout,
    private readonly allocate: ValuesAllocator,
  ) {}

  /**
   * Opens a local file; `allocate` makes the values arrays of required numeric columns (e.g. from buffers
   * recycled by a `ValuesPool`); nullable columns always get fresh, zeroed arrays (their nulls hold 0).
   */
  static async open(path: string, allocate: ValuesAllocator = allocValues): Promise<ParquetReader> {
    const handle = await open(path, 'r');
    try {
      const source = fileSource(handle, path, (await handle.stat()).size);
      return new ParquetReader(handle, source, await layoutFrom(source), allocate);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  get schema(): TableSchema {
    return this.layout.schema;
  }

  /** Column indexes of `names` (all columns when omitted); an unknown name is an error. */
  columnIndexes(names?: readonly string[]): number[] {
    const all = this.layout.schema.map((c) => c.name);
    if (!names) return all.map((_, i) => i);
    return names.map((name) => {
      const i = all.indexOf(name);
      if (i < 0)
        throw new ParquetFormatError(this.source.name, `no column "${name}" (columns: ${all.join(', ')})`);
      return i;
    });
  }

  /** Decodes one row group's columns (`options.columns`, or all). */
  async readRowGroup(index: number, options: ReadColumnsOptions = {}): Promise<ColumnChunk[]> {
    const group = this.layout.rowGroups[index];
    if (!group)
      throw new RangeError(`row group ${index} does not exist (${this.layout.rowGroups.length} row groups)`);
    const wanted = this.columnIndexes(options.columns);
    return Promise.all(
      wanted.map(async (c) => {
        const chunk = group.columns[c]!;
        const spec = this.layout.schema[c]!;
        const ctx = {
          file: this.source.name,
          column: spec.name,
          rowGroup: index,
          verifyChecksums: options.verifyChecksums,
        };
        const rows = group.numRows;
        if (!decompressesInto(chunk.codec)) {
          const raw = await this.source.read(chunk.start, chunk.start + chunk.size);
          const pages = await readPages(ctx, raw, chunk.codec);
          return assembleColumn(ctx, spec, rows, pages, this.values(spec, rows));
        }
        // Read into this column's reused buffer, inflated into its scratch buffer (or straight into its
        // values) and decoded with no await between: the raw bytes and pages are gone after.
        const raw = this.readInto(this.buffer(this.raws, c, chunk.size), chunk.start, chunk.size);
        const values = this.values(spec, rows);
        const pages = readPagesInto(
          ctx,
          raw,
          (n) => this.buffer(this.scratches, c, n),
          spec.nullable ? undefined : directTarget(values),
          chunk.codec,
        );
        return assembleColumn(ctx, spec, rows, pages, values);
      }),
    );
  }

  /** A column's values array: zeroed when nullable, else from `allocate` (every element gets written). */
  private values(spec: ColumnSpec, rows: number): NumericValues | undefined {
    return spec.nullable ? allocValues(spec.type, rows) : this.allocate(spec.type, rows);
  }

  /** `table`'s buffer for column `c`, at least `bytes` long, reused row group after row group. */
  private buffer(table: Map<number, Uint8Array>, c: number, bytes: number): Uint8Array {
    let buffer = table.get(c);
    if (!buffer || buffer.length < bytes) {
      buffer = new Uint8Array(Math.max(bytes, Math.ceil((buffer?.length ?? 0) * 1.25)));
      table.set(c, buffer);
    }
    return buffer;
  }

  /** Bytes `[start, start + size)` of the file, read into `buffer` (a view of it). */
  private readInto(buffer: Uint8Array, start: number, size: number): Uint8Array {
    const out = buffer.subarray(0, size);
    readFully(this.handle.fd, out, start, this.source.name);
    return out;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/**
 * Streams a local file's row groups as typed column chunks, one row group in memory at a time
 * (`options.columns` selects and orders columns; `allocate` as in `ParquetReader.open`).
 */
export async function* readColumnChunks(
  file: string,
  options: ReadColumnsOptions = {},
  allocate?: ValuesAllocator,
): AsyncGenerator<ColumnChunk[]> {
  const reader = await ParquetReader.open(file, allocate);
  try {
    reader.columnIndexes(options.columns);
    for (let g = 0; g < reader.layout.rowGroups.length; g++) yield await reader.readRowGroup(g, options);
  } finally {
    await reader.close();
  }
}

/** The layout (schema, row groups, chunk positions) of an open file. */
export async function readLayout(handle: FileHandle, file: string): Promise<ParquetLayout> {
  return layoutFrom(fileSource(handle, file, (await handle.stat()).size));
}
