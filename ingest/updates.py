"""Indicator figures added after the first build (uploads, Sotkanet merges), kept as raw files a rebuild keeps.

data/raw/updates/indicators.csv      area_code, year, indicator, value, source (one figure per row)
data/raw/updates/indicator_meta.csv  descriptions of indicators that only these files bring (the columns of
                                     raw/indicator_meta.csv; any it lacks are left empty)
data/raw/updates/sources.csv         sources that only these files cite (same columns as raw/sources.csv)

A row here replaces the built figure with the same area, year and indicator; regional totals are not recomputed
from it (an indicator added here carries the figures its source publishes for each area).
"""
import pandas as pd

from ingest.errors import SourceError
from ingest.readers import (
    META_COLUMNS,
    SOURCE_COLUMNS,
    check_better,
    check_raw_files,
    first_bad,
    read_csv,
    to_number,
)

FOLDER = "updates/"
ROWS = f"{FOLDER}indicators.csv"
META = f"{FOLDER}indicator_meta.csv"
SOURCES = f"{FOLDER}sources.csv"
ROW_COLUMNS = ["area_code", "year", "indicator", "value", "source"]


def _added(raw, rel, columns, key, existing):
    """The rows of an updates file, checked for a complete header and keys new to `existing`."""
    path = raw / rel
    if not path.exists():
        return None
    frame = read_csv(path, columns)
    for i, value in enumerate(frame[key]):
        if not value.strip():
            raise SourceError(path, "empty value", row=i + 2, column=key)
        if value in existing:
            raise SourceError(path, f"{value!r} is already defined in the curated file", row=i + 2, column=key)
    dupes = frame[key].duplicated()
    if dupes.any():
        raise SourceError(path, f"{key} given twice", row=int(dupes.idxmax()) + 2, column=key)
    return frame


def _with_added(curated, raw, rel, columns, key, checked):
    """The curated table plus the rows an updates file adds to it, as `checked(path, rows)` gives them back (or
    refuses them); columns the curated table has and the file lacks are left empty."""
    extra = _added(raw, rel, columns, key, set(curated[key]))
    if extra is None:
        return curated
    extra = checked(raw / rel, extra)
    return pd.concat([curated, extra.reindex(columns=curated.columns, fill_value="")], ignore_index=True)


def with_sources(sources, raw):
    """The source registry plus the sources the updates cite; each listed raw file must exist."""
    def checked(path, extra):
        check_raw_files(path, extra, raw)
        return extra
    return _with_added(sources, raw, SOURCES, SOURCE_COLUMNS, "source_id", checked)


def _checked_meta(path, extra):
    """Added indicator descriptions with a known better direction and whole-number decimals (made numbers)."""
    check_better(path, extra)
    first_bad(path, extra, ~extra["decimals"].str.isdigit(), "decimals",
              lambda decimals: f"decimals {decimals!r} is not a whole number")
    return extra.assign(decimals=extra["decimals"].astype(int))


def with_meta(meta, raw):
    """The curated indicator descriptions plus those of indicators that only the updates bring."""
    return _with_added(meta, raw, META, META_COLUMNS, "indicator", _checked_meta)


def _checked_rows(raw, meta, areas, sources):
    """updates/indicators.csv as typed rows; unknown codes, bad numbers and repeated keys stop the build."""
    path = raw / ROWS
    frame = read_csv(path, ROW_COLUMNS)
    first_bad(path, frame, ~frame["area_code"].isin(set(areas["code"])), "area_code",
               lambda v: f"unknown area_code {v!r}")
    first_bad(path, frame, ~frame["indicator"].isin(set(meta["indicator"])), "indicator",
               lambda v: f"unknown indicator {v!r}")
    first_bad(path, frame, ~frame["year"].str.fullmatch(r"\d{4}"), "year", lambda v: f"year {v!r} is not a number")
    registered = set(sources["source_id"])
    unregistered = frame["source"].map(lambda s: any(p not in registered for p in s.split(";")))
    first_bad(path, frame, unregistered, "source", lambda v: f"unregistered source {v!r}")
    rows = pd.DataFrame({"area_code": frame["area_code"], "year": frame["year"].astype("int32"),
                         "indicator": frame["indicator"],
                         "value": to_number(path, frame, "value", allow_empty=False).round(6),
                         "source": frame["source"]})
    dupes = rows.duplicated(subset=["area_code", "year", "indicator"])
    if dupes.any():
        raise SourceError(path, "area, year and indicator given twice", row=int(dupes.idxmax()) + 2,
                          column="indicator")
    return rows


def with_rows(indicators, raw, meta, areas, sources):
    """Built indicator rows with the updated figures in place of the built ones for the same key."""
    if not (raw / ROWS).exists():
        if (raw / META).exists():
            raise SourceError(raw / META, f"describes indicators but {ROWS} is missing")
        return indicators
    rows = _checked_rows(raw, meta, areas, sources)
    key = ["area_code", "year", "indicator"]
    replaced = indicators.merge(rows[key], on=key, how="left", indicator=True)["_merge"] == "both"
    out = pd.concat([indicators[~replaced.to_numpy()], rows], ignore_index=True)
    described = set(meta["indicator"])
    empty = (set(pd.read_csv(raw / META, dtype=str)["indicator"]) if (raw / META).exists() else set()) - set(
        out["indicator"])
    if empty:
        raise SourceError(raw / META, f"indicator {sorted(empty)[0]} has no figures in {ROWS}")
    if not set(out["indicator"]) <= described:
        raise SourceError(raw / ROWS, "indicator without description")
    return out.sort_values(["indicator", "area_code", "year"]).reset_index(drop=True)
