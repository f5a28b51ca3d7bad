"""Polars peer: lazy CSV scan sunk to Parquet; split by a seeded permutation and three gzip writes."""
import os
import sys

import numpy as np
import polars as pl

SCHEMA = {"userId": pl.Int32, "movieId": pl.Int32, "rating": pl.Float32, "timestamp": pl.Int64}


def convert(csv_path, out_path):
    pl.scan_csv(csv_path, schema=SCHEMA).sink_parquet(out_path, compression="gzip")


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
        df.filter(pl.Series(label == i)).write_parquet(os.path.join(out_dir, f"{name}.parquet.gzip"), compression="gzip")


if __name__ == "__main__":
    {"convert": convert, "split": split}[sys.argv[1]](sys.argv[2], sys.argv[3])
