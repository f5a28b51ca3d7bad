// The parallel CSV parse must write exactly the file the single-thread scanner writes, whatever the chunk
// boundaries cut: quoted fields with newlines and commas across boundaries, CRLF, blank lines, no final
// newline, tiny and empty inputs, rows that fill row groups exactly; and report the same errors, with
// absolute line numbers.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvToParquet, type CsvToParquetOptions } from '../csv-to-parquet.js';
import type { TableSchema } from '../table-schema.js';
import { recordBoundary } from './parallel-scan.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parallel-csv-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const movies: TableSchema = [
  { name: 'movieId', type: 'int32' },
  { name: 'title', type: 'string' },
  { name: 'score', type: 'double', nullable: true },
  { name: 'ts', type: 'int64' },
];

function moviesCsv(rows: number, eol = '\n'): string {
  const lines = ['movieId,title,score,ts'];
  for (let i = 0; i < rows; i++) {
    const title =
      i % 7 === 0
        ? `"Line one${eol}line two, with ""quotes"" (${i})"`
        : i % 5 === 0
          ? `"Comma, The (${1900 + (i % 120)})"`
          : `Plain ${i} ✓`;
    const score = i % 11 === 0 ? '' : String((i % 97) / 8);
    lines.push(`${i + 1},${title},${score},${1_500_000_000 + i * 3}`);
    if (i % 13 === 0) lines.push('');
  }
  return lines.join(eol);
}

async function both(name: string, text: string, options: CsvToParquetOptions): Promise<[Buffer, Buffer]> {
  const csv = join(dir, `${name}.csv`);
  await writeFile(csv, text);
  const single = join(dir, `${name}-1.parquet`);
  const parallel = join(dir, `${name}-2.parquet`);
  const a = await csvToParquet(csv, single, { ...options, parseWorkers: 0 });
  const b = await csvToParquet(csv, parallel, { ...options, parseWorkers: 2 });
  expect(b.rows).toBe(a.rows);
  return [await readFile(single), await readFile(parallel)];
}

describe('parallel CSV parse', () => {
  const cases: Array<[string, string, CsvToParquetOptions]> = [
    ['quoted newlines across tiny chunks', moviesCsv(800), { schema: movies, parseChunkBytes: 97 }],
    ['CRLF with quoted CRLF inside fields', moviesCsv(800, '\r\n'), { schema: movies, parseChunkBytes: 64 }],
    ['no final newline', moviesCsv(500).trimEnd(), { schema: movies, parseChunkBytes: 50 }],
    [
      'row groups that end inside chunks',
      moviesCsv(5000),
      { schema: movies, rowGroupSize: 333, parseChunkBytes: 4096 },
    ],
    [
      'rows that fill row groups exactly',
      moviesCsv(1000),
      { schema: movies, rowGroupSize: 100, parseChunkBytes: 999 },
    ],
    ['one row', moviesCsv(1), { schema: movies, parseChunkBytes: 8 }],
    ['header only', 'movieId,title,score,ts\n', { schema: movies }],
    [
      'inferred schema, gzip, fingerprint',
      moviesCsv(2000),
      { parseChunkBytes: 1000, compression: 'gzip', fingerprint: true },
    ],
  ];
  for (const [name, text, options] of cases) {
    it(`writes the single-thread file byte for byte: ${name}`, async () => {
      const [single, parallel] = await both(name.replaceAll(/\W+/g, '-'), text, options);
      expect(parallel.equals(single)).toBe(true);
    });
  }

  it('reports the first bad row with its absolute line, as the single-thread scanner does', async () => {
    const lines = moviesCsv(3000).split('\n');
    const at = lines.findIndex((l, i) => i > 2000 && l.startsWith('2400,'));
    lines[at] = lines[at]!.replace(/,(\d+)$/, ',12x');
    const csv = join(dir, 'bad.csv');
    await writeFile(csv, lines.join('\n'));
    const errors = await Promise.all(
      [0, 2].map((parseWorkers) =>
        csvToParquet(csv, join(dir, `bad-${parseWorkers}.parquet`), {
          schema: movies,
          parseWorkers,
          parseChunkBytes: 300,
        }).then(
          () => new Error('converted without an error'),
          (e: unknown) => e as Error,
        ),
      ),
    );
    expect(errors[1]!.message).toBe(errors[0]!.message);
    expect(errors[0]!.message).toMatch(new RegExp(`:${at + 1}: column ts \\(int64\\) got "12x"`));
  });
});

describe("parallel CSV parse: the caller's checks", () => {
  it('reports a domain-rule problem at the same absolute line, and an empty input as empty', async () => {
    const csv = join(dir, 'rules.csv');
    await writeFile(csv, moviesCsv(3000));
    const checkRows: CsvToParquetOptions['checkRows'] = (columns) => {
      const ts = columns.find((c) => c.spec.name === 'ts')!.values as BigInt64Array;
      const row = ts.findIndex((t) => t === 1_500_000_000n + 2345n * 3n);
      return row < 0
        ? undefined
        : { row, column: 'ts', reason: 'is the one we look for', value: String(ts[row]) };
    };
    const messages = await Promise.all(
      [0, 2].map((parseWorkers) =>
        csvToParquet(csv, join(dir, `rules-${parseWorkers}.parquet`), {
          schema: movies,
          rowGroupSize: 1000,
          parseWorkers,
          parseChunkBytes: 700,
          checkRows,
        }).then(
          () => 'converted',
          (e: unknown) => (e as Error).message,
        ),
      ),
    );
    expect(messages[1]).toBe(messages[0]);
    expect(messages[0]).toMatch(/rules\.csv:\d+: column ts is the one we look for/);
    const empty = join(dir, 'empty.csv');
    await writeFile(empty, 'movieId,title,score,ts\n\n');
    await expect(
      csvToParquet(empty, join(dir, 'empty.parquet'), { schema: movies, parseWorkers: 2, allowEmpty: false }),
    ).rejects.toThrow(/no data rows after the header/);
  });
});

describe('recordBoundary', () => {
  const b = (s: string) => recordBoundary(Buffer.from(s), Buffer.byteLength(s));
  it('ends after the last newline outside quotes', () => {
    expect(b('a,b\nc,d\ne')).toBe(8);
    expect(b('a,"x\ny"\nc,"z\n')).toBe(8);
    expect(b('a,"x\n""y\n')).toBe(-1);
    expect(b('no newline')).toBe(-1);
    expect(b('"a""b"\n')).toBe(7);
  });
});
