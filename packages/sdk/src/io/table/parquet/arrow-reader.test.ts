import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithSource } from '../../../../testing/parquet-peers/compare.js';
import type { ReadResult } from '../../../../testing/parquet-peers/compare.js';
import { conformanceTable, sliceTable } from '../../../../testing/parquet-peers/source-table.js';
import type { Value } from '../../../../testing/parquet-peers/source-table.js';
import { readParquetBatches, readParquetTable } from './arrow-reader.js';
import { ParquetWriter } from './writer.js';

const table = conformanceTable(300);
let dir: string;
let file: string;
let empty: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pq-arrow-'));
  file = join(dir, 't.parquet');
  const writer = await ParquetWriter.open(file, table.schema, { compression: 'snappy', pageRows: 64 });
  for (let from = 0; from < table.rows; from += 100)
    await writer.writeRowGroup(sliceTable(table, from, from + 100));
  await writer.close();
  empty = join(dir, 'empty.parquet');
  await (await ParquetWriter.open(empty, table.schema)).close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const asRead = (t: Table): ReadResult => ({
  columns: t.schema.fields.map((f) => {
    const vector = t.getChild(f.name)!;
    return { name: f.name, length: vector.length, at: (row: number) => (vector.get(row) ?? null) as Value };
  }),
});

describe('readParquetTable (our reader → Apache Arrow)', () => {
  it('holds every source value, nulls as nulls, int64 as bigint, with Arrow types per column', async () => {
    const t = await readParquetTable(file);
    expect(compareWithSource({ file: 't.parquet', reader: 'arrow' }, table, asRead(t))).toEqual([]);
    expect(t.schema.fields.map((f) => `${f.name}:${String(f.type)}:${f.nullable}`)).toEqual(
      table.schema.map((c) => {
        const type = { int32: 'Int32', int64: 'Int64', float: 'Float32', double: 'Float64', string: 'Utf8' }[
          c.type
        ];
        return `${c.name}:${type}:${c.nullable ?? false}`;
      }),
    );
    expect(t.batches.map((b) => b.numRows)).toEqual([100, 100, 100]);
  });

  it('reads a column subset in the order asked, and cuts batches to batchSize', async () => {
    const t = await readParquetTable(file, { columns: ['string_nullable', 'int64'], batchSize: 30 });
    expect(t.schema.fields.map((f) => f.name)).toEqual(['string_nullable', 'int64']);
    const subset = {
      ...table,
      schema: [table.schema[9]!, table.schema[2]!],
      columns: [table.columns[9]!, table.columns[2]!],
    };
    expect(compareWithSource({ file: 't.parquet', reader: 'arrow' }, subset, asRead(t))).toEqual([]);
    const sizes = [];
    for await (const batch of readParquetBatches(file, { batchSize: 30 })) sizes.push(batch.numRows);
    expect(sizes).toEqual([30, 30, 30, 10, 30, 30, 30, 10, 30, 30, 30, 10]);
  });

  it('gives an empty file its schema and no rows; names an unknown column', async () => {
    const t = await readParquetTable(empty);
    expect(t.numRows).toBe(0);
    expect(t.schema.fields.map((f) => f.name)).toEqual(table.schema.map((c) => c.name));
    await expect(readParquetTable(file, { columns: ['nope'] })).rejects.toThrow(
      /no column "nope" \(columns: int32, /,
    );
  });
});
