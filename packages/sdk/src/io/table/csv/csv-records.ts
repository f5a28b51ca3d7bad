// Generic RFC 4180 record splitting into strings: used for the header and the schema-inference
// sample only (the bulk of a file goes through the typed CsvScanner).

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const decoder = new TextDecoder();

export interface CsvRecord {
  readonly fields: string[];
  /** Whether each field was quoted (a quoted empty field is an empty string, never null). */
  readonly quoted: boolean[];
  /** Position after the record's line ending. */
  readonly end: number;
  /** Newlines the record spans (1 for a one-line record). */
  readonly lines: number;
}

/** Splits one record starting at `pos`; `undefined` when `buf` ends before the record does. */
export function readRecord(buf: Uint8Array, pos: number, eof: boolean): CsvRecord | undefined {
  const fields: string[] = [];
  const quoted: boolean[] = [];
  let lines = 1;
  for (;;) {
    let value: string;
    if (buf[pos] === QUOTE) {
      let i = pos + 1;
      const parts: string[] = [];
      let from = i;
      for (;;) {
        if (i >= buf.length) return undefined;
        if (buf[i] === QUOTE) {
          if (i + 1 >= buf.length && !eof) return undefined;
          if (buf[i + 1] !== QUOTE) break;
          parts.push(decoder.decode(buf.subarray(from, i + 1)));
          i += 2;
          from = i;
          continue;
        }
        if (buf[i] === LF) lines++;
        i++;
      }
      parts.push(decoder.decode(buf.subarray(from, i)));
      value = parts.join('');
      pos = i + 1;
      quoted.push(true);
    } else {
      let i = pos;
      while (i < buf.length && buf[i] !== COMMA && buf[i] !== LF && buf[i] !== CR) i++;
      value = decoder.decode(buf.subarray(pos, i));
      pos = i;
      quoted.push(false);
    }
    fields.push(value);
    if (pos >= buf.length) return eof ? { fields, quoted, end: pos, lines } : undefined;
    const b = buf[pos];
    if (b === COMMA) {
      pos++;
      continue;
    }
    if (b === CR && buf[pos + 1] === LF) return { fields, quoted, end: pos + 2, lines };
    if (b === LF || b === CR) return { fields, quoted, end: pos + 1, lines };
    // Text after a closing quote: keep it, the typed scan reports the row with its line number.
    let i = pos;
    while (i < buf.length && buf[i] !== COMMA && buf[i] !== LF && buf[i] !== CR) i++;
    fields[fields.length - 1] += decoder.decode(buf.subarray(pos, i));
    pos = i;
    if (pos >= buf.length) return eof ? { fields, quoted, end: pos, lines } : undefined;
    if (buf[pos] === COMMA) pos++;
    else return { fields, quoted, end: buf[pos] === CR && buf[pos + 1] === LF ? pos + 2 : pos + 1, lines };
  }
}

/** Blank lines (pandas skips them too) are not records: returns the position after one, or `pos`. */
export function blankLineEnd(buf: Uint8Array, pos: number, end: number): number {
  if (buf[pos] === LF) return pos + 1;
  if (buf[pos] === CR && pos + 1 < end && buf[pos + 1] === LF) return pos + 2;
  return pos;
}
