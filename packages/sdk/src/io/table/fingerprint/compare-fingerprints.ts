// Comparing fingerprints (naming the column and the figure that differ) and reading them back from the
// JSON a component passed on as a parameter.
import { FingerprintFormatError } from '../table-errors.js';
import { ColumnType } from '../table-schema.js';
import { isDecimal } from './exact-sum.js';
import { FINGERPRINT_FORMAT } from './table-fingerprint.js';
import type { ColumnFingerprint, TableFingerprint } from './table-fingerprint.js';

export interface FingerprintDifference {
  /** The column, for per-column figures. */
  readonly column?: string;
  readonly what: 'columns' | 'rows' | 'nulls' | 'sum' | 'nonFinite' | 'hash' | 'rowHash';
  readonly expected: string;
  readonly actual: string;
}

const COLUMN_FIGURES = ['nulls', 'sum', 'nonFinite', 'hash'] as const;
const describeColumns = (f: TableFingerprint) => f.columns.map((c) => `${c.name}:${c.type}`).join(', ');

/** Every figure of `actual` that differs from `expected`; empty when they match. */
export function compareFingerprints(
  expected: TableFingerprint,
  actual: TableFingerprint,
): FingerprintDifference[] {
  const [want, got] = [describeColumns(expected), describeColumns(actual)];
  if (want !== got) return [{ what: 'columns', expected: want, actual: got }];
  const differences: FingerprintDifference[] = [];
  if (expected.rows !== actual.rows) {
    differences.push({ what: 'rows', expected: String(expected.rows), actual: String(actual.rows) });
  }
  expected.columns.forEach((column, i) => {
    const other = actual.columns[i]!;
    for (const what of COLUMN_FIGURES) {
      if (String(column[what]) !== String(other[what])) {
        differences.push({
          column: column.name,
          what,
          expected: String(column[what]),
          actual: String(other[what]),
        });
      }
    }
  });
  if (expected.rowHash !== actual.rowHash) {
    differences.push({ what: 'rowHash', expected: expected.rowHash, actual: actual.rowHash });
  }
  return differences;
}

const LABEL: Readonly<Record<FingerprintDifference['what'], string>> = {
  columns: 'columns',
  rows: 'rows',
  nulls: 'nulls',
  sum: 'sum',
  nonFinite: 'NaN/Infinity values',
  hash: 'value hash',
  rowHash: 'row hash',
};

/** One line, e.g. `rows 1,999 (expected 2,000); column rating: sum 7,000.5 (expected 7001)`. */
export function describeDifferences(differences: readonly FingerprintDifference[]): string {
  if (differences.length === 1 && differences[0]!.what === 'rowHash') {
    return 'row hash differs: every column holds the same values, but they are combined into different rows';
  }
  const byColumn = new Map<string, FingerprintDifference[]>();
  for (const d of differences) {
    if (d.column !== undefined) byColumn.set(d.column, [...(byColumn.get(d.column) ?? []), d]);
  }
  return [
    ...differences.filter((d) => d.what === 'columns' || d.what === 'rows').map(figure),
    ...[...byColumn].map(([name, ds]) => `column ${name}: ${ds.map(figure).join(', ')}`),
    ...differences.filter((d) => d.what === 'rowHash').map(figure),
  ].join('; ');
}

function figure(d: FingerprintDifference): string {
  // Exact sums of garbage floats can run to hundreds of digits: past 30 characters, show 12 significant ones.
  const pretty = (v: string) =>
    d.what === 'rows' || d.what === 'nulls'
      ? Number(v).toLocaleString('en-US')
      : v.length > 30
        ? `≈${Number(v).toPrecision(12)}`
        : v;
  if (d.what === 'hash' || d.what === 'rowHash')
    return `${LABEL[d.what]} ${d.actual} (expected ${d.expected})`;
  return `${LABEL[d.what]} ${pretty(d.actual)} (expected ${pretty(d.expected)})`;
}

const HEX64 = /^[0-9a-f]{16}$/;
const TYPES = new Set<string>(Object.values(ColumnType));

/** Parses and checks a fingerprint passed on as JSON; `source` names where it came from in errors. */
export function parseFingerprint(text: string, source: string): TableFingerprint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FingerprintFormatError(source, `not JSON: ${JSON.stringify(text.slice(0, 80))}`);
  }
  const f = value as Partial<TableFingerprint> | null;
  if (!f || f.format !== FINGERPRINT_FORMAT) {
    throw new FingerprintFormatError(source, `expected format ${FINGERPRINT_FORMAT}`);
  }
  if (!Number.isSafeInteger(f.rows) || (f.rows ?? -1) < 0)
    throw new FingerprintFormatError(source, 'bad rows');
  if (typeof f.rowHash !== 'string' || !HEX64.test(f.rowHash)) {
    throw new FingerprintFormatError(source, 'bad rowHash');
  }
  if (!Array.isArray(f.columns)) throw new FingerprintFormatError(source, 'no columns');
  f.columns.forEach((c: Partial<ColumnFingerprint>, i) => {
    const ok =
      typeof c.name === 'string' &&
      TYPES.has(c.type ?? '') &&
      Number.isSafeInteger(c.nulls) &&
      typeof c.sum === 'string' &&
      isDecimal(c.sum) &&
      (c.hash === undefined || (typeof c.hash === 'string' && HEX64.test(c.hash)));
    if (!ok) throw new FingerprintFormatError(source, `bad column ${i}: ${JSON.stringify(c)}`);
  });
  return f as TableFingerprint;
}
