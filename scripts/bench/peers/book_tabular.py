"""The book's way: pandas read_csv + fastparquet gzip, then read_parquet + sklearn train_test_split twice.
The split files are written with index=False: otherwise pandas adds the shuffled index as a fifth column."""
import os
import sys

import pandas as pd
from sklearn.model_selection import train_test_split


def convert(csv_path, out_path):
    df = pd.read_csv(csv_path)
    df.to_parquet(out_path, engine="fastparquet", compression="gzip")


def split(parquet_path, out_dir):
    df = pd.read_parquet(parquet_path, engine="fastparquet")
    train, holdout = train_test_split(df, test_size=0.25, random_state=42)
    val, test = train_test_split(holdout, test_size=0.4, random_state=42)
    os.makedirs(out_dir, exist_ok=True)
    for name, part in (("train", train), ("val", val), ("test", test)):
        part.to_parquet(os.path.join(out_dir, f"{name}.parquet.gzip"), engine="fastparquet", compression="gzip", index=False)


if __name__ == "__main__":
    {"convert": convert, "split": split}[sys.argv[1]](sys.argv[2], sys.argv[3])
