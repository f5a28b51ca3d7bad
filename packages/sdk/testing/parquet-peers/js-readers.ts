// The JavaScript readers of the suite: hyparquet (an independent implementation, a devDependency only)
// and ours, both returning the comparer's ReadResult.
import { brotliDecompressSync, gunzipSync, zstdDecompressSync } from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import type { Compressors } from 'hyparquet';
import { ParquetReader } from '../../src/io/table/parquet/column-reader.js';
import type { ReadColumn, ReadResult } from './compare.js';
import { valueAt } from './source-table.js';
import type { Value } from './source-table.js';

/** hyparquet decodes SNAPPY itself; node:zlib decompresses the rest (the page structure is what we check). */
const compressors: Compressors = {
  GZIP: (input) => gunzipSync(input),
  ZSTD: (input) => zstdDecompressSync(input),
  BROTLI: (input) => brotliDecompressSync(input),
};

const message = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

export async function readWithHyparquet(file: string): Promise<ReadResult> {
  try {
    const buffer = await asyncBufferFromFile(file);
    const metadata = await parquetMetadataAsync(buffer);
    const names = metadata.schema.slice(1).map((el) => el.name);
    const rows = (await parquetReadObjects({ file: buffer, metadata, compressors })) as Array<
      Record<string, unknown>
    >;
    return {
      columns: names.map(
        (name): ReadColumn => ({
          name,
          length: rows.length,
          at: (i) => (rows[i]![name] ?? null) as Value,
        }),
      ),
    };
  } catch (e) {
    return { error: message(e) };
  }
}

/** Our reader, row group by row group, joined into one table; page checksums verified unless told not to. */
export async function readWithOurReader(
  file: string,
  options: { readonly verifyChecksums?: boolean } = {},
): Promise<ReadResult> {
  let reader: ParquetReader | undefined;
  try {
    reader = await ParquetReader.open(file);
    const values = reader.schema.map((): Value[] => []);
    for (let g = 0; g < reader.layout.rowGroups.length; g++) {
      const group = await reader.readRowGroup(g, { verifyChecksums: options.verifyChecksums ?? true });
      group.forEach((chunk, c) => {
        for (let row = 0; row < chunk.length; row++) values[c]!.push(valueAt(chunk, row));
      });
    }
    return {
      columns: reader.schema.map(
        (spec, c): ReadColumn => ({
          name: spec.name,
          type: spec.type,
          length: values[c]!.length,
          at: (row) => values[c]![row]!,
        }),
      ),
    };
  } catch (e) {
    return { error: message(e) };
  } finally {
    await reader?.close();
  }
}
