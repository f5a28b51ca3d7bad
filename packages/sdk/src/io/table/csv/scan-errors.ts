// The CSV scanner's errors: each names the file, the line, what was expected and the offending text.
import type { ColumnChunk } from '../column-chunk.js';
import { CsvRowError } from '../table-errors.js';
import type { ColumnSpec } from '../table-schema.js';
import { describeInvalidUtf8, invalidUtf8Row } from '../utf8-check.js';

const LF = 10;
const decoder = new TextDecoder();

/** A record at `buf[start…]` (line `line`) that breaks the format: `reason`, with the record's text. */
export function recordError(
  file: string,
  line: number,
  buf: Uint8Array,
  start: number,
  end: number,
  reason: string,
): CsvRowError {
  let stop = start;
  while (stop < end && buf[stop] !== LF && stop - start < 200) stop++;
  const text = decoder.decode(buf.subarray(start, stop)).replace(/\r$/, '');
  return new CsvRowError(file, line, reason, text);
}

/** The field `buf[fs, fe)` is not a number of `spec`'s type. */
export function numberError(
  file: string,
  line: number,
  spec: ColumnSpec,
  field: Uint8Array,
  record: { buf: Uint8Array; start: number; end: number },
): CsvRowError {
  const value = decoder.decode(field);
  const what = value === '' ? 'an empty field' : JSON.stringify(value);
  const type = `${spec.type}${spec.nullable ? ', nullable' : ''}`;
  return recordError(
    file,
    line,
    record.buf,
    record.start,
    record.end,
    `column ${spec.name} (${type}) got ${what}`,
  );
}

/** The first row of a string chunk that is not valid UTF-8, as an error on its line (`rowLines`). */
export function utf8Error(file: string, chunk: ColumnChunk, rowLines: Int32Array): CsvRowError | undefined {
  const row = invalidUtf8Row(chunk);
  if (row < 0) return undefined;
  const value = chunk.bytes!.subarray(chunk.offsets![row], chunk.offsets![row + 1]);
  return new CsvRowError(
    file,
    rowLines[row]!,
    `column ${chunk.spec.name} is not valid UTF-8 (${describeInvalidUtf8(value)} of the value; ` +
      'is the file Latin-1 or Windows-1252? convert it to UTF-8)',
    decoder.decode(value),
  );
}
