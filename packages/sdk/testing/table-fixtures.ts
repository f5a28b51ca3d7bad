// Two column sets the SDK's table tests share: one of numbers (two int32 keys, a half-step float, an int64
// time in epoch seconds) and one of text (an int32 key and two strings, one with CSV-hostile values).
import { randomCsv, randomCsvChunks, randomRows, tableSchema, type RandomColumn } from './random-table.js';

export const NUMERIC_COLUMNS: readonly RandomColumn[] = [
  { name: 'userId', type: 'int32', ascending: true },
  { name: 'movieId', type: 'int32', max: 209_171 },
  { name: 'rating', type: 'float', min: 0.5, max: 5, step: 0.5 },
  { name: 'timestamp', type: 'int64', min: 789_652_009, max: 1_574_327_703 },
];
export const NUMERIC_SCHEMA = tableSchema(NUMERIC_COLUMNS);

export const TEXT_COLUMNS: readonly RandomColumn[] = [
  { name: 'movieId', type: 'int32', ascending: true },
  { name: 'title', type: 'string' },
  {
    name: 'genres',
    type: 'string',
    choices: ['Comedy', 'Drama|Romance', 'Action|Sci-Fi', '(no genres listed)'],
  },
];
export const TEXT_SCHEMA = tableSchema(TEXT_COLUMNS);

export interface TextRow {
  readonly movieId: number;
  readonly title: string;
  readonly genres: string;
}

interface FixtureOptions {
  readonly rows: number;
  readonly seed?: number;
}

/** The text table's rows as Arrow reads them back. */
export const textRows = (options: FixtureOptions): TextRow[] =>
  randomRows({ ...options, columns: TEXT_COLUMNS }) as unknown as TextRow[];

export const textCsv = (options: FixtureOptions): string => randomCsv({ ...options, columns: TEXT_COLUMNS });

export const numericCsvChunks = (options: FixtureOptions & { readonly chunkBytes?: number }) =>
  randomCsvChunks({ ...options, columns: NUMERIC_COLUMNS });
