"""Independent Parquet readers and writers for the conformance suite (pyarrow, duckdb, polars, fastparquet).

One process per direction:
  python3 peers.py read  <request.json> <response.json>   request: {"files": [...], "readers": [...]}
  python3 peers.py write <request.json> <response.json>   request: {"table": <wire table>, "cases": [...]}
A wire table is {"rows": n, "columns": [{"name", "type", "nullable", "valid"?, "data"? | "strings"?}]}: numbers as
base64 little-endian bytes (exact: NaN payloads, -0.0, int64 beyond 2^53), validity as one byte per row.
"""
import base64
import json
import sys
import traceback

import numpy as np

NUMPY = {"int32": "<i4", "int64": "<i8", "float": "<f4", "double": "<f8"}
TYPE_OF_DTYPE = {np.dtype(v).str: k for k, v in NUMPY.items()}


def b64(array):
    return base64.b64encode(np.ascontiguousarray(array).tobytes()).decode("ascii")


def numbers(name, values, valid):
    values = np.asarray(values)
    dtype = values.dtype.newbyteorder("<") if values.dtype.byteorder == ">" else values.dtype
    column = {"name": name, "type": TYPE_OF_DTYPE.get(dtype.str, dtype.str), "data": b64(values.astype(dtype))}
    if valid is not None:
        column["valid"] = b64(np.asarray(valid, dtype=np.uint8))
    return column


def strings(name, values):
    bad = next((v for v in values if v is not None and not isinstance(v, str)), None)
    if bad is not None:
        return {"name": name, "type": type(bad).__name__, "strings": [None if v is None else repr(v) for v in values]}
    return {"name": name, "type": "string", "strings": list(values)}


def read_pyarrow(path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(path, page_checksum_verification=True)
    columns = []
    for name, chunked in zip(table.column_names, table.columns):
        array = chunked.combine_chunks()
        if pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
            columns.append(strings(name, array.to_pylist()))
            continue
        valid = array.is_valid().to_numpy(zero_copy_only=False) if array.null_count else None
        columns.append(numbers(name, array.fill_null(0).to_numpy(zero_copy_only=False), valid))
    return {"rows": table.num_rows, "columns": columns}


def read_duckdb(path):
    import duckdb

    con = duckdb.connect()
    result = con.execute("SELECT * FROM read_parquet(?)", [path])
    names = [d[0] for d in result.description]
    data = result.fetchnumpy()
    columns, rows = [], 0
    for name in names:
        array = data[name]
        rows = len(array)
        mask = np.ma.getmaskarray(array) if isinstance(array, np.ma.MaskedArray) else np.zeros(len(array), bool)
        if array.dtype == object:
            columns.append(strings(name, [None if m else v for v, m in zip(np.ma.getdata(array), mask)]))
            continue
        values = np.ma.getdata(array).copy()
        values[mask] = 0
        columns.append(numbers(name, values, ~mask if mask.any() else None))
    return {"rows": rows, "columns": columns}


def read_polars(path):
    import polars as pl

    frame = pl.read_parquet(path)
    columns = []
    for name in frame.columns:
        series = frame[name]
        if series.dtype == pl.String:
            columns.append(strings(name, series.to_list()))
            continue
        valid = series.is_not_null().to_numpy() if series.null_count() else None
        columns.append(numbers(name, series.fill_null(0).to_numpy(), valid))
    return {"rows": frame.height, "columns": columns}


READERS = {"pyarrow": read_pyarrow, "duckdb": read_duckdb, "polars": read_polars}


def arrow_table(wire, casts=None):
    import pyarrow as pa

    types = {"int32": pa.int32(), "int64": pa.int64(), "float": pa.float32(), "double": pa.float64(), "string": pa.string()}
    arrays, fields = [], []
    for column in wire["columns"]:
        kind = column["type"]
        if kind == "string":
            array = pa.array(column["strings"], pa.string())
        else:
            values = np.frombuffer(base64.b64decode(column["data"]), NUMPY[kind])
            mask = None
            if column.get("valid") is not None:
                mask = np.frombuffer(base64.b64decode(column["valid"]), np.uint8) == 0
            array = pa.array(values, types[kind], mask=mask)
        cast = (casts or {}).get(column["name"])
        if cast:
            array = array.cast(getattr(pa, cast)())
        arrays.append(array)
        fields.append(pa.field(column["name"], array.type, nullable=column["nullable"]))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def special_table(name):
    """Tables whose features the reader refuses: it must say which feature, never misread it."""
    import datetime
    import decimal

    import pyarrow as pa

    tables = {
        "boolean": pa.table({"b": pa.array([True, False, None])}),
        "list": pa.table({"l": pa.array([[1, 2], [], None], pa.list_(pa.int32()))}),
        "struct": pa.table({"s": pa.array([{"x": 1}, {"x": 2}, None], pa.struct([("x", pa.int32())]))}),
        "map": pa.table({"m": pa.array([[("a", 1)], []], pa.map_(pa.string(), pa.int32()))}),
        "uint32": pa.table({"u": pa.array([0, 2**32 - 1, None], pa.uint32())}),
        "uint64": pa.table({"u": pa.array([0, 2**64 - 1, None], pa.uint64())}),
        "decimal": pa.table({"d": pa.array([decimal.Decimal("1.23"), None], pa.decimal128(9, 2))}),
        "timestamp": pa.table({"t": pa.array([0, 1_000_000], pa.timestamp("us"))}),
        "int96": pa.table({"t": pa.array([0, 1_000_000], pa.timestamp("ns"))}),
        "date": pa.table({"d": pa.array([datetime.date(2020, 1, 1), None], pa.date32())}),
        "fixed_binary": pa.table({"f": pa.array([b"ab", b"cd"], pa.binary(2))}),
        "float16": pa.table({"h": pa.array(np.array([1.5, -2.0], np.float16), pa.float16())}),
    }
    return tables[name]


def write_pandas(table, path, options):
    """fastparquet writes pandas frames: nullable numbers as masked dtypes, where NaN is missing (null)."""
    import fastparquet
    import pandas as pd
    import pyarrow as pa

    masked = {pa.int32(): "Int32", pa.int64(): "Int64", pa.float32(): "Float32", pa.float64(): "Float64"}
    categorical = options.pop("categorical", [])

    def series(name, column):
        if pa.types.is_string(column.type):
            return pd.Series(column.to_pylist(), dtype="category" if name in categorical else object)
        if column.null_count:
            return pd.Series(pd.array(column.to_pylist(), dtype=masked[column.type]))
        return pd.Series(column.to_numpy())

    frame = pd.DataFrame({name: series(name, col) for name, col in zip(table.column_names, table.columns)})
    fastparquet.write(path, frame, write_index=False, **options)


def write_case(request, case):
    writer, path, options = case["writer"], case["path"], dict(case.get("options", {}))
    if case.get("special"):
        table = special_table(case["special"])
    else:
        table = arrow_table(case.get("table") or request["table"], case.get("casts"))
    if writer == "pyarrow":
        import pyarrow.parquet as pq

        pq.write_table(table, path, **options)
    elif writer == "polars":
        import polars as pl

        pl.from_arrow(table).write_parquet(path, **options)
    elif writer == "duckdb":
        import duckdb

        con = duckdb.connect()
        con.register("source", table)
        settings = ", ".join(f"{k} {v}" for k, v in options.items())
        quoted = path.replace("'", "''")
        con.execute(f"COPY source TO '{quoted}' (FORMAT parquet{', ' + settings if settings else ''})")
    elif writer == "fastparquet":
        write_pandas(table, path, options)
    else:
        raise ValueError(f"unknown writer {writer}")


def main():
    command, request_path, response_path = sys.argv[1:4]
    with open(request_path) as f:
        request = json.load(f)
    response = {}
    if command == "read":
        for path in request["files"]:
            response[path] = {}
            for reader in request["readers"]:
                try:
                    response[path][reader] = READERS[reader](path)
                except Exception as e:  # the suite reports it, naming file and reader
                    response[path][reader] = {"error": f"{type(e).__name__}: {e}"}
    elif command == "write":
        for case in request["cases"]:
            try:
                write_case(request, case)
                response[case["path"]] = {}
            except Exception as e:
                response[case["path"]] = {"error": f"{type(e).__name__}: {e}", "trace": traceback.format_exc(limit=3)}
    else:
        raise SystemExit(f"unknown command {command}")
    with open(response_path, "w") as f:
        json.dump(response, f)


if __name__ == "__main__":
    main()
