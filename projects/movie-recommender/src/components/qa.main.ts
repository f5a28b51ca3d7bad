import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FingerprintFormatError,
  objectStoreFromParams,
  parseFingerprint,
  readStagedVersion,
  ParquetReadWorker,
  type ColumnChunk,
  type ReadColumnsOptions,
} from '@capstone/sdk/io';
import { implementComponent } from '@capstone/sdk/runtime';
import { QaFailedError } from './errors.js';
import { ML25M_OBJECTS } from './ml25m-layout.js';
import { PairKeys, type PairReport } from './pair-keys.js';
import { hasMoviesColumns, hasSplitColumns, qaChecks } from './qa-checks.js';
import { qaReport } from './qa-report.js';
import { SPLITS, type QaTables, type SplitName } from './qa-types.js';
import type { QaValues } from './qa-value-checks.js';
import { qa } from './qa.js';
import { scanMovies, scanRatingsSplit, type SplitScan } from './scan-stored-tables.js';
import { fetchVersionTable, forEachRowGroup, type ReadRowGroups, type StoredTable } from './stored-table.js';

function expectedFingerprints(inputs: {
  ratings_fingerprint: string;
  split_fingerprints: string;
  movies_fingerprint: string;
}): QaValues['expected'] {
  let parts: Record<string, unknown>;
  try {
    parts = JSON.parse(inputs.split_fingerprints) as Record<string, unknown>;
  } catch {
    throw new FingerprintFormatError('split_fingerprints', 'not JSON');
  }
  const part = (s: SplitName) =>
    parseFingerprint(JSON.stringify(parts[s] ?? null), `split_fingerprints.${s}`);
  return {
    ratings: parseFingerprint(inputs.ratings_fingerprint, 'ratings_fingerprint'),
    splits: { train: part('train'), val: part('val'), test: part('test') },
    movies: parseFingerprint(inputs.movies_fingerprint, 'movies_fingerprint'),
  };
}

/**
 * Scans each split whose columns are right as soon as its object is fetched: the smaller ones first (by
 * the manifest's sizes; their pair keys are kept), then the largest, whose keys stream through the pair
 * merge; `pairs` finishes it (re-reading the largest split's keys when they were not in order).
 */
async function scanSplits(
  fetched: Readonly<Record<SplitName, Promise<StoredTable>>>,
  sizes: Readonly<Record<SplitName, number>>,
  now: number,
  reader: ReadRowGroups,
): Promise<{ scans: Partial<Record<SplitName, SplitScan>>; pairs: () => Promise<PairReport> }> {
  const keys = new PairKeys();
  const order = [...SPLITS].sort((a, b) => sizes[a] - sizes[b]);
  const largest = order.at(-1)!;
  let streamed = true;
  const scans: Partial<Record<SplitName, SplitScan>> = {};
  for (const s of order) {
    const { path, summary } = await fetched[s];
    if (!path || !hasSplitColumns(summary)) continue;
    keys.reserve(s, summary.rows ?? 0);
    scans[s] = await scanRatingsSplit(
      path,
      now,
      (users, movies) => {
        if (s !== largest) keys.add(s, users, movies);
        else if (streamed) streamed = keys.stream(s, users, movies);
      },
      reader,
    );
  }
  const pairs = async (): Promise<PairReport> => {
    if (!streamed) {
      const add = (columns: readonly ColumnChunk[]) =>
        keys.add(largest, columns[0]!.values as Int32Array, columns[1]!.values as Int32Array);
      const options = { columns: ['userId', 'movieId'], reader };
      const read = await forEachRowGroup((await fetched[largest]).path!, add, options);
      if (read.error) throw new Error(`${(await fetched[largest]).summary.key}: ${read.error}`);
    }
    return keys.report();
  };
  return { scans, pairs };
}

export const main = implementComponent(qa, async ({ inputs, outputs, log, env }) => {
  const expected = expectedFingerprints(inputs);
  const now = Date.now() / 1000;
  const store = objectStoreFromParams(inputs, env, { log });
  // The version the uploads staged, read through its record: what `publish` will commit, byte for byte.
  const { manifest } = await readStagedVersion(
    store,
    { bucket: inputs.bucket, prefix: inputs.prefix },
    inputs.version,
  );
  log(`object store: ${store.description}; bucket ${inputs.bucket}, staged version ${manifest.version}`);
  const work = await mkdtemp(join(env.TMPDIR ?? tmpdir(), 'ml25m-qa-'));
  // Decodes on the other core while this thread checks the values (one worker for every object).
  const worker = new ParquetReadWorker();
  // Each row group's arrays go back to the worker once checked, to decode later row groups into.
  const reader: ReadRowGroups = Object.assign(
    (path: string, options: ReadColumnsOptions) => worker.read(path, options),
    { release: (group: readonly ColumnChunk[]) => worker.release(group) },
  );
  try {
    // All four download at once; each split is checked as soon as it is here.
    const fetched = ML25M_OBJECTS.map((name) => fetchVersionTable(store, manifest, name, work));
    for (const f of fetched) void f.catch(() => undefined);
    const [train, val, test, movies] = fetched;
    const size = (name: string) => manifest.objects.find((o) => o.name === name)?.size ?? 0;
    const sizes = {
      train: size(ML25M_OBJECTS[0]),
      val: size(ML25M_OBJECTS[1]),
      test: size(ML25M_OBJECTS[2]),
    };
    // Every value of every object, one object at a time (memory: a row group, plus 8 bytes a rating of the
    // smaller splits for pairs: the largest split's keys are merged with theirs as it is read).
    const splits = await scanSplits({ train: train!, val: val!, test: test! }, sizes, now, reader);
    const stored = { train: await train!, val: await val!, test: await test!, movies: await movies! };
    const tables: QaTables = {
      train: stored.train.summary,
      val: stored.val.summary,
      test: stored.test.summary,
      movies: stored.movies.summary,
    };
    const allRead = SPLITS.every((s) => splits.scans[s] && !splits.scans[s].error);
    const values: QaValues = {
      splits: splits.scans,
      movies:
        stored.movies.path && hasMoviesColumns(tables.movies)
          ? await scanMovies(stored.movies.path, reader)
          : undefined,
      pairs: allRead ? await splits.pairs() : undefined,
      expected,
      now,
    };
    const checks = qaChecks(tables, values);
    const report = qaReport(inputs.bucket, tables, checks);
    for (const line of report.trimEnd().split('\n')) log(line);
    await writeFile(outputs.report.path, report);
    const failed = checks.filter((c) => !c.ok);
    if (failed.length > 0) throw new QaFailedError(failed);
  } finally {
    await worker.close();
    await rm(work, { recursive: true, force: true });
  }
});
