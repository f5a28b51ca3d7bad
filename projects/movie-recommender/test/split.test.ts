import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  compareFingerprints,
  csvToParquet,
  describeDifferences,
  fingerprintParquetFile,
  mergeFingerprints,
  parseFingerprint,
  type TableFingerprint,
} from '@capstone/sdk/io';
import { runComponent } from '@capstone/sdk/runtime';
import { ratingsSchema } from '../src/components/ml25m-schemas.js';
import { writeRatingsCsv } from '../src/samples/generate-ratings.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { main as splitMain } from '../src/components/split.main.js';

describe('split component', () => {
  let dir: string;
  let parquet: string;
  let fingerprint: TableFingerprint;
  let n = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mr-split-'));
    await writeRatingsCsv(join(dir, 'ratings.csv'), { rows: 1_000 });
    parquet = join(dir, 'ratings.parquet');
    const converted = await csvToParquet(join(dir, 'ratings.csv'), parquet, {
      schema: ratingsSchema,
      compression: 'none',
      fingerprint: true,
    });
    fingerprint = converted.fingerprint!;
  });

  const run = async (fingerprintJson: string) => {
    n += 1;
    const out = (name: string) => join(dir, `run-${n}`, name);
    const err = new PassThrough();
    const chunks: Buffer[] = [];
    err.on('data', (chunk: Buffer) => chunks.push(chunk));
    const outputs = ['splits', 'train_rows', 'val_rows', 'test_rows', 'fingerprints'];
    const code = await runComponent(splitMain, {
      argv: ['--ratings', parquet, '--fingerprint', fingerprintJson, '--random_state', '42'].concat(
        outputs.flatMap((o) => [`--${o}`, out(o)]),
      ),
      env: {},
      stdout: new PassThrough(),
      stderr: err,
    });
    return { code, stderr: Buffer.concat(chunks).toString('utf8'), out };
  };

  it('passes on a fingerprint per file that the file read back matches; together they are the input', async () => {
    const result = await run(JSON.stringify(fingerprint));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const parts = JSON.parse(await readFile(result.out('fingerprints'), 'utf8')) as Record<string, unknown>;
    const [train, val, test] = ['train', 'val', 'test'].map((s) =>
      parseFingerprint(JSON.stringify(parts[s]), s),
    );
    expect([train!.rows, val!.rows, test!.rows]).toEqual([750, 150, 100]);
    expect(
      compareFingerprints(fingerprint, mergeFingerprints(mergeFingerprints(train!, val!), test!)),
    ).toEqual([]);
    for (const [name, expected] of [
      ['train', train],
      ['val', val],
      ['test', test],
    ] as const) {
      const stored = await fingerprintParquetFile(join(result.out('splits'), `${name}.parquet.gzip`));
      expect(compareFingerprints(expected!, stored)).toEqual([]);
    }
  });

  it('hands on a wrong input fingerprint in train, where the stored file no longer matches it (QA fails)', async () => {
    const columns = fingerprint.columns.map((c) => (c.name === 'rating' ? { ...c, sum: '1' } : c));
    const result = await run(JSON.stringify({ ...fingerprint, columns }));
    expect(result.code).toBe(0);
    const parts = JSON.parse(await readFile(result.out('fingerprints'), 'utf8')) as Record<string, unknown>;
    const train = parseFingerprint(JSON.stringify(parts.train), 'train');
    const stored = await fingerprintParquetFile(join(result.out('splits'), 'train.parquet.gzip'));
    expect(describeDifferences(compareFingerprints(train, stored))).toMatch(/^column rating: sum /);
  });

  it('fails when the input fingerprint counts other rows than the file holds', async () => {
    const result = await run(JSON.stringify({ ...fingerprint, rows: fingerprint.rows + 1 }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: split: the converted ratings hold 1001 rows, so train should hold 751, but the split wrote 750$/m,
    );
  });

  it('refuses a fingerprint it cannot read', async () => {
    const result = await run('{"rows": 3}');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the fingerprint input (convert-ratings): not a table fingerprint');
  });
});
