// The uploaded objects read by pyarrow, an independent reader, and compared value for value with the
// archive's CSVs (read from the zip by Python's zipfile and pyarrow's CSV reader): the union of the splits
// with ratings.csv as multisets (both sorted by every column), movies with movies.csv row for row, and the
// split sizes with what sklearn's train_test_split gives for a row count.
import { runPythonJson } from '@capstone/sdk/testing';
import { pythonModules, skipOrFail } from '@capstone/sdk/testing/vitest';

interface SkippableContext {
  skip(note?: string): void;
}

/** Skips the test without the modules on a laptop; fails under CI=true. */
function requirePython(context: SkippableContext, ...modules: string[]): void {
  const { missing } = pythonModules(...modules);
  if (missing) skipOrFail(context, missing);
}

export interface ParquetInfo {
  readonly rows: number;
  /** `name:type` as pyarrow prints the Arrow schema. */
  readonly columns: readonly string[];
  /** Distinct column-chunk codecs. */
  readonly codecs: readonly string[];
}

export interface Comparison {
  readonly rows: number;
  readonly expectedRows: number;
  /** Empty when every value is equal; else the first differences, e.g. `rating row 7: 3.5 != 4.0`. */
  readonly differences: readonly string[];
}

export interface PyarrowValues {
  readonly splits: Readonly<Record<'train' | 'val' | 'test', ParquetInfo>>;
  readonly movies: ParquetInfo;
  readonly ratingsUnion: Comparison;
  readonly moviesRows: Comparison;
}

const SCRIPT = `
import json, sys, zipfile
import numpy as np
import pyarrow as pa, pyarrow.compute as pc, pyarrow.csv as pcsv, pyarrow.parquet as pq

args = json.loads(sys.argv[1])
archive = zipfile.ZipFile(args["zip"])

def read_csv(entry, types):
    with archive.open(entry) as f:
        options = pcsv.ConvertOptions(column_types=types, strings_can_be_null=False, quoted_strings_can_be_null=False)
        return pcsv.read_csv(f, convert_options=options)

def read_parquet(path):
    f = pq.ParquetFile(path)
    md = f.metadata
    codecs = sorted({md.row_group(g).column(c).compression for g in range(md.num_row_groups) for c in range(md.num_columns)})
    t = f.read()
    return t, {"rows": t.num_rows, "columns": [f"{x.name}:{x.type}" for x in t.schema], "codecs": codecs}

def compare(got, want):
    out = {"rows": got.num_rows, "expectedRows": want.num_rows, "differences": []}
    fields = lambda t: [f"{f.name}:{f.type}" for f in t.schema]
    if fields(got) != fields(want):
        out["differences"].append(f"columns {fields(got)} != {fields(want)}")
    elif got.num_rows != want.num_rows:
        out["differences"].append(f"rows {got.num_rows} != {want.num_rows}")
    else:
        for name in want.column_names:
            a, b = got.column(name).combine_chunks(), want.column(name).combine_chunks()
            same = pc.fill_null(pc.equal(a, b), False)
            for i in np.flatnonzero(~np.asarray(same.to_numpy(zero_copy_only=False)))[:3]:
                out["differences"].append(f"{name} row {i}: {a[int(i)].as_py()!r} != {b[int(i)].as_py()!r}")
    return out

ratings = read_csv(args["ratings"], {"userId": pa.int32(), "movieId": pa.int32(), "rating": pa.float32(), "timestamp": pa.int64()})
movies = read_csv(args["movies"], {"movieId": pa.int32(), "title": pa.string(), "genres": pa.string()})
splits, tables = {}, []
for name in ("train", "val", "test"):
    t, info = read_parquet(args["files"][name])
    splits[name] = info
    tables.append(t)
order = [(c, "ascending") for c in ("userId", "movieId", "rating", "timestamp")]
union = pa.concat_tables(tables).sort_by(order)
stored_movies, movies_info = read_parquet(args["files"]["movies"])
print(json.dumps({
    "splits": splits,
    "movies": movies_info,
    "ratingsUnion": compare(union, ratings.sort_by(order)),
    "moviesRows": compare(stored_movies, movies),
}))
`;

export interface PyarrowValuesInput {
  readonly zip: string;
  readonly ratingsEntry: string;
  readonly moviesEntry: string;
  readonly files: Readonly<Record<'train' | 'val' | 'test' | 'movies', string>>;
}

const SKLEARN = `
import json, sys
import numpy as np
from sklearn.model_selection import train_test_split
rows = json.loads(sys.argv[1])
train, rest = train_test_split(np.arange(rows), test_size=0.25, random_state=42)
val, test = train_test_split(rest, test_size=0.4, random_state=42)
print(json.dumps({"train": len(train), "val": len(val), "test": len(test)}))
`;

/** The book's two train_test_split calls (75 %, then 40 % of the 25 % holdout as test) on `rows` rows. */
export function sklearnSplitSizes(
  context: SkippableContext,
  rows: number,
): Record<'train' | 'val' | 'test', number> {
  requirePython(context, 'sklearn', 'numpy');
  return runPythonJson(SKLEARN, rows);
}

/** Runs the comparison; skips the test without pyarrow (fails under CI=true). */
export function pyarrowValues(context: SkippableContext, input: PyarrowValuesInput): PyarrowValues {
  requirePython(context, 'pyarrow', 'numpy');
  return runPythonJson<PyarrowValues>(SCRIPT, {
    zip: input.zip,
    ratings: input.ratingsEntry,
    movies: input.moviesEntry,
    files: input.files,
  });
}
