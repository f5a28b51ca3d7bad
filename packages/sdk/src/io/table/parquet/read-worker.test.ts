import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithSource } from '../../../../testing/parquet-peers/compare.js';
import type { ReadResult } from '../../../../testing/parquet-peers/compare.js';
import { conformanceTable, sliceTable, valueAt } from '../../../../testing/parquet-peers/source-table.js';
import type { Value } from '../../../../testing/parquet-peers/source-table.js';
import type { ColumnChunk } from '../column-chunk.js';
import { ParquetFormatError } from '../table-errors.js';
import { readColumnChunks } from './column-reader.js';
import { readColumnChunksInWorker } from './read-worker.js';
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
