// Scanning a quoted CSV field (RFC 4180): doubled quotes are escapes, and newlines are part of the value.
const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** How the scan ended: a whole field, or why not (the range ends before it does, or it is malformed). */
export const QUOTED = { ok: 0, incomplete: 1, unterminated: 2, textAfter: 3 } as const;

export interface QuotedScan {
  /** The closing quote's position (with `ok`). */
  close: number;
  /** Doubled quotes inside (with `ok`). */
  escapes: number;
  /** Line feeds inside the value (with `ok`). */
  newlines: number;
}

/** Scans the field whose opening quote is at `buf[open]`, up to `end` (`eof`: the input ends there). */
export function scanQuoted(
  buf: Uint8Array,
  open: number,
  end: number,
  eof: boolean,
  out: QuotedScan,
): (typeof QUOTED)[keyof typeof QUOTED] {
  let escapes = 0;
  let newlines = 0;
  let pos = open + 1;
  for (;;) {
    if (pos >= end) return eof ? QUOTED.unterminated : QUOTED.incomplete;
    const b = buf[pos]!;
    if (b === QUOTE) {
      if (pos + 1 >= end && !eof) return QUOTED.incomplete;
      if (buf[pos + 1] === QUOTE) {
        escapes++;
        pos += 2;
        continue;
      }
      break;
    }
    if (b === LF) newlines++;
    pos++;
  }
  const after = pos + 1;
  if (after < end && buf[after] !== COMMA && buf[after] !== LF && buf[after] !== CR) return QUOTED.textAfter;
  out.close = pos;
  out.escapes = escapes;
  out.newlines = newlines;
  return QUOTED.ok;
}
