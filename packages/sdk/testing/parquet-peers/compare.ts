// Value-by-value comparison of what a reader returned with the source table. A mismatch names the
// file, the reader, the column, the row and both values; counts and schemas alone never pass.
import type { SourceTable, Value } from './source-table.js';
import { valueAt } from './source-table.js';

export interface ReadColumn {
  readonly name: string;
  /** What the reader called the type, e.g. `int32` (checked against the source when given). */
  readonly type?: string;
  readonly length: number;
  at(row: number): Value;
}

/** A table as one reader returned it, or the error it raised. */
export type ReadResult = { readonly columns: readonly ReadColumn[] } | { readonly error: string };

export interface CompareOptions {
  /** pandas semantics (fastparquet): a NaN in the source is stored as null. */
  readonly nanAsNull?: boolean;
  /** Mismatches listed per column before "… and N more". Default 3. */
  readonly perColumn?: number;
}

/** Shows -0, NaN, bigints and strings unambiguously. */
export function formatValue(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string')
    return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…(${v.length} chars)` : v);
  return Object.is(v, -0) ? '-0' : String(v);
}

export function sameValue(expected: Value, actual: Value): boolean {
  if (typeof expected === 'number' && typeof actual === 'number')
    return Object.is(expected, actual) || (Number.isNaN(expected) && Number.isNaN(actual));
  return expected === actual;
}

const TYPE_NAMES: Record<string, readonly string[]> = {
  int32: ['int32'],
  int64: ['int64'],
  float: ['float', 'float32'],
  double: ['double', 'float64'],
  string: ['string', 'str', 'utf8'],
};

/** Every difference between `result` and `source`, as messages; empty when equal value for value. */
export function compareWithSource(
  where: { readonly file: string; readonly reader: string },
  source: SourceTable,
  result: ReadResult,
  options: CompareOptions = {},
): string[] {
  const at = `${where.file}: ${where.reader}`;
  if ('error' in result) return [`${at}: read failed: ${result.error}`];
  const names = result.columns.map((c) => c.name);
  const expectedNames = source.schema.map((c) => c.name);
  if (names.join() !== expectedNames.join())
    return [`${at}: columns ${JSON.stringify(names)}, the source has ${JSON.stringify(expectedNames)}`];
  const problems: string[] = [];
  source.columns.forEach((chunk, i) => {
    const column = result.columns[i]!;
    const name = `column "${chunk.spec.name}"`;
    if (column.type !== undefined && !TYPE_NAMES[chunk.spec.type]!.includes(column.type.toLowerCase()))
      problems.push(`${at}: ${name} has type ${column.type}, the source ${chunk.spec.type}`);
    if (column.length !== source.rows) {
      problems.push(`${at}: ${name} has ${column.length} rows, the source ${source.rows}`);
      return;
    }
    let bad = 0;
    for (let row = 0; row < source.rows; row++) {
      let expected = valueAt(chunk, row);
      if (options.nanAsNull && typeof expected === 'number' && Number.isNaN(expected)) expected = null;
      const actual = column.at(row);
      if (sameValue(expected, actual)) continue;
      if (bad++ < (options.perColumn ?? 3))
        problems.push(
          `${at}: ${name} row ${row}: expected ${formatValue(expected)}, got ${formatValue(actual)}`,
        );
    }
    if (bad > (options.perColumn ?? 3))
      problems.push(`${at}: ${name}: … ${bad - (options.perColumn ?? 3)} more rows differ (${bad} in all)`);
  });
  return problems;
}
