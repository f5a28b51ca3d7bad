// QA's one pass over every value of a stored object: its fingerprint, and the value rules of its kind.
import {
  invalidUtf8Row,
  TableFingerprinter,
  type ColumnChunk,
  type TableFingerprint,
} from '@capstone/sdk/io';
import { emptyTally, tallyRatings, type RatingsTally } from './ratings-rules.js';
import { forEachRowGroup, type ReadRowGroups } from './stored-table.js';

export interface TableScan {
  readonly rows: number;
  /** Why decoding stopped, when it did. */
  readonly error?: string;
  readonly fingerprint?: TableFingerprint;
}

export interface SplitScan extends TableScan {
  readonly tally: RatingsTally;
}

export interface MoviesScan extends TableScan {
  /** The first value of each string column that is not valid UTF-8. */
  readonly invalidUtf8: readonly { readonly column: string; readonly row: number; readonly value: string }[];
}

/** Fingerprints a table while `visit` sees each row group. */
async function scan(
  path: string,
  visit: (columns: readonly ColumnChunk[], base: number) => void,
  reader: ReadRowGroups | undefined,
): Promise<TableScan> {
  let fingerprinter: TableFingerprinter | undefined;
  const result = await forEachRowGroup(
    path,
    (columns, base) => {
      fingerprinter ??= new TableFingerprinter(columns.map((c) => c.spec));
      fingerprinter.add(columns);
      visit(columns, base);
    },
    { reader },
  );
  return result.error ? result : { ...result, fingerprint: fingerprinter?.result() };
}

/** Receives each row group's userId and movieId values. */
export type PairSink = (users: Int32Array, movies: Int32Array) => void;

/** A ratings split: fingerprint, MovieLens value rules (`now` in epoch seconds), and its pair keys. */
export async function scanRatingsSplit(
  path: string,
  now: number,
  pairs: PairSink,
  reader?: ReadRowGroups,
): Promise<SplitScan> {
  const tally = emptyTally();
  const result = await scan(
    path,
    (columns, base) => {
      tallyRatings(columns, now, tally, base);
      pairs(columns[0]!.values as Int32Array, columns[1]!.values as Int32Array);
    },
    reader,
  );
  return { ...result, tally };
}

/** The movies table: fingerprint, and every string valid UTF-8. */
export async function scanMovies(path: string, reader?: ReadRowGroups): Promise<MoviesScan> {
  const invalidUtf8: { column: string; row: number; value: string }[] = [];
  const decoder = new TextDecoder();
  const result = await scan(
    path,
    (columns, base) => {
      for (const chunk of columns) {
        const row = invalidUtf8Row(chunk);
        if (row < 0 || invalidUtf8.some((f) => f.column === chunk.spec.name)) continue;
        const value = decoder.decode(chunk.bytes!.subarray(chunk.offsets![row], chunk.offsets![row + 1]));
        invalidUtf8.push({ column: chunk.spec.name, row: base + row, value });
      }
    },
    reader,
  );
  return { ...result, invalidUtf8 };
}
