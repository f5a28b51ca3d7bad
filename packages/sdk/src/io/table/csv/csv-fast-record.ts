// The CSV scanner's fast path for the common record: every field an unquoted, non-empty decimal
// number of at most 15 digits, the record ending in LF or CRLF before `end`. Anything else (quotes,
// strings, empty fields, exponents, long or out-of-range numbers, malformed rows) returns -1 and the
// general scanner re-reads the record from its start, so errors and edge cases keep one code path.

const COMMA = 44;
const LF = 10;
const CR = 13;
const MINUS = 45;
const DOT = 46;
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
const TWO32 = 4294967296;

/** Column kinds the fast path writes; anything else (strings) makes it decline. */
export const FastKind = { int32: 0, int64: 1, float: 2, none: 3 } as const;
export type FastKind = (typeof FastKind)[keyof typeof FastKind];

/** Where one column's values go: the typed array (int64 as int32 halves) and its validity flags. */
export interface FastSink {
  readonly kind: FastKind;
  readonly words: Int32Array | Float32Array | Float64Array | undefined;
  readonly valid: Uint8Array | undefined;
}

/**
 * Parses the record at `pos` into row `row`; returns the position after its line ending, or -1.
 * Callers guarantee `buf[end - 1]` is LF, so scans that stop at a non-digit never pass `end`.
 */
export function fastRecord(
  buf: Uint8Array,
  pos: number,
  end: number,
  sinks: FastSink[],
  row: number,
): number {
  const ncol = sinks.length;
  for (let col = 0; col < ncol; col++) {
    const sink = sinks[col]!;
    const kind = sink.kind;
    if (kind === FastKind.none) return -1;
    let b = buf[pos]!;
    const neg = b === MINUS;
    if (neg) b = buf[++pos]!;
    let v = 0;
    let digits = 0;
    while (b >= 48 && b <= 57) {
      v = v * 10 + (b - 48);
      digits++;
      b = buf[++pos]!;
    }
    let scale = 0;
    if (b === DOT) {
      if (kind !== FastKind.float) return -1;
      b = buf[++pos]!;
      while (b >= 48 && b <= 57) {
        v = v * 10 + (b - 48);
        scale++;
        b = buf[++pos]!;
      }
      digits += scale;
    }
    if (digits === 0 || digits > 15) return -1;
    if (col < ncol - 1) {
      if (b !== COMMA) return -1;
    } else if (b === CR) {
      if (buf[pos + 1] !== LF) return -1;
      pos++;
    } else if (b !== LF) return -1;
    if (pos >= end) return -1;
    pos++;
    if (neg) v = -v;
    if (kind === FastKind.int32) {
      if (v > 2147483647 || v < -2147483648) return -1;
      sink.words![row] = v;
    } else if (kind === FastKind.int64) {
      const hi = Math.floor(v / TWO32);
      sink.words![2 * row] = v - hi * TWO32;
      sink.words![2 * row + 1] = hi;
    } else sink.words![row] = scale > 0 ? v / POW10[scale]! : v;
    if (sink.valid) sink.valid[row] = 1;
  }
  return pos;
}
