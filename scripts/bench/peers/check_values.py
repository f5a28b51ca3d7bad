"""The benchmark's value check: reads an implementation's output with pyarrow (and zipfile) and compares it with
the input, value for value. Prints one JSON line {"ok": bool, "detail": str}; exit code 0 either way (a wrong
output is a result, not a crash).

  check_values.py bytes <zip> <entry> <file>         file == the entry's bytes (inflated by Python's zipfile)
  check_values.py convert <csv> <parquet> <ratings|movies>   same rows in the same order, every value equal
  check_values.py split <ratings.csv> <dir>           train/val/test: sklearn's sizes, union == the CSV's rows as a multiset
  check_values.py objects <ratings.csv> <movies.csv> <dir>   the uploaded objects: split check + movies == movies.csv
"""
import json
import os
import sys
import zipfile

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

RATINGS = {"userId": pa.int32(), "movieId": pa.int32(), "rating": pa.float32(), "timestamp": pa.int64()}
MOVIES = {"movieId": pa.int32(), "title": pa.string(), "genres": pa.string()}
SPLITS = ("train", "val", "test")


class Mismatch(Exception):
    pass


def read_csv(path, types):
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False))
    if table.column_names != list(types):
        raise Mismatch(f"{path}: columns {table.column_names}, expected {list(types)}")
    return table


def read_parquet(path, types):
    table = pq.read_table(path)
    if table.column_names != list(types):
        raise Mismatch(f"{os.path.basename(path)}: columns {table.column_names}, expected {list(types)}")
    for name, t in types.items():
        have = table.schema.field(name).type
        # A peer may store ids wider than ours (e.g. INT64): the values are what we compare, after a safe cast.
        if have != t:
            try:
                table = table.set_column(table.column_names.index(name), name, table[name].cast(t, safe=True))
            except pa.ArrowInvalid as e:
                raise Mismatch(f"{os.path.basename(path)}: column {name} of type {have} does not fit {t}: {e}")
    return table


def compare_columns(expected, actual, where):
    if expected.num_rows != actual.num_rows:
        raise Mismatch(f"{where}: {actual.num_rows} rows, expected {expected.num_rows}")
    for name in expected.column_names:
        a = expected[name].combine_chunks()
        b = actual[name].combine_chunks()
        if a.equals(b):
            continue
        if pa.types.is_string(a.type):
            diff = next(i for i in range(len(a)) if a[i] != b[i])
        else:
            diff = int(np.flatnonzero(a.to_numpy(zero_copy_only=False) != b.to_numpy(zero_copy_only=False))[0])
        raise Mismatch(f"{where}: row {diff} column {name} is {b[diff]}, expected {a[diff]}")


def check_bytes(zip_path, entry, path):
    with zipfile.ZipFile(zip_path) as z, z.open(entry) as src, open(path, "rb") as out:
        offset = 0
        while True:
            want = src.read(4 << 20)
            have = out.read(len(want)) if want else out.read(1)
            if want != have:
                if not want:
                    raise Mismatch(f"{path}: longer than the entry's {offset} bytes")
                at = next((i for i in range(min(len(want), len(have))) if want[i] != have[i]), min(len(want), len(have)))
                raise Mismatch(f"{path}: differs from {entry} at byte {offset + at}")
            if not want:
                return f"{offset} bytes equal to {entry}"
            offset += len(want)


def check_convert(csv, parquet, kind):
    types = RATINGS if kind == "ratings" else MOVIES
    expected = read_csv(csv, types)
    compare_columns(expected, read_parquet(parquet, types), os.path.basename(parquet))
    return f"{expected.num_rows} rows equal, in order"


def sorted_rows(table):
    keys = [table[c].combine_chunks().to_numpy(zero_copy_only=False) for c in RATINGS]
    # lexsort's last key is the primary one: userId, movieId, timestamp, rating bits.
    order = np.lexsort((keys[2].view(np.uint32), keys[3], keys[1], keys[0]))
    return [k[order] for k in keys]


def check_split(csv, folder):
    expected = read_csv(csv, RATINGS)
    n = expected.num_rows
    holdout = -(-n // 4)
    n_test = -(-holdout * 2 // 5)
    sizes = {"train": n - holdout, "val": holdout - n_test, "test": n_test}
    parts = []
    for name in SPLITS:
        path = os.path.join(folder, f"{name}.parquet.gzip")
        if not os.path.exists(path):
            raise Mismatch(f"{name}.parquet.gzip is missing")
        part = read_parquet(path, RATINGS)
        if part.num_rows != sizes[name]:
            raise Mismatch(f"{name}: {part.num_rows} rows, expected {sizes[name]} (sklearn's arithmetic)")
        parts.append(part)
    union = pa.concat_tables(parts)
    want, have = sorted_rows(expected), sorted_rows(union)
    for name, a, b in zip(RATINGS, want, have):
        bad = np.flatnonzero(a != b)
        if len(bad):
            i = int(bad[0])
            raise Mismatch(f"union of the splits: sorted row {i} column {name} is {b[i]}, expected {a[i]} ({len(bad)} differ)")
    return f"train/val/test {sizes['train']}/{sizes['val']}/{sizes['test']}; union equals the {n} ratings"


def check_objects(ratings_csv, movies_csv, folder):
    detail = check_split(ratings_csv, folder)
    expected = read_csv(movies_csv, MOVIES)
    compare_columns(expected, read_parquet(os.path.join(folder, "movies.parquet.gzip"), MOVIES), "movies.parquet.gzip")
    return f"{detail}; movies equal ({expected.num_rows} rows)"


CHECKS = {"bytes": check_bytes, "convert": check_convert, "split": check_split, "objects": check_objects}

if __name__ == "__main__":
    try:
        result = {"ok": True, "detail": CHECKS[sys.argv[1]](*sys.argv[2:])}
    except Mismatch as e:
        result = {"ok": False, "detail": str(e)}
    except (OSError, pa.ArrowException, zipfile.BadZipFile, KeyError) as e:
        result = {"ok": False, "detail": f"{type(e).__name__}: {e}"}
    print(json.dumps(result))
