"""pyarrow peer: streaming CSV reader → ParquetWriter (gzip level 1); split by a seeded permutation + take;
QA reads every value of the four objects with pyarrow.compute."""
import json
import os
import sys
import time

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

TYPES = {"userId": pa.int32(), "movieId": pa.int32(), "rating": pa.float32(), "timestamp": pa.int64()}
RATINGS = pa.array([0.5 * i for i in range(1, 11)], pa.float32())
ERA_START = 788918400  # 1995-01-01 UTC


def convert(csv_path, out_path, compression="gzip"):
    level = {"compression_level": 1} if compression == "gzip" else {}
    reader = pacsv.open_csv(csv_path, convert_options=pacsv.ConvertOptions(column_types=TYPES),
                            read_options=pacsv.ReadOptions(block_size=16 << 20))
    with pq.ParquetWriter(out_path, reader.schema, compression=compression, **level) as writer:
        for batch in reader:
            writer.write_batch(batch, row_group_size=1 << 20)


def split(parquet_path, out_dir):
    table = pq.read_table(parquet_path)
    n = table.num_rows
    holdout = -(-n // 4)
    n_test = -(-holdout * 2 // 5)
    perm = np.random.default_rng(42).permutation(n)
    parts = {"train": perm[: n - holdout], "val": perm[n - holdout: n - n_test], "test": perm[n - n_test:]}
    os.makedirs(out_dir, exist_ok=True)
    for name, rows in parts.items():
        rows.sort()
        pq.write_table(table.take(pa.array(rows)), os.path.join(out_dir, f"{name}.parquet.gzip"),
                       compression="gzip", compression_level=1)


def qa(folder):
    now = time.time()
    report = {"rows": {}, "problems": []}
    pairs = []
    for name in ("train", "val", "test"):
        t = pq.read_table(os.path.join(folder, f"{name}.parquet.gzip"))
        report["rows"][name] = t.num_rows
        for col in ("userId", "movieId"):
            if pc.any(pc.less_equal(t[col], 0)).as_py():
                report["problems"].append(f"{name}.{col} <= 0")
        if not pc.all(pc.is_in(t["rating"], value_set=RATINGS)).as_py():
            report["problems"].append(f"{name}.rating not a half star")
        ts = t["timestamp"]
        if pc.any(pc.or_(pc.less(ts, ERA_START), pc.greater(ts, now))).as_py():
            report["problems"].append(f"{name}.timestamp outside the era")
        pairs.append(t.select(["userId", "movieId"]))
    keys = pa.concat_tables(pairs)
    if keys.group_by(["userId", "movieId"]).aggregate([]).num_rows != keys.num_rows:
        report["problems"].append("a (userId, movieId) pair occurs twice")
    movies = pq.read_table(os.path.join(folder, "movies.parquet.gzip"))
    report["rows"]["movies"] = movies.num_rows
    for col in ("title", "genres"):
        pc.utf8_length(movies[col])  # decodes every string (pyarrow validates UTF-8 on read)
    print(json.dumps(report))


if __name__ == "__main__":
    {"convert": convert, "split": split, "qa": qa}[sys.argv[1]](*sys.argv[2:])
