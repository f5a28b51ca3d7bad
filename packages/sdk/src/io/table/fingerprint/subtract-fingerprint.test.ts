import { describe, expect, it } from 'vitest';
import { columnOf } from '../../../../testing/parquet-peers/source-table.js';
import type { TableSchema } from '../table-schema.js';
import { compareFingerprints } from './compare-fingerprints.js';
import { subtractFingerprint } from './subtract-fingerprint.js';
import { mergeFingerprints, TableFingerprinter } from './table-fingerprint.js';

describe('subtractFingerprint', () => {
  const schema: TableSchema = [
    { name: 'n', type: 'int64', nullable: true },
    { name: 'x', type: 'double' },
    { name: 's', type: 'string', nullable: true },
  ];
  const table = (rows: readonly (readonly [bigint | null, number, string | null])[]) => {
    const f = new TableFingerprinter(schema);
    f.add([
      columnOf(
        schema[0]!,
        rows.map((r) => r[0]),
      ),
      columnOf(
        schema[1]!,
        rows.map((r) => r[1]),
      ),
      columnOf(
        schema[2]!,
        rows.map((r) => r[2]),
      ),
    ]);
    return f.result();
  };
  const a = table([
    [5n, -0.1, 'é'],
    [null, NaN, null],
    [-(2n ** 62n), 1e300, 'x'],
  ]);
  const b = table([
    [7n, 0.25, 'abc'],
    [null, -Infinity, ''],
  ]);

  it('takes a part back out of a union: (a ∪ b) − b = a, with nulls, non-finite values and strings', () => {
    const union = mergeFingerprints(a, b);
    expect(subtractFingerprint(union, b)).toEqual(a);
    expect(subtractFingerprint(union, a)).toEqual(b);
    expect(subtractFingerprint(a, a).rows).toBe(0);
  });

  it('differs from the remaining rows when the part is not what was taken out', () => {
    const other = table([
      [7n, 0.5, 'abc'],
      [null, -Infinity, ''],
    ]);
    expect(compareFingerprints(a, subtractFingerprint(mergeFingerprints(a, b), other))).not.toEqual([]);
  });

  it('refuses a part larger than the whole', () => {
    expect(() => subtractFingerprint(b, a)).toThrow(/cannot take 3 rows from a table of 2/);
  });
});
