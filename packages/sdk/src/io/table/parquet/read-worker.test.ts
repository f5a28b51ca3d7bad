import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithSource } from '../../../../testing/parquet-peers/compare.js';
import type { ReadResult } from '../../../../testing/parquet-peers/compare.js';
import {
  conformanceTable,
  ratingsLikeTable,
  sliceTable,
  valueAt,
} from '../../../../testing/parquet-peers/source-table.js';
import type { Value } from '../../../../testing/parquet-peers/source-table.js';
import type { ColumnChunk } from '../column-chunk.js';
import { ParquetFormatError } from '../table-errors.js';
import { readColumnChunks } from './column-reader.js';
import { ParquetReadWorker, readColumnChunksInWorker } from './read-worker.js';
import { ParquetWriter } from './writer.js';

const table = conformanceTable(700);
let dir: string;
let file: string;

async function collect(groups: AsyncGenerator<ColumnChunk[]>): Promise<ColumnChunk[][]> {
  const out: ColumnChunk[][] = [];
  for await (const group of groups) out.push(group);
  return out;
}

/** Every value of the row groups, for the value-by-value comparison with the source table. */
function toResult(groups: readonly ColumnChunk[][]): ReadResult {
  const values = table.schema.map((): Value[] => []);
  for (const group of groups)
    group.forEach((chunk, c) => {
      for (let row = 0; row < chunk.length; row++) values[c]!.push(valueAt(chunk, row));
    });
  return {
    columns: table.schema.map((spec, c) => ({
      name: spec.name,
      type: spec.type,
      length: values[c]!.length,
      at: (row: number) => values[c]![row]!,
    })),
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pq-read-worker-'));
  file = join(dir, 'table.parquet');
  const writer = await ParquetWriter.open(file, table.schema, { compression: 'gzip', pageRows: 64 });
  for (let from = 0; from < table.rows; from += 100)
    await writer.writeRowGroup(sliceTable(table, from, Math.min(table.rows, from + 100)));
  await writer.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readColumnChunksInWorker', () => {
  it('yields the same row groups and values as reading on this thread', async () => {
    const here = await collect(readColumnChunks(file));
    const there = await collect(readColumnChunksInWorker(file, {}, 1));
    expect(there.map((g) => g[0]!.length)).toEqual(here.map((g) => g[0]!.length));
    expect(there).toHaveLength(7);
    expect(compareWithSource({ file, reader: 'ours' }, table, toResult(there))).toEqual([]);
  });

  it('stops its worker when the caller stops early', async () => {
    const groups = readColumnChunksInWorker(file);
    const first = await groups.next();
    expect(first.done).toBe(false);
    await groups.return(undefined);
    expect((await groups.next()).done).toBe(true);
  });

  it('fails with the reader’s own error for a corrupt file, naming the file and column', async () => {
    const bytes = await readFile(file);
    // A byte in the middle of the first column's pages: its CRC-32 no longer matches.
    bytes[200]! ^= 0x01;
    const bad = join(dir, 'corrupt.parquet');
    await writeFile(bad, bytes);
    const error = await collect(readColumnChunksInWorker(bad)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParquetFormatError);
    expect(String(error)).toMatch(/^ParquetFormatError: .*corrupt\.parquet: column "int32", row group 0, /);
  });

  it('fails naming a file that does not exist', async () => {
    const error = await collect(readColumnChunksInWorker(join(dir, 'missing.parquet'))).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/ENOENT.*missing\.parquet/);
  });
});

describe('ParquetReadWorker (one worker, many files)', () => {
  it('reads file after file with the values and errors of the reader on this thread, also after a stop', async () => {
    const worker = new ParquetReadWorker();
    try {
      expect(await collect(worker.read(file))).toEqual(await collect(readColumnChunks(file)));
      const columns = { columns: [table.schema[1]!.name, table.schema[0]!.name] };
      expect(await collect(worker.read(file, columns))).toEqual(
        await collect(readColumnChunks(file, columns)),
      );
      const bytes = await readFile(file);
      const cut = join(dir, 'cut-many.parquet');
      await writeFile(cut, bytes.subarray(0, bytes.length - 10));
      const here = await collect(readColumnChunks(cut)).catch((e: Error) => e);
      const there = await collect(worker.read(cut)).catch((e: Error) => e);
      expect(there).toBeInstanceOf(ParquetFormatError);
      expect((there as Error).message).toBe((here as Error).message);
      // A consumer that stops after one row group (the worker is ahead), then reads the file again.
      for await (const first of worker.read(file)) {
        expect(first).toEqual((await collect(readColumnChunks(file)))[0]);
        break;
      }
      expect(await collect(worker.read(file))).toEqual(await collect(readColumnChunks(file)));
    } finally {
      await worker.close();
    }
  });

  it('decodes into the arrays a caller released, with every value right (row groups of different sizes)', async () => {
    const ratings = ratingsLikeTable(5000);
    const path = join(dir, 'ratings-like.parquet');
    const writer = await ParquetWriter.open(path, ratings.schema, { compression: 'gzip', pageRows: 300 });
    for (const [from, to] of [
      [0, 1200],
      [1200, 1700],
      [1700, 3100],
      [3100, 3150],
      [3150, 5000],
    ] as const)
      await writer.writeRowGroup(sliceTable(ratings, from, to));
    await writer.close();
    const worker = new ParquetReadWorker();
    try {
      for (let pass = 0; pass < 2; pass++) {
        const values = ratings.schema.map((): Value[] => []);
        let released = 0;
        for await (const group of worker.read(path)) {
          group.forEach((chunk, c) => {
            for (let row = 0; row < chunk.length; row++) values[c]!.push(valueAt(chunk, row));
          });
          worker.release(group);
          // Given back: the caller's arrays are detached.
          expect(group[0]!.values!.length).toBe(0);
          released++;
        }
        expect(released).toBe(5);
        const result: ReadResult = {
          columns: ratings.schema.map((spec, c) => ({
            name: spec.name,
            type: spec.type,
            length: values[c]!.length,
            at: (row: number) => values[c]![row]!,
          })),
        };
        expect(compareWithSource({ file: path, reader: 'ours' }, ratings, result)).toEqual([]);
      }
    } finally {
      await worker.close();
    }
  });
});
