"""DuckDB peer: COPY from read_csv with explicit types to gzip Parquet; split by seeded random order."""
import os
import sys

import duckdb

TYPES = "{'userId': 'INTEGER', 'movieId': 'INTEGER', 'rating': 'FLOAT', 'timestamp': 'BIGINT'}"


def convert(csv_path, out_path):
    duckdb.sql(
        f"COPY (SELECT * FROM read_csv('{csv_path}', header=true, columns={TYPES})) "
        f"TO '{out_path}' (FORMAT parquet, COMPRESSION gzip)"
    )


def split(parquet_path, out_dir):
    con = duckdb.connect()
    n = con.sql(f"SELECT count(*) FROM read_parquet('{parquet_path}')").fetchone()[0]
    holdout = -(-n // 4)
    n_test = -(-holdout * 2 // 5)
    con.sql("SELECT setseed(0.42)")
    con.sql(
        f"CREATE TEMP TABLE labelled AS SELECT *, row_number() OVER (ORDER BY random()) AS r FROM read_parquet('{parquet_path}')"
    )
    os.makedirs(out_dir, exist_ok=True)
    bounds = {"train": (0, n - holdout), "val": (n - holdout, n - n_test), "test": (n - n_test, n)}
    for name, (lo, hi) in bounds.items():
        path = os.path.join(out_dir, f"{name}.parquet.gzip")
        con.sql(
            f"COPY (SELECT userId, movieId, rating, timestamp FROM labelled WHERE r > {lo} AND r <= {hi}) "
            f"TO '{path}' (FORMAT parquet, COMPRESSION gzip)"
        )


if __name__ == "__main__":
    {"convert": convert, "split": split}[sys.argv[1]](sys.argv[2], sys.argv[3])
