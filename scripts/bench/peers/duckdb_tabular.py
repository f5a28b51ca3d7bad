"""DuckDB peer: COPY from read_csv with explicit types to gzip Parquet; split by seeded random order."""
import json
import os
import sys
import time

import duckdb

TYPES = "{'userId': 'INTEGER', 'movieId': 'INTEGER', 'rating': 'FLOAT', 'timestamp': 'BIGINT'}"


def convert(csv_path, out_path, compression="gzip"):
    codec = "uncompressed" if compression == "none" else compression
    duckdb.sql(
        f"COPY (SELECT * FROM read_csv('{csv_path}', header=true, columns={TYPES})) "
        f"TO '{out_path}' (FORMAT parquet, COMPRESSION {codec})"
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


def qa(folder):
    con = duckdb.connect()
    now = int(time.time())
    report = {"rows": {}, "problems": []}
    for name in ("train", "val", "test"):
        path = os.path.join(folder, f"{name}.parquet.gzip")
        rows, users, movies, ratings, times = con.sql(
            f"SELECT count(*), count(*) FILTER (userId <= 0), count(*) FILTER (movieId <= 0), "
            f"count(*) FILTER (rating NOT IN (0.5,1,1.5,2,2.5,3,3.5,4,4.5,5)), "
            f"count(*) FILTER (timestamp < 788918400 OR timestamp > {now}) FROM read_parquet('{path}')"
        ).fetchone()
        report["rows"][name] = rows
        bad = {"userId": users, "movieId": movies, "rating": ratings, "timestamp": times}
        report["problems"] += [f"{name}.{c}: {n} bad" for c, n in bad.items() if n]
    paths = [os.path.join(folder, f"{n}.parquet.gzip") for n in ("train", "val", "test")]
    twice = con.sql(
        f"SELECT count(*) FROM (SELECT userId, movieId FROM read_parquet({paths}) GROUP BY ALL HAVING count(*) > 1)"
    ).fetchone()[0]
    if twice:
        report["problems"].append(f"{twice} (userId, movieId) pairs occur twice")
    movies_path = os.path.join(folder, "movies.parquet.gzip")
    report["rows"]["movies"] = con.sql(
        f"SELECT count(*) FROM read_parquet('{movies_path}') WHERE length(title) >= 0 AND length(genres) >= 0"
    ).fetchone()[0]
    print(json.dumps(report))


if __name__ == "__main__":
    {"convert": convert, "split": split, "qa": qa}[sys.argv[1]](*sys.argv[2:])
