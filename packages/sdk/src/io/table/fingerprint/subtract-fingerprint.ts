// Fingerprints subtract as they add: the fingerprint of a table minus that of some of its rows is the
// fingerprint of the remaining rows. A split fingerprints its smaller parts as it writes them and gets the
// largest as the input's minus theirs; whoever reads the stored parts then checks each against these.
import { addDecimals } from './exact-sum.js';
import { FINGERPRINT_FORMAT } from './table-fingerprint.js';
import type { TableFingerprint } from './table-fingerprint.js';

const MOD64 = (1n << 64n) - 1n;

const negate = (decimal: string): string => (decimal.startsWith('-') ? decimal.slice(1) : `-${decimal}`);
const subtractHex64 = (a: string, b: string): string =>
  ((BigInt(`0x${a}`) - BigInt(`0x${b}`)) & MOD64).toString(16).padStart(16, '0');

/** The fingerprint of `whole`'s rows that are not in `part` (rows, nulls and sums must not go negative). */
export function subtractFingerprint(whole: TableFingerprint, part: TableFingerprint): TableFingerprint {
  const same =
    whole.columns.length === part.columns.length &&
    whole.columns.every((c, i) => c.name === part.columns[i]!.name && c.type === part.columns[i]!.type);
  if (!same) throw new RangeError('fingerprint: cannot subtract tables with different columns');
  if (part.rows > whole.rows)
    throw new RangeError(`fingerprint: cannot take ${part.rows} rows from a table of ${whole.rows}`);
  return {
    format: FINGERPRINT_FORMAT,
    rows: whole.rows - part.rows,
    rowHash: subtractHex64(whole.rowHash, part.rowHash),
    columns: whole.columns.map((c, i) => {
      const d = part.columns[i]!;
      if (d.nulls > c.nulls || (d.nonFinite ?? 0) > (c.nonFinite ?? 0))
        throw new RangeError(`fingerprint: column ${c.name} of the part has more nulls or non-finite values`);
      return {
        ...c,
        nulls: c.nulls - d.nulls,
        sum: addDecimals(c.sum, negate(d.sum)),
        ...(c.nonFinite !== undefined ? { nonFinite: c.nonFinite - (d.nonFinite ?? 0) } : {}),
        ...(c.hash !== undefined ? { hash: subtractHex64(c.hash, d.hash ?? '0'.repeat(16)) } : {}),
      };
    }),
  };
}
