// Scanning an unquoted numeric CSV field in place. Up to 15 digits with an optional sign and decimal point
// are exact (such an integer divided by a power of ten is correctly rounded); anything else (exponents,
// `inf`/`nan` spellings, longer digit strings, garbage) is left to a parse of the field's text.
const COMMA = 44;
const LF = 10;
const CR = 13;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** What a field held: an exact `value`, something for the text parse, or no digits at all. */
export const NUMBER = { exact: 0, text: 1, none: 2 } as const;

export interface NumberScan {
  /** The field's end: the delimiter's position, or the end of the range. */
  end: number;
  kind: (typeof NUMBER)[keyof typeof NUMBER];
  /** With `kind` exact. */
  value: number;
}

/** Scans the field at `buf[pos…]` (up to `end`) into `out`; `decimals`: the column takes a decimal point. */
export function scanNumber(
  buf: Uint8Array,
  pos: number,
  end: number,
  decimals: boolean,
  out: NumberScan,
): void {
  let neg = false;
  let b = buf[pos];
  if (b === MINUS || b === PLUS) {
    neg = b === MINUS;
    b = buf[++pos];
  }
  let v = 0;
  let digits = 0;
  while (b !== undefined && b >= 48 && b <= 57 && pos < end) {
    v = v * 10 + (b - 48);
    digits++;
    b = buf[++pos];
  }
  let scale = 0;
  if (b === DOT && decimals && pos < end) {
    b = buf[++pos];
    while (b !== undefined && b >= 48 && b <= 57 && pos < end) {
      v = v * 10 + (b - 48);
      digits++;
      scale++;
      b = buf[++pos];
    }
  }
  if (pos < end && b !== COMMA && b !== LF && b !== CR) {
    while (pos < end && buf[pos] !== COMMA && buf[pos] !== LF && buf[pos] !== CR) pos++;
    out.end = pos;
    out.kind = NUMBER.text;
    return;
  }
  out.end = pos;
  if (digits === 0 || digits > 15) {
    out.kind = digits === 0 ? NUMBER.none : NUMBER.text;
    return;
  }
  if (neg) v = -v;
  if (scale > 0) v /= POW10[scale]!;
  out.kind = NUMBER.exact;
  out.value = v;
}
