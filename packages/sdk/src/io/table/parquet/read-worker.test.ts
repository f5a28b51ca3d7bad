import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnChunk } from '../column-chunk.js';
import type { TableSchema } from '../table-schema.js';
import { readColumnChunks } from './column-reader.js';
import { ParquetReadWorker } from './read-worker.js';
import { ParquetWriter } from './writer.js';

const SCHEMA: TableSchema = [
  { name: 'id', type: 'int32' },
  { name: 'at', type: 'int64', nullable: true },
  { name: 'score', type: 'double' },
  { name: 'name', type: 'string', nullable: true },
];

function group(from: number, n: number): ColumnChunk[] {
  const valid = Uint8Array.from({ length: n }, (_, i) => ((from + i) % 7 === 3 ? 0 : 1));
  const names = Array.from({ length: n }, (_, i) => (valid[i] ? `név ${from + i}` : ''));
  const bytes = new TextEncoder().encode(names.join(''));
  const offsets = new Int32Array(n + 1);
  names.forEach((s, i) => (offsets[i + 1] = offsets[i]! + new TextEncoder().encode(s).length));
  const nulls = n - valid.reduce((a, b) => a + b, 0);
  return [
    {
      spec: SCHEMA[0]!,
      length: n,
      values: Int32Array.from({ length: n }, (_, i) => (from + i) * 37 - 9000),
      nullCount: 0,
    },
    {
      spec: SCHEMA[1]!,
      length: n,
      values: BigInt64Array.from({ length: n }, (_, i) =>
        valid[i] ? BigInt(from + i) * 3_000_000_007n : 0n,
      ),
      valid,
      nullCount: nulls,
    },
    {
      spec: SCHEMA[2]!,
      length: n,
      values: Float64Array.from({ length: n }, (_, i) => (from + i) / 8),
      nullCount: 0,
    },
    { spec: SCHEMA[3]!, length: n, offsets, bytes, valid: valid.slice(), nullCount: nulls },
  ];
}

let dir: string;
let file: string;
let reader: ParquetReadWorker;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pq-read-worker-'));
  file = join(dir, 'table.parquet');
  const writer = await ParquetWriter.open(file, SCHEMA, { compression: 'gzip', pageRows: 1000 });
  for (let g = 0; g < 5; g++) await writer.writeRowGroup(group(g * 2500, 2500 - g * 100));
  await writer.close();
  reader = new ParquetReadWorker();
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

async function all(groups: AsyncIterable<ColumnChunk[]>): Promise<ColumnChunk[][]> {
  const out: ColumnChunk[][] = [];
  for await (const g of groups) out.push(g);
  return out;
}

describe('Parquet read worker', () => {
  it('hands over every row group with the values the reader on this thread decodes', async () => {
    const here = await all(readColumnChunks(file));
    const there = await all(reader.read(file));
    expect(there.map((g) => g[0]!.length)).toEqual([2500, 2400, 2300, 2200, 2100]);
    expect(there).toEqual(here);
    expect([...there[1]![1]!.values!.subarray(0, 4)]).toEqual([
      2500n * 3_000_000_007n,
      2501n * 3_000_000_007n,
      0n,
      2503n * 3_000_000_007n,
    ]);
    const picked = await all(reader.read(file, { columns: ['name', 'id'] }));
    expect(picked).toEqual(await all(readColumnChunks(file, { columns: ['name', 'id'] })));
  });

  it('reports the error the reader on this thread reports, and serves the next file after a stop', async () => {
    const bytes = await readFile(file);
    const cut = join(dir, 'cut.parquet');
    await writeFile(cut, bytes.subarray(0, bytes.length - 10));
    const local = await all(readColumnChunks(cut)).catch((e: Error) => e.message);
    await expect(all(reader.read(cut))).rejects.toThrow(local);
    // A consumer that stops after one row group (the worker is two ahead), then reads again.
    for await (const first of reader.read(file)) {
      expect(first[0]!.length).toBe(2500);
      break;
    }
    expect((await all(reader.read(file))).length).toBe(5);
    await expect(all(reader.read(join(dir, 'missing.parquet')))).rejects.toThrow(/ENOENT|no such file/);
  });
});
