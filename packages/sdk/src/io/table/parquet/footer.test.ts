import { open, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NUMERIC_SCHEMA, numericCsvChunks } from '../../../../testing/table-fixtures.js';
import { csvToParquet } from '../csv-to-parquet.js';
import type { ByteRange, ObjectInfo, ObjectStore } from '../../store/object-store.js';
import { readParquetFooterFromFile, readParquetFooterFromStore } from './footer.js';
import { ParquetFormatError } from '../table-errors.js';
import { ParquetWriter } from './writer.js';

/** A fake store over one local file: only `head` and ranged `getBytes`, counting bytes served. */
class LocalFileStore implements ObjectStore {
  readonly description = 'fake://local';
  served = 0;
  constructor(private readonly files: Record<string, string>) {}
  async head(_bucket: string, key: string): Promise<ObjectInfo | undefined> {
    const path = this.files[key];
    return path ? { key, size: (await stat(path)).size } : undefined;
  }
  async getBytes(_bucket: string, key: string, range: ByteRange = {}): Promise<Uint8Array> {
    const path = this.files[key]!;
    const size = (await stat(path)).size;
    const start = range.suffix !== undefined ? size - range.suffix : (range.start ?? 0);
    const end = range.suffix !== undefined ? size - 1 : (range.end ?? size - 1);
    const handle = await open(path, 'r');
    try {
      const out = new Uint8Array(end - start + 1);
      await handle.read(out, 0, out.length, start);
      this.served += out.length;
      return out;
    } finally {
      await handle.close();
    }
  }
  private unused(): never {
    throw new Error('not used by footer reads');
  }
  ensureBucket = async () => this.unused();
  putFile = async () => this.unused();
  putStream = async () => this.unused();
  putBytes = async () => this.unused();
  putTree = async () => this.unused();
  list = async () => this.unused();
  get = async () => this.unused();
  getFile = async () => this.unused();
  delete = async () => this.unused();
  putBytesIfAbsent = async () => this.unused();
  copy = async () => this.unused();
}

describe('parquet footer', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'footer-'));
    await writeFile(join(dir, 'r.csv'), Buffer.concat([...numericCsvChunks({ rows: 300_000, seed: 1 })]));
    file = join(dir, 'r.parquet.gzip');
    await csvToParquet(join(dir, 'r.csv'), file, { schema: NUMERIC_SCHEMA, rowGroupSize: 50_000 });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const expected = {
    rows: 300_000,
    rowGroups: 6,
    columns: [
      { name: 'userId', physicalType: 'INT32', logicalType: undefined, nullable: false },
      { name: 'movieId', physicalType: 'INT32', logicalType: undefined, nullable: false },
      { name: 'rating', physicalType: 'FLOAT', logicalType: undefined, nullable: false },
      { name: 'timestamp', physicalType: 'INT64', logicalType: undefined, nullable: false },
    ],
  };

  it('reads row count and schema through ranged reads, transferring only the tail', async () => {
    const store = new LocalFileStore({ 'ml-25m/train.parquet.gzip': file });
    const footer = await readParquetFooterFromStore(store, 'datasets', 'ml-25m/train.parquet.gzip');
    expect(footer).toMatchObject(expected);
    const size = (await stat(file)).size;
    expect(size).toBeGreaterThan(1_000_000);
    expect(store.served).toBe(footer.bytesRead);
    expect(store.served).toBeLessThanOrEqual(64 * 1024);
  });

  it('reads the same from a local file', async () => {
    expect(await readParquetFooterFromFile(file)).toMatchObject(expected);
  });

  it('reads a footer longer than the first 64 KiB tail with one more ranged read', async () => {
    const long = join(dir, 'many-groups.parquet');
    const schema = [{ name: 'v', type: 'int32' as const }];
    const writer = await ParquetWriter.open(long, schema, { compression: 'none' });
    for (let g = 0; g < 4000; g++)
      await writer.writeRowGroup([{ spec: schema[0]!, length: 1, values: Int32Array.of(g), nullCount: 0 }]);
    await writer.close();
    const store = new LocalFileStore({ long });
    const footer = await readParquetFooterFromStore(store, 'b', 'long');
    expect(footer).toMatchObject({ rows: 4000, rowGroups: 4000 });
    expect(footer.bytesRead).toBeGreaterThan(64 * 1024);
    expect(footer.bytesRead).toBeLessThan((await stat(long)).size);
    expect(store.served).toBe(footer.bytesRead);
  });

  it('names the object when it is missing or not Parquet', async () => {
    const junk = join(dir, 'junk.bin');
    await writeFile(junk, 'not parquet at all, just text');
    const store = new LocalFileStore({ junk });
    await expect(readParquetFooterFromStore(store, 'b', 'missing')).rejects.toThrow(/b\/missing/);
    await expect(readParquetFooterFromStore(store, 'b', 'junk')).rejects.toBeInstanceOf(ParquetFormatError);
  });
});
