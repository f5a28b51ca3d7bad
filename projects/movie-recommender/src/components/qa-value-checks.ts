// QA's value checks: each one reads every value of the stored objects (through the scans) and names the
// object, the column and the first offending value when it fails.
import {
  compareFingerprints,
  describeDifferences,
  mergeFingerprints,
  type TableFingerprint,
} from '@capstone/sdk/io';
import type { PairReport } from './pair-keys.js';
import { SPLITS, type QaCheck, type QaTables, type SplitName } from './qa-types.js';
import { ERA_START, RATINGS_RULES, ruleText } from './ratings-rules.js';
import type { MoviesScan, SplitScan } from './scan-stored-tables.js';

/** What QA read from the store, and the fingerprints the pipeline passed on. */
export interface QaValues {
  readonly splits: Partial<Record<SplitName, SplitScan>>;
  readonly movies?: MoviesScan;
  readonly pairs?: PairReport;
  readonly expected: {
    /** convert-ratings: every row of ratings.csv. */
    readonly ratings: TableFingerprint;
    /** split: each file it wrote. */
    readonly splits: Readonly<Record<SplitName, TableFingerprint>>;
    /** convert-movies: every row of movies.csv. */
    readonly movies: TableFingerprint;
  };
  /** Epoch seconds: timestamps after this are in the future. */
  readonly now: number;
}

const n = (x: number): string => x.toLocaleString('en-US');
const check = (name: string, ok: boolean, detail: string): QaCheck => ({ name, ok, detail });
const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/** Decoded without error, or a failed check saying why not. */
function decoded(name: string, key: string, scan: SplitScan | MoviesScan | undefined): QaCheck | undefined {
  if (!scan) return check(name, false, `${key}: not read (missing, unreadable or wrong columns)`);
  if (scan.error)
    return check(name, false, `${key}: cannot decode after ${n(scan.rows)} rows: ${scan.error}`);
  return undefined;
}

export function splitValueChecks(tables: QaTables, values: QaValues): QaCheck[] {
  return SPLITS.flatMap((split) => {
    const key = tables[split].key;
    const scan = values.splits[split];
    const failed = decoded(`${split} values`, key, scan);
    if (failed || !scan?.fingerprint) return [failed ?? check(`${split} values`, false, `${key}: no rows`)];
    const broken = RATINGS_RULES.filter((rule) => scan.tally[rule].count > 0).map((rule) => {
      const t = scan.tally[rule];
      const rows = t.count === 1 ? '1 row breaks it' : `${n(t.count)} rows break it`;
      return `${rule} ${ruleText(rule, values.now)}: ${rows}, first row ${n(t.firstRow)}: ${t.firstValue}`;
    });
    const rules =
      `${n(scan.rows)} rows: rating in {0.5, …, 5.0}, timestamp ${day(ERA_START)} … ${day(values.now)}, ` +
      'userId and movieId > 0';
    const differences = compareFingerprints(values.expected.splits[split], scan.fingerprint);
    return [
      check(`${split} values`, broken.length === 0, broken.length ? `${key}: ${broken.join('; ')}` : rules),
      check(
        `${split} = what split wrote`,
        differences.length === 0,
        differences.length
          ? `${key}: ${describeDifferences(differences)}`
          : `${n(scan.rows)} rows, every value as written (fingerprint)`,
      ),
    ];
  });
}

export function unionChecks(tables: QaTables, values: QaValues): QaCheck[] {
  const prints = SPLITS.map((s) => values.splits[s]?.fingerprint);
  const union = 'train ∪ val ∪ test = converted ratings';
  const unique = '(userId, movieId) pairs unique';
  if (prints.some((p) => p === undefined) || !values.pairs) {
    const why = 'needs all three splits decoded';
    return [check(union, false, why), check(unique, false, why)];
  }
  const [train, val, test] = prints as TableFingerprint[];
  const differences = compareFingerprints(
    values.expected.ratings,
    mergeFingerprints(mergeFingerprints(train!, val!), test!),
  );
  const { pairs, repeats, examples } = values.pairs;
  const shown = examples
    .map((e) => `(userId ${e.userId}, movieId ${e.movieId}) in ${e.splits.join(' and ')}`)
    .join('; ');
  const keys = SPLITS.map((s) => tables[s].key).join(', ');
  return [
    check(
      union,
      differences.length === 0,
      differences.length
        ? `${keys}: ${describeDifferences(differences)}`
        : `${n(values.expected.ratings.rows)} rows of ratings.csv, each exactly once (fingerprint)`,
    ),
    check(
      unique,
      repeats === 0,
      repeats === 0
        ? `${n(pairs)} pairs, each in one split, once`
        : `${repeats === 1 ? '1 row repeats' : `${n(repeats)} rows repeat`} a pair: ${shown}` +
            (repeats > examples.length ? '; …' : ''),
    ),
  ];
}

export function moviesValueChecks(tables: QaTables, values: QaValues): QaCheck[] {
  const key = tables.movies.key;
  const scan = values.movies;
  const failed = decoded('movies values', key, scan);
  if (failed || !scan?.fingerprint) return [failed ?? check('movies values', false, `${key}: no rows`)];
  const bad = scan.invalidUtf8.map(
    (f) => `column ${f.column} row ${n(f.row)} is not valid UTF-8: ${JSON.stringify(f.value)}`,
  );
  const differences = compareFingerprints(values.expected.movies, scan.fingerprint);
  return [
    check(
      'movies values',
      bad.length === 0,
      bad.length ? `${key}: ${bad.join('; ')}` : `${n(scan.rows)} rows: titles and genres valid UTF-8`,
    ),
    check(
      'movies = converted movies.csv',
      differences.length === 0,
      differences.length
        ? `${key}: ${describeDifferences(differences)}`
        : `${n(scan.rows)} rows, as movies.csv has, every value equal (fingerprint)`,
    ),
  ];
}
