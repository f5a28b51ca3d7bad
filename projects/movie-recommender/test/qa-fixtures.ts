import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  csvToParquet,
  FsObjectStore,
  moviesSchema,
  ratingsSchema,
  splitParquet,
  type ObjectStore,
} from '@capstone/sdk/io';
import { runComponent } from '@capstone/sdk/runtime';
import { writeMoviesCsv, writeRatingsCsv } from '@capstone/sdk/testing';
import { main as qaMain } from '../src/components/qa.main.js';

export interface QaFixture {
  readonly dir: string;
  readonly store: ObjectStore;
  readonly bucket: string;
  readonly ratingsRows: number;
  /** Local copies of the four good objects, by table name. */
  readonly files: Readonly<Record<'train' | 'val' | 'test' | 'movies', string>>;
}

/** Writes a good ml-25m set (ratings split 75/15/10, movies) into a filesystem store under `ml-25m/`. */
export async function writeQaFixture(dir: string, ratingsRows = 2_000): Promise<QaFixture> {
  await mkdir(dir, { recursive: true });
  await writeRatingsCsv(join(dir, 'ratings.csv'), { rows: ratingsRows });
  await writeMoviesCsv(join(dir, 'movies.csv'), { rows: 50 });
  await csvToParquet(join(dir, 'ratings.csv'), join(dir, 'ratings.parquet'), { schema: ratingsSchema });
  await csvToParquet(join(dir, 'movies.csv'), join(dir, 'movies.parquet.gzip'), { schema: moviesSchema });
  const { files } = await splitParquet(join(dir, 'ratings.parquet'), join(dir, 'splits'), { seed: 42 });
  const store = new FsObjectStore(join(dir, 'objects'));
  const fixture: QaFixture = {
    dir,
    store,
    bucket: 'datasets',
    ratingsRows,
    files: { ...files, movies: join(dir, 'movies.parquet.gzip') },
  };
  await store.ensureBucket(fixture.bucket);
  for (const [name, path] of Object.entries(fixture.files)) {
    await store.putFile(fixture.bucket, `ml-25m/${name}.parquet.gzip`, path);
  }
  return fixture;
}

export interface QaRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly report: string;
}

/** Runs the qa component as its image does (command line in, exit code out) against the fixture's store. */
export async function runQa(fixture: QaFixture, ratingsRows = fixture.ratingsRows): Promise<QaRun> {
  const report = join(fixture.dir, `report-${Date.now()}-${Math.random().toString(36).slice(2)}.md`);
  const capture = () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
  };
  const out = capture();
  const err = capture();
  const exitCode = await runComponent(qaMain, {
    argv: ['--bucket', fixture.bucket, '--prefix', 'ml-25m', '--ratings_rows', String(ratingsRows)].concat([
      '--report',
      report,
    ]),
    env: { CAPSTONE_OBJECT_STORE_DIR: join(fixture.dir, 'objects') },
    stdout: out.stream,
    stderr: err.stream,
  });
  const text = await readFile(report, 'utf8').catch(() => '');
  return { exitCode, stdout: out.text(), stderr: err.text(), report: text };
}
