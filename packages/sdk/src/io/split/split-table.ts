// Seeded 75/15/10 splits: of a Parquet table into train/val/test files (streamed row group by row
// group; rows keep their original order inside each split) and of (image, label) file lists.
import { mkdir } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { partitionRows, planPartition } from './column-gather.js';
import type { Compression } from '../table/parquet/encoding/codecs.js';
import { TableFingerprinter } from '../table/fingerprint/table-fingerprint.js';
import type { TableFingerprint } from '../table/fingerprint/table-fingerprint.js';
import { readColumnChunks, readLayout } from '../table/parquet/column-reader.js';
import { allocValues } from '../table/column-chunk.js';
import type { ColumnChunk, NumericValues } from '../table/column-chunk.js';
import type { TableSchema } from '../table/table-schema.js';
import { ParquetWriter } from '../table/parquet/writer.js';
import { ValuesPool } from '../table/parquet/values-pool.js';
import { assignSplits, DEFAULT_FRACTIONS, SPLIT_NAMES, splitSizes } from './seeded-shuffle.js';
import type { SplitFractions, SplitName, SplitSizes } from './seeded-shuffle.js';

export { splitPairs } from './split-pairs.js';
export type { PairSplit } from './split-pairs.js';

export interface SplitParquetOptions {
  /** The book's `random_state`. */
  readonly seed: number | string;
  readonly fractions?: SplitFractions;
  readonly compression?: Compression;
  readonly compressionLevel?: number;
  /** File names; default `train.parquet.gzip`, `val.parquet.gzip`, `test.parquet.gzip`. */
  readonly names?: Readonly<Record<'train' | 'val' | 'test', string>>;
  /**
   * Splits whose rows to fingerprint as they are handed to the writer (see `TableFingerprinter`): one pass
   * over values already in memory, where re-reading the files would decode them all again. Whoever reads
   * the files later (QA) checks the stored bytes against these; a caller that knows the input's
   * fingerprint gets the remaining split's by `subtractFingerprint`.
   */
  readonly fingerprint?: readonly SplitName[];
}

export interface SplitParquetResult {
  readonly sizes: SplitSizes;
  readonly files: Readonly<Record<'train' | 'val' | 'test', string>>;
  /** Per split named in `fingerprint`: the rows given to its file's writer. */
  readonly fingerprints: Readonly<Partial<Record<SplitName, TableFingerprint>>>;
}

export const DEFAULT_SPLIT_NAMES = {
  train: 'train.parquet.gzip',
  val: 'val.parquet.gzip',
  test: 'test.parquet.gzip',
} as const;

/**
 * Splits a flat Parquet file. Memory: one input row group plus one label byte per row; the three
 * outputs get one row group per input row group.
 */
export async function splitParquet(
  input: string,
  outDir: string,
  options: SplitParquetOptions,
): Promise<SplitParquetResult> {
  const handle = await open(input, 'r');
  const layout = await readLayout(handle, input).finally(() => handle.close());
  const sizes = splitSizes(layout.numRows, options.fractions ?? DEFAULT_FRACTIONS);
  const labels = assignSplits(layout.numRows, sizes, options.seed);
  const names = options.names ?? DEFAULT_SPLIT_NAMES;
  await mkdir(outDir, { recursive: true });
  const files = {
    train: join(outDir, names.train),
    val: join(outDir, names.val),
    test: join(outDir, names.test),
  };
  // Read on this thread: a worker thread decoding row groups ahead measured no faster at 25 M rows (the
  // pool's compression already keeps the second core busy) and cost ~150 MB (docs/benchmarks.md).
  // Each row group is decoded into the values arrays of the one before (the partition copied out of them).
  const pool = new ValuesPool();
  const groups = readColumnChunks(input, {}, pool.allocate);
  const recycle = (columns: readonly ColumnChunk[]) =>
    pool.give(
      columns.flatMap((c) =>
        c.values && pool.owns(c.values.buffer) ? [c.values.buffer as ArrayBuffer] : [],
      ),
    );
  const fingerprints = await writeSplits(layout.schema, files, labels, groups, options, recycle);
  return { sizes, files, fingerprints };
}

/** Column `i`'s array in `set` for `chunk`'s rows: the one there when it fits, else a new one kept there. */
function reusable(
  set: Array<NumericValues | undefined>,
  i: number,
  chunk: ColumnChunk,
): NumericValues | undefined {
  if (!chunk.values) return undefined;
  const held = set[i];
  if (held && held.constructor === chunk.values.constructor && held.length >= chunk.length) return held;
  set[i] = allocValues(chunk.spec.type, chunk.length);
  return set[i];
}

/** Partitions each row group by its labels into the three writers; the fingerprints asked for. */
async function writeSplits(
  schema: TableSchema,
  files: Readonly<Record<SplitName, string>>,
  labels: Uint8Array,
  groups: AsyncIterable<ColumnChunk[]>,
  options: SplitParquetOptions,
  recycle: (columns: readonly ColumnChunk[]) => void,
): Promise<Partial<Record<SplitName, TableFingerprint>>> {
  const writerOptions = {
    compression: options.compression,
    compressionLevel: options.compressionLevel,
    // Two row groups per writer in flight: the next group is partitioned while the pool compresses the
    // previous one (bounded: ~3 decoded row groups here, plus the reader's).
    maxInFlight: 2,
  };
  const writers = await Promise.all(
    SPLIT_NAMES.map((s) => ParquetWriter.open(files[s], schema, writerOptions)),
  );
  const fingerprinters = SPLIT_NAMES.map((s) =>
    options.fingerprint?.includes(s) ? new TableFingerprinter(schema) : undefined,
  );
  // The partitioned arrays of a row group take turns in as many sets as the writers hold groups. A set is
  // filled again only once every writer has appended the group it held (`appended`): a writer that got no
  // rows of the groups in between was never waited for. No fresh memory per row group: at 25 M rows that
  // was ≈ 500 MB of page faults and garbage.
  const sets: Array<Array<NumericValues | undefined>> = Array.from(
    { length: writerOptions.maxInFlight },
    () => [],
  );
  const inUse: Array<Promise<unknown>> = sets.map(() => Promise.resolve());
  let turn = 0;
  try {
    let base = 0;
    for await (const columns of groups) {
      const rows = columns[0]?.length ?? 0;
      const plan = planPartition(labels.subarray(base, base + rows), SPLIT_NAMES.length);
      const slot = turn++ % sets.length;
      await inUse[slot];
      const set = sets[slot]!;
      base += rows;
      const counts = plan.counts;
      const parts = columns.map((c, i) => partitionRows(c, plan, reusable(set, i, c)));
      recycle(columns);
      const chunksOf = SPLIT_NAMES.map((_, s) => parts.map((p) => p[s]!));
      // Queued first: the pages compress on the pool while this thread fingerprints the same rows.
      const written = writers.map((w, s) =>
        counts[s]! > 0 ? w.writeRowGroup(chunksOf[s]!) : Promise.resolve(),
      );
      inUse[slot] = Promise.all(writers.map((w) => w.appended()));
      fingerprinters.forEach((f, s) => {
        if (counts[s]! > 0) f?.add(chunksOf[s]!);
      });
      await Promise.all(written);
    }
    for (const w of writers) await w.close();
  } catch (e) {
    await Promise.all(writers.map((w) => w.abort()));
    throw e;
  }
  return Object.fromEntries(
    SPLIT_NAMES.flatMap((s, i) => (fingerprinters[i] ? [[s, fingerprinters[i].result()]] : [])),
  );
}
