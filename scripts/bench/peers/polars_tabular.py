"""Polars peer: lazy CSV scan sunk to Parquet (gzip level 1, as ours); split by a seeded permutation and three
gzip writes; QA reads every value of the four objects."""
import json
import os
import sys
import time

import numpy as np
import polars as pl

SCHEMA = {"userId": pl.Int32, "movieId": pl.Int32, "rating": pl.Float32, "timestamp": pl.Int64}


def convert(csv_path, out_path, compression="gzip"):
    level = {"compression_level": 1} if compression == "gzip" else {}
    codec = "uncompressed" if compression == "none" else compression
    pl.scan_csv(csv_path, schema=SCHEMA).sink_parquet(out_path, compression=codec, **level)


def split(parquet_path, out_dir):
    df = pl.read_parquet(parquet_path)
    n = df.height
    holdout = -(-n // 4)
    n_test = int(np.ceil(0.4 * holdout))
    perm = np.random.default_rng(42).permutation(n)
    label = np.zeros(n, dtype=np.int8)
    label[perm[n - holdout : n - n_test]] = 1
    label[perm[n - n_test :]] = 2
    os.makedirs(out_dir, exist_ok=True)
    for i, name in enumerate(("train", "val", "test")):
        df.filter(pl.Series(label == i)).write_parquet(
            os.path.join(out_dir, f"{name}.parquet.gzip"), compression="gzip", compression_level=1
        )


RATINGS = [0.5 * i for i in range(1, 11)]
ERA_START = 788918400  # 1995-01-01 UTC


def qa(folder):
    now = time.time()
    report = {"rows": {}, "problems": []}
    keys = []
    for name in ("train", "val", "test"):
        t = pl.read_parquet(os.path.join(folder, f"{name}.parquet.gzip"))
        report["rows"][name] = t.height
        bad = t.select(
            (pl.col("userId") <= 0).sum().alias("userId"),
            (pl.col("movieId") <= 0).sum().alias("movieId"),
            (~pl.col("rating").is_in(RATINGS)).sum().alias("rating"),
            ((pl.col("timestamp") < ERA_START) | (pl.col("timestamp") > now)).sum().alias("timestamp"),
        ).row(0, named=True)
        report["problems"] += [f"{name}.{c}: {n} bad" for c, n in bad.items() if n]
        keys.append(t.select("userId", "movieId"))
    if pl.concat(keys).is_duplicated().any():
        report["problems"].append("a (userId, movieId) pair occurs twice")
    movies = pl.read_parquet(os.path.join(folder, "movies.parquet.gzip"))
    report["rows"]["movies"] = movies.height
    print(json.dumps(report))


if __name__ == "__main__":
    {"convert": convert, "split": split, "qa": qa}[sys.argv[1]](*sys.argv[2:])
