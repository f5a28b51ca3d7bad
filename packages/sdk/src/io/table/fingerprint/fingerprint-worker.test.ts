import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnChunk } from '../column-chunk.js';
import type { TableSchema } from '../table-schema.js';
import { FingerprintWorker } from './fingerprint-worker.js';
import { TableFingerprinter } from './table-fingerprint.js';

const SCHEMA: TableSchema = [
  { name: 'id', type: 'int32' },
  { name: 'score', type: 'double', nullable: true },
  { name: 'at', type: 'int64' },
  { name: 'title', type: 'string', nullable: true },
];

/** A row group of `n` rows from `seed`, with nulls, NaN, -0 and multi-byte text. */
function group(n: number, seed: number): ColumnChunk[] {
  const ids = Int32Array.from({ length: n }, (_, i) => seed * 1000 + i);
  const valid = Uint8Array.from({ length: n }, (_, i) => ((i + seed) % 5 === 0 ? 0 : 1));
  const scores = Float64Array.from({ length: n }, (_, i) =>
    valid[i] ? [NaN, -0, 1.5, Infinity][(i + seed) % 4]! + (i % 3) : 0,
  );
  const at = BigInt64Array.from({ length: n }, (_, i) => BigInt(seed) * 10n ** 12n + BigInt(i));
  const texts = Array.from({ length: n }, (_, i) => (valid[i] ? `tïtle ${seed}-${i}` : ''));
  const encoded = texts.map((t) => Buffer.from(t));
  const offsets = new Int32Array(n + 1);
  encoded.forEach((b, i) => (offsets[i + 1] = offsets[i]! + b.length));
  const nulls = n - valid.reduce((a, b) => a + b, 0);
  return [
    { spec: SCHEMA[0]!, length: n, values: ids, nullCount: 0 },
    { spec: SCHEMA[1]!, length: n, values: scores, valid, nullCount: nulls },
    { spec: SCHEMA[2]!, length: n, values: at, nullCount: 0 },
    { spec: SCHEMA[3]!, length: n, offsets, bytes: Buffer.concat(encoded), valid, nullCount: nulls },
  ];
}

describe('FingerprintWorker', () => {
  const workers: FingerprintWorker[] = [];
  const start = () => {
    const w = new FingerprintWorker(SCHEMA);
    workers.push(w);
    return w;
  };
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
  });

  it('gives TableFingerprinter’s fingerprint, with the caller reusing its arrays after each add', async () => {
    const inThread = new TableFingerprinter(SCHEMA);
    const worker = start();
    for (let seed = 1; seed <= 9; seed++) {
      const rows = group(seed === 9 ? 123 : 500, seed);
      inThread.add(rows);
      await worker.add(rows);
      // The caller overwrites its arrays right after `add` returns, as the CSV scanner does.
      for (const c of rows) {
        if (c.values instanceof BigInt64Array) c.values.fill(5n);
        else c.values?.fill(7);
        c.bytes?.fill(65);
        c.valid?.fill(1);
      }
    }
    expect(await worker.result()).toEqual(inThread.result());
  });

  it('reads shared memory in place and returns from add once the earlier groups are done', async () => {
    const inThread = new TableFingerprinter(SCHEMA.slice(0, 3));
    const worker = new FingerprintWorker(SCHEMA.slice(0, 3));
    workers.push(worker);
    const onShared = (c: ColumnChunk): ColumnChunk => {
      const share = <T extends { buffer: ArrayBufferLike; byteLength: number }>(
        a: T | undefined,
      ): T | undefined => {
        if (!a) return a;
        const copy = new (a.constructor as new (b: SharedArrayBuffer) => T)(
          new SharedArrayBuffer(a.byteLength),
        );
        (copy as unknown as { set(s: T): void }).set(a);
        return copy;
      };
      return { ...c, values: share(c.values), valid: share(c.valid) };
    };
    let previous: ColumnChunk[] | undefined;
    for (let seed = 1; seed <= 6; seed++) {
      const rows = group(400, seed).slice(0, 3).map(onShared);
      inThread.add(rows);
      await worker.add(rows);
      // Two sets taking turns: the group before this one is refilled now, and must be read already.
      for (const c of previous ?? []) {
        if (c.values instanceof BigInt64Array) c.values.fill(9n);
        else c.values?.fill(3);
      }
      previous = rows;
    }
    expect(await worker.result()).toEqual(inThread.result());
  });

  it('tells tables apart: one changed value gives another fingerprint', async () => {
    const a = start();
    const b = start();
    const rows = group(300, 4);
    await a.add(rows);
    (rows[2]!.values as BigInt64Array)[17]! += 1n;
    await b.add(rows);
    expect(await a.result()).not.toEqual(await b.result());
  });

  it('fails with the worker’s reason when a row group does not fit the schema', async () => {
    const worker = start();
    const rows = group(10, 2);
    await worker.add([rows[0]!, rows[1]!]);
    await expect(worker.result()).rejects.toThrow(
      /fingerprint worker: RangeError: fingerprint: expected 4 columns/,
    );
  });
});
