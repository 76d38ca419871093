"""The data layer: the only code that opens DuckDB. One .sql file per query, values always bound.

A single in-memory connection holds the views; each query runs on its own cursor, so Streamlit's script
threads never share a cursor ("connection is busy").
"""
import os
from functools import cache
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).resolve().parent
DEFAULT_DATA = SQL_DIR.parent / "data"


def data_dir():
    """The data folder: SONET_DATA_DIR when set (tests and benchmarks), else the project's data/."""
    return Path(os.environ.get("SONET_DATA_DIR", DEFAULT_DATA)).resolve()


@cache
def sql(name):
    """The text of queries/<name>.sql (read once)."""
    path = SQL_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r}")
    return path.read_text(encoding="utf-8")


def connect(folder=None):
    """An in-memory DuckDB with the views of views.sql over the files in `folder`."""
    con = duckdb.connect(config={"file_search_path": str(Path(folder or data_dir()))})
    con.execute(sql("views"))
    return con


def run(con, query, **params):
    """Run queries/<query>.sql with named parameters ($name in the SQL) and return a DataFrame."""
    cursor = con.cursor()
    try:
        return cursor.execute(sql(query), params or None).df()
    finally:
        cursor.close()


def geo_file(file):
    """The bytes of a shipped GeoJSON file under data/geo (borders are files, not DuckDB tables)."""
    path = (data_dir() / file).resolve()
    if path.parent != (data_dir() / "geo").resolve() or path.suffix != ".geojson":
        raise KeyError(f"not a border file: {file}")
    return path.read_bytes()
