import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  abandonStaging,
  csvToParquet,
  openStaging,
  fingerprintParquetFile,
  FsObjectStore,
  ParquetWriter,
  readColumnChunks,
  splitParquet,
  type ColumnChunk,
  type Compression,
  type ObjectStore,
} from '@capstone/sdk/io';
import { runComponent } from '@capstone/sdk/runtime';
import { ML25M_OBJECTS } from '../src/components/ml25m-layout.js';
import { moviesSchema, ratingsSchema } from '../src/components/ml25m-schemas.js';
import { writeMoviesCsv } from '../src/samples/generate-movies.js';
import { writeRatingsCsv } from '../src/samples/generate-ratings.js';
import { main as qaMain } from '../src/components/qa.main.js';

export type TableName = 'train' | 'val' | 'test' | 'movies';

export interface QaFixture {
  readonly dir: string;
  readonly store: ObjectStore;
  readonly bucket: string;
  readonly ratingsRows: number;
  /** Local copies of the four good objects, by table name. */
  readonly files: Readonly<Record<TableName, string>>;
  /** What the next `runQa` stages as each table (a table left out is not staged): the good files at first. */
  readonly objects: Map<TableName, string>;
  /** The fingerprints the pipeline would pass to qa (JSON), from the conversions and the split. */
  readonly fingerprints: { readonly ratings: string; readonly splits: string; readonly movies: string };
}

/** Writes a good ml-25m set (ratings split 75/15/10, movies); `runQa` stages it in a filesystem store. */
export async function writeQaFixture(dir: string, ratingsRows = 2_000): Promise<QaFixture> {
  await mkdir(dir, { recursive: true });
  await writeRatingsCsv(join(dir, 'ratings.csv'), { rows: ratingsRows });
  await writeMoviesCsv(join(dir, 'movies.csv'), { rows: 50 });
  const ratings = await csvToParquet(join(dir, 'ratings.csv'), join(dir, 'ratings.parquet'), {
    schema: ratingsSchema,
    fingerprint: true,
  });
  const movies = await csvToParquet(join(dir, 'movies.csv'), join(dir, 'movies.parquet.gzip'), {
    schema: moviesSchema,
    fingerprint: true,
  });
  const { files } = await splitParquet(join(dir, 'ratings.parquet'), join(dir, 'splits'), { seed: 42 });
  const splits = {
    train: await fingerprintParquetFile(files.train),
    val: await fingerprintParquetFile(files.val),
    test: await fingerprintParquetFile(files.test),
  };
  const store = new FsObjectStore(join(dir, 'objects'));
  const fixture: QaFixture = {
    dir,
    store,
    bucket: 'datasets',
    ratingsRows,
    files: { ...files, movies: join(dir, 'movies.parquet.gzip') },
    objects: new Map(),
    fingerprints: {
      ratings: JSON.stringify(ratings.fingerprint),
      splits: JSON.stringify(splits),
      movies: JSON.stringify(movies.fingerprint),
    },
  };
  resetObjects(fixture);
  return fixture;
}

/** The next `runQa` stages the four good files again. */
export function resetObjects(fixture: QaFixture): void {
  fixture.objects.clear();
  for (const [name, path] of Object.entries(fixture.files)) fixture.objects.set(name as TableName, path);
}

/** Stages `fixture.objects` as a new version of `datasets/ml-25m/`, as the uploads do; returns its id. */
async function stageObjects(fixture: QaFixture): Promise<{ version: string; done: () => Promise<void> }> {
  const staging = await openStaging(
    fixture.store,
    { bucket: fixture.bucket, prefix: 'ml-25m' },
    { owns: ML25M_OBJECTS },
  );
  for (const [name, path] of fixture.objects) await staging.stageFile(`${name}.parquet.gzip`, path);
  await staging.save();
  staging.lease.stop();
  return { version: staging.version, done: () => abandonStaging(staging) };
}

export interface Rating {
  userId: number;
  movieId: number;
  rating: number;
  timestamp: bigint;
}

/** Every row of a local ratings split, as objects (test sizes only). */
export async function readRatings(path: string): Promise<Rating[]> {
  const rows: Rating[] = [];
  for await (const [u, m, r, t] of readColumnChunks(path)) {
    for (let i = 0; i < u!.length; i++) {
      rows.push({
        userId: u!.values![i] as number,
        movieId: m!.values![i] as number,
        rating: r!.values![i] as number,
        timestamp: t!.values![i] as bigint,
      });
    }
  }
  return rows;
}

/** Writes rows as a ratings split with our writer (one row group). */
export async function writeRatings(path: string, rows: readonly Rating[], compression: Compression = 'gzip') {
  const writer = await ParquetWriter.open(path, ratingsSchema, { compression, intEncoding: 'plain' });
  const column = (i: number, values: Int32Array | Float32Array | BigInt64Array) => ({
    spec: ratingsSchema[i]!,
    length: rows.length,
    values,
    nullCount: 0,
  });
  await writer.writeRowGroup([
    column(
      0,
      Int32Array.from(rows, (r) => r.userId),
    ),
    column(
      1,
      Int32Array.from(rows, (r) => r.movieId),
    ),
    column(
      2,
      Float32Array.from(rows, (r) => r.rating),
    ),
    column(
      3,
      BigInt64Array.from(rows, (r) => r.timestamp),
    ),
  ]);
  await writer.close();
}

/** Rewrites a Parquet file row group by row group through `edit`, with our writer (which checks no values). */
export async function rewriteTable(
  from: string,
  to: string,
  edit: (columns: ColumnChunk[]) => ColumnChunk[],
): Promise<void> {
  let writer: ParquetWriter | undefined;
  for await (const group of readColumnChunks(from)) {
    writer ??= await ParquetWriter.open(
      to,
      group.map((c) => c.spec),
    );
    await writer.writeRowGroup(edit(group));
  }
  await writer?.close();
}

/** Rows `[start, end)` of a chunk (numbers or strings, no nulls). */
export function sliceRows(chunk: ColumnChunk, start: number, end: number): ColumnChunk {
  const length = end - start;
  if (!chunk.offsets || !chunk.bytes) return { ...chunk, length, values: chunk.values!.subarray(start, end) };
  const offsets = chunk.offsets.subarray(start, end + 1).map((o) => o - chunk.offsets![start]!);
  const bytes = chunk.bytes.subarray(chunk.offsets[start], chunk.offsets[end]);
  return { ...chunk, length, offsets, bytes };
}

export interface QaRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly report: string;
}

/** Runs the qa component as its image does (command line in, exit code out) against the fixture's store. */
export async function runQa(fixture: QaFixture): Promise<QaRun> {
  const report = join(fixture.dir, `report-${Date.now()}-${Math.random().toString(36).slice(2)}.md`);
  const capture = () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
  };
  const out = capture();
  const err = capture();
  const { ratings, splits, movies } = fixture.fingerprints;
  const staged = await stageObjects(fixture);
  const exitCode = await runComponent(qaMain, {
    argv: [
      '--bucket',
      fixture.bucket,
      '--prefix',
      'ml-25m',
      '--version',
      staged.version,
      '--report',
      report,
    ].concat([
      '--s3_endpoint',
      '',
      '--s3_region',
      '',
      '--ratings_fingerprint',
      ratings,
      '--split_fingerprints',
      splits,
      '--movies_fingerprint',
      movies,
    ]),
    env: { CAPSTONE_OBJECT_STORE_DIR: join(fixture.dir, 'objects') },
    stdout: out.stream,
    stderr: err.stream,
  });
  await staged.done();
  const text = await readFile(report, 'utf8').catch(() => '');
  return { exitCode, stdout: out.text(), stderr: err.text(), report: text };
}
