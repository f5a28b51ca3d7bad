import { splitSizes } from '@capstone/sdk/io';
import { MOVIES_COLUMNS, SPLIT_COLUMNS } from './arrow-types.js';
import { SPLITS, type QaCheck, type QaTables, type SplitName, type TableName } from './qa-types.js';
import { moviesValueChecks, splitValueChecks, unionChecks, type QaValues } from './qa-value-checks.js';
import type { ColumnSummary, TableSummary } from './stored-table.js';

const FRACTIONS: Readonly<Record<SplitName, number>> = { train: 0.75, val: 0.15, test: 0.1 };
const n = (x: number): string => x.toLocaleString('en-US');
const describe = (columns: readonly ColumnSummary[]): string =>
  columns.map((c) => `${c.name}:${c.type}`).join(', ') || '(none)';
const check = (name: string, ok: boolean, detail: string): QaCheck => ({ name, ok, detail });

/** Whether a split has exactly the contract's columns (its values are only read then). */
export function hasSplitColumns(table: TableSummary): boolean {
  return (
    !!table.columns && describe(table.columns) === SPLIT_COLUMNS.map((c) => `${c.name}:${c.type}`).join(', ')
  );
}

/** Whether the movies table has the contract's column names, in order. */
export function hasMoviesColumns(table: TableSummary): boolean {
  return table.columns?.map((c) => c.name).join(',') === MOVIES_COLUMNS.join(',');
}

/** Every check QA runs, in report order; a check that cannot be evaluated fails and says why. */
export function qaChecks(tables: QaTables, values: QaValues): QaCheck[] {
  const names = Object.keys(tables) as TableName[];
  const missing = names.filter((t) => !tables[t].exists).map((t) => tables[t].key);
  const broken = names.filter((t) => tables[t].exists && tables[t].error);
  const checks = [
    check('objects exist', missing.length === 0, missing.length ? `missing ${missing.join(', ')}` : 'all 4'),
    check(
      'objects readable',
      broken.length === 0,
      broken.length
        ? broken.map((t) => `${tables[t].key}: ${tables[t].error}`).join('; ')
        : 'all footers read',
    ),
    ...SPLITS.map((s) => splitSchemaCheck(s, tables[s])),
    moviesCheck(tables.movies),
    ...splitValueChecks(tables, values),
    ...unionChecks(tables, values),
    ...moviesValueChecks(tables, values),
  ];
  const rows = SPLITS.map((s) => tables[s].rows);
  if (rows.some((r) => r === undefined)) {
    return [...checks, check('row counts', false, 'needs all three splits readable')];
  }
  return [...checks, ...countChecks(rows as number[], values.expected.ratings.rows)];
}

function splitSchemaCheck(split: SplitName, table: TableSummary): QaCheck {
  const name = `${split} columns`;
  if (!table.columns) return check(name, false, 'not readable');
  const expected = SPLIT_COLUMNS.map((c) => `${c.name}:${c.type}`).join(', ');
  const got = describe(table.columns);
  return check(name, got === expected, got === expected ? got : `expected ${expected}; got ${got}`);
}

function moviesCheck(table: TableSummary): QaCheck {
  if (!table.columns) return check('movies columns', false, 'not readable');
  const got = table.columns.map((c) => c.name).join(',');
  const expected = MOVIES_COLUMNS.join(',');
  const rows = table.rows ?? 0;
  if (got !== expected) return check('movies columns', false, `expected ${expected}; got ${got || '(none)'}`);
  return check('movies columns', rows > 0, rows > 0 ? `${got}; ${n(rows)} rows` : 'no rows');
}

function countChecks([train, val, test]: number[], ratingsRows: number): QaCheck[] {
  const sizes = { train: train!, val: val!, test: test! };
  const total = train! + val! + test!;
  const expected = splitSizes(ratingsRows);
  const shares = SPLITS.map((s) => {
    const ideal = FRACTIONS[s] * ratingsRows;
    const ok = sizes[s] === expected[s];
    return check(
      `${s} share`,
      ok,
      `${n(sizes[s])} rows (${((100 * sizes[s]) / Math.max(total, 1)).toFixed(2)} %; ${FRACTIONS[s] * 100} % of ${n(ratingsRows)} is ${n(ideal)}, sklearn gives ${n(expected[s])})`,
    );
  });
  // The book asserts train >= 0.75 x rows; sklearn's arithmetic rounds train down, so compare with the floor.
  const floor = Math.floor(0.75 * ratingsRows);
  return [
    check(
      'train + val + test = ratings rows',
      total === ratingsRows,
      `${n(train!)} + ${n(val!)} + ${n(test!)} = ${n(total)}; ratings.csv has ${n(ratingsRows)}`,
    ),
    ...shares,
    check(
      'train >= 0.75 x total',
      train! >= floor,
      `${n(train!)} >= floor(0.75 x ${n(ratingsRows)}) = ${n(floor)}`,
    ),
  ];
}
