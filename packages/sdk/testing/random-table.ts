// A table of typed random columns for tests that need CSV or Parquet data: deterministic per seed, any row
// count, streamed as CSV chunks for big inputs. Strings carry what CSV readers get wrong (quoted commas,
// doubled quotes, non-ASCII text) unless a column lists its own choices.
import type { ColumnSpec, TableSchema } from '../src/io/index.js';
import { csvField, mulberry32 } from '../src/samples/index.js';

export interface RandomColumn extends ColumnSpec {
  /** Numbers: the smallest value (default 1). */
  readonly min?: number;
  /** Numbers: the largest value (default 1,000,000; ascending columns have no maximum). */
  readonly max?: number;
  /** Numbers: values are `min + k × step` (default 1 for integers, 0.01 for float and double). */
  readonly step?: number;
  /** Numbers: every value larger than the one before (a unique, sorted key). */
  readonly ascending?: boolean;
  /** Strings: pick from these instead of the generated text. */
  readonly choices?: readonly string[];
}

export interface RandomTableOptions {
  readonly columns: readonly RandomColumn[];
  readonly rows: number;
  /** Default 1. */
  readonly seed?: number;
}

export type RandomValue = number | bigint | string;
export type RandomRow = Record<string, RandomValue>;

const WORDS = ['alpha', 'bravo', 'delta', 'echo', 'harbor', 'lumen', 'meadow', 'nova', 'orbit', 'quartz'];
const NON_ASCII = ['Amélie', 'Ça', 'Über', 'Niño', 'Ørsted', 'Zoë', '東京', 'Москва'];

/** The schema of the columns (name, type, nullable), without the generator settings. */
export function tableSchema(columns: readonly RandomColumn[]): TableSchema {
  return columns.map(({ name, type, nullable }) => (nullable ? { name, type, nullable } : { name, type }));
}

/** Each row as its values (int64 as bigint) and its CSV fields, in column order. */
function* generate(options: RandomTableOptions): Generator<{ values: RandomValue[]; fields: string[] }> {
  const random = mulberry32(options.seed ?? 1);
  const columns = options.columns.map((column) => columnGenerator(column, random));
  for (let row = 0; row < options.rows; row++) {
    const values = columns.map((next) => next(row));
    yield { values: values.map((v) => v.value), fields: values.map((v) => v.text) };
  }
}

function columnGenerator(column: RandomColumn, random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  if (column.type === 'string') {
    return (row: number) => {
      const value = column.choices ? pick(column.choices) : randomText(row, pick);
      return { value, text: csvField(value) };
    };
  }
  const integer = column.type === 'int32' || column.type === 'int64';
  const step = column.step ?? (integer ? 1 : 0.01);
  const decimals = integer ? 0 : Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const min = column.min ?? 1;
  const steps = Math.floor(((column.max ?? 1_000_000) - min) / step);
  let previous = min - step;
  return () => {
    const k = column.ascending ? 1 + Math.floor(random() * 3) : Math.floor(random() * (steps + 1));
    const number = column.ascending ? previous + k * step : min + k * step;
    previous = number;
    const text = number.toFixed(decimals);
    return { value: column.type === 'int64' ? BigInt(text) : Number(text), text };
  };
}

function randomText(row: number, pick: (items: readonly string[]) => string): string {
  let text = `${pick(WORDS)} ${pick(WORDS)}`;
  if (row % 7 === 3) text = `${text}, ${pick(WORDS)}`;
  if (row % 13 === 5) text = `${text} "${pick(WORDS)}"`;
  if (row % 11 === 2) text = `${pick(NON_ASCII)} ${text}`;
  return `${text} ${row}`;
}

/** The rows as objects keyed by column name (int64 values as bigint, as Arrow reads them back). */
export function randomRows(options: RandomTableOptions): RandomRow[] {
  const names = options.columns.map((c) => c.name);
  return [...generate(options)].map(({ values }) =>
    Object.fromEntries(names.map((name, i) => [name, values[i]!])),
  );
}

/** The CSV (header first, LF line endings) in chunks of about `chunkBytes` (default 4 MiB). */
export function* randomCsvChunks(
  options: RandomTableOptions & { readonly chunkBytes?: number },
): Generator<Buffer> {
  const chunkBytes = options.chunkBytes ?? 4 << 20;
  let lines = [`${options.columns.map((c) => csvField(c.name)).join(',')}\n`];
  let size = lines[0]!.length;
  for (const { fields } of generate(options)) {
    const line = `${fields.join(',')}\n`;
    lines.push(line);
    size += line.length;
    if (size >= chunkBytes) {
      yield Buffer.from(lines.join(''));
      [lines, size] = [[], 0];
    }
  }
  if (lines.length > 0) yield Buffer.from(lines.join(''));
}

export function randomCsv(options: RandomTableOptions): string {
  return Buffer.concat([...randomCsvChunks(options)]).toString();
}
