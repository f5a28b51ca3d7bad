import { describe, expect, it } from 'vitest';
import { compareWithSource } from './compare.js';
import type { ReadColumn, ReadResult } from './compare.js';
import { columnOf, valueAt } from './source-table.js';
import type { SourceTable, Value } from './source-table.js';

const source: SourceTable = (() => {
  const schema = [
    { name: 'i', type: 'int32' as const },
    { name: 'l', type: 'int64' as const, nullable: true },
    { name: 'f', type: 'double' as const },
    { name: 's', type: 'string' as const, nullable: true },
  ];
  const values: Value[][] = [
    [1, -(2 ** 31), 7],
    [2n ** 63n - 1n, null, 2n ** 53n + 1n],
    [-0, NaN, 5e-324],
    ['', null, '🎬'],
  ];
  return { name: 't', schema, rows: 3, columns: schema.map((s, i) => columnOf(s, values[i]!)) };
})();

/** The source as a reader would return it, with `edit(column, row, value)` applied. */
function read(edit?: (column: string, row: number, value: Value) => Value): ReadResult {
  return {
    columns: source.columns.map(
      (c): ReadColumn => ({
        name: c.spec.name,
        length: c.length,
        at: (row) => (edit ? edit(c.spec.name, row, valueAt(c, row)) : valueAt(c, row)),
      }),
    ),
  };
}
const where = { file: 'f.parquet', reader: 'r' };
const only = (column: string, row: number, to: Value) => (c: string, r: number, v: Value) =>
  c === column && r === row ? to : v;

describe('compareWithSource', () => {
  it('passes the source itself: NaN equals NaN, -0 equals -0', () => {
    expect(compareWithSource(where, source, read())).toEqual([]);
  });

  it.each([
    ['i', 2, 8, 'column "i" row 2: expected 7, got 8'],
    ['l', 0, 2n ** 63n - 2n, 'column "l" row 0: expected 9223372036854775807n, got 9223372036854775806n'],
    ['l', 2, 2 ** 53 + 1, 'column "l" row 2: expected 9007199254740993n, got 9007199254740992'],
    ['l', 1, 0n, 'column "l" row 1: expected null, got 0n'],
    ['f', 0, 0, 'column "f" row 0: expected -0, got 0'],
    ['f', 1, 0, 'column "f" row 1: expected NaN, got 0'],
    ['f', 2, 0, 'column "f" row 2: expected 5e-324, got 0'],
    ['s', 0, null, 'column "s" row 0: expected "", got null'],
    ['s', 2, '🎬 ', 'column "s" row 2: expected "🎬", got "🎬 "'],
  ] as const)('names column %s row %i when one value differs', (column, row, to, message) => {
    expect(compareWithSource(where, source, read(only(column, row, to)))).toEqual([
      `f.parquet: r: ${message}`,
    ]);
  });

  it('reports missing rows, renamed columns, wrong types and read errors', () => {
    const short = read();
    const cut: ReadResult = {
      columns: 'columns' in short ? short.columns.map((c) => ({ ...c, length: 2 })) : [],
    };
    expect(compareWithSource(where, source, cut)).toContain(
      'f.parquet: r: column "i" has 2 rows, the source 3',
    );
    const renamed: ReadResult = { columns: 'columns' in short ? short.columns.slice(1) : [] };
    expect(compareWithSource(where, source, renamed)[0]).toMatch(/columns \["l","f","s"\], the source has/);
    const typed: ReadResult = {
      columns: 'columns' in short ? short.columns.map((c) => ({ ...c, type: 'float64' })) : [],
    };
    expect(compareWithSource(where, source, typed)).toContain(
      'f.parquet: r: column "i" has type float64, the source int32',
    );
    expect(compareWithSource(where, source, { error: 'boom' })).toEqual(['f.parquet: r: read failed: boom']);
  });

  it('with nanAsNull (pandas writers) expects null where the source has NaN', () => {
    expect(compareWithSource(where, source, read(), { nanAsNull: true })).toEqual([
      'f.parquet: r: column "f" row 1: expected null, got NaN',
    ]);
  });
});
