"""What an upload would change, worked out without writing anything: the table's new raw file(s), every table
rebuilt from them in a temporary copy of data/raw, and the rows added, changed and removed.

An upload never writes a table directly. It writes the table's raw file (data/raw/...) and rebuilds from data/raw,
exactly as `python -m ingest build` would, so a later full build keeps the upload:
    funding            -> raw/sonet_botnia/funding.csv            -> funding.csv, sources.csv, catalog.csv
    national_subsidy   -> raw/budget/budget_33_60_63_observed.csv -> national_subsidy.csv, sources.csv, catalog.csv
    indicators         -> raw/updates/*.csv (see ingest.updates)   -> indicators.parquet, indicator_meta.csv,
                                                                      sources.csv, catalog.csv
    focus_areas        -> raw/updates/focus_areas.csv              -> focus_areas.csv, catalog.csv
    action_plan        -> raw/updates/action_plan.csv              -> action_plan.csv, catalog.csv
An upload of funding or national subsidy also dates the table's entry in the source registry (raw/sources.csv), so
the catalogue and slide footers show when its figures last changed. ingest/upload_history.py puts a plan in place.
"""
import hashlib
import io
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from domain import BUDGET_FILE, FOCUS_FILE, FUNDING_FILE, PLAN_FILE
from ingest import updates
from ingest.build import build_all
from ingest.errors import SourceError
from ingest.problems import Problem, Rejected, shown
from ingest.raw_merge import (
    dated_registry,
    keyed_raw,
    merged_text,
    number_text,
    raw_records,
    read_text,
)
from ingest.readers import RAW_TYPE_WORD
from ingest.upload_check import SPECS

REGISTRY = "sources.csv"
RAW_FILES = {
    "funding": (FUNDING_FILE, REGISTRY),
    "national_subsidy": (BUDGET_FILE, REGISTRY),
    "indicators": (updates.ROWS, updates.META, updates.SOURCES),
    "focus_areas": (FOCUS_FILE,),
    "action_plan": (PLAN_FILE,),
}
OUTPUTS = {
    "funding": ("funding.csv", "sources.csv", "catalog.csv"),
    "national_subsidy": ("national_subsidy.csv", "sources.csv", "catalog.csv"),
    "indicators": ("indicators.parquet", "indicator_meta.csv", "sources.csv", "catalog.csv"),
    "focus_areas": ("focus_areas.csv", "catalog.csv"),
    "action_plan": ("action_plan.csv", "catalog.csv"),
}
KEYS = {"funding": ("year", "centre", "source"), "national_subsidy": ("year", "figure_type"),
        "indicators": ("area_code", "year", "indicator"), "focus_areas": ("centre", "id"),
        "action_plan": ("centre", "id")}
# A focus-area list or action plan uploaded in "replace" replaces the whole list or plan of each centre it names
# (other centres' stay).
MODES = {"funding": ("merge", "replace"), "national_subsidy": ("merge", "replace"), "indicators": ("merge",),
         "focus_areas": ("merge", "replace"), "action_plan": ("merge", "replace")}
# A budget row written from an upload gets the raw file's own wording for its figure type.
RAW_FIGURE_TYPE = {"final_accounts": "tilinpaatos (final accounts)", "budget": "talousarvio (budget)",
                   "proposal": "talousarvioesitys (government proposal)"}
REGISTRY_ID = {"funding": "sonet_botnia_funding", "national_subsidy": "budget_33_60_63"}


@dataclass
class Plan:
    """What applying would do: the new raw files, the rebuilt table files and the rows added, changed, removed."""

    table: str
    file: str
    mode: str
    raw: dict
    base: dict
    outputs: dict
    added: pd.DataFrame
    changed: pd.DataFrame
    removed: pd.DataFrame

    @property
    def counts(self):
        """Number of rows added, changed and removed."""
        changed = len(self.changed.drop_duplicates(list(KEYS[self.table]))) if len(self.changed) else 0
        return {"added": len(self.added), "changed": changed, "removed": len(self.removed)}


def digest(path):
    """sha256 of a file, None when it does not exist."""
    path = Path(path)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def funding_raw(old_text, frame, replace):
    """The centre's funding file with the checked rows merged in."""
    columns = ["year", "centre", "source", "amount_eur", "source_ref"]
    rows = [{c: str(getattr(r, c)) for c in columns} for r in frame.itertuples()]
    return merged_text(old_text, columns, rows, lambda r: (r["year"], r["centre"], r["source"]), replace=replace,
                       by_year=True)


def budget_raw(old_text, frame, replace):
    """The budget-line file with the checked rows merged in; figure types keep the file's own wording."""
    columns = ["year", "amount_eur", "figure_type", "source_url", "note"]
    rows = [{c: str(getattr(r, c)) for c in columns} for r in frame.itertuples()]

    def code(text):
        return RAW_TYPE_WORD.get(text.split(" ")[0], text)

    def key(row):
        return (row["year"], code(row["figure_type"]))

    def same(old, new):
        return all((code(old[c]) if c == "figure_type" else old[c]) == new[c] for c in columns)

    def label(old, new):
        return {**new, "figure_type": old["figure_type"] if old else RAW_FIGURE_TYPE[new["figure_type"]]}

    return merged_text(old_text, columns, rows, key, same, label, replace=replace, by_year=True)


def indicator_raw(old_text, frame):
    """updates/indicators.csv with the checked rows merged in by area, year and indicator."""
    rows = [{"area_code": r.area_code, "year": str(r.year), "indicator": r.indicator, "value": number_text(r.value),
             "source": r.source} for r in frame.itertuples()]
    return merged_text(old_text, updates.ROW_COLUMNS, rows, lambda r: (r["year"], r["area_code"], r["indicator"]),
                       by_year=True)


def centre_list_raw(old_text, frame, columns, replace):
    """An uploaded per-centre list (focus areas, action plan) with the checked rows merged in by centre and id;
    `replace` drops the earlier rows of every centre the upload names, so a centre's list is exactly the file's."""
    rows = [{c: str(getattr(r, c)) for c in columns} for r in frame.itertuples()]
    if replace and old_text:
        named = set(frame["centre"])
        records = list(raw_records(old_text))
        kept = [text for cells, text in records[1:] if cells[0] not in named]
        old_text = records[0][1] + "".join(kept)
    return merged_text(old_text, columns, rows, lambda r: (r["centre"], int(r["id"])))


def with_dated_registry(table, raw_files, data_dir, day):
    """`raw_files` plus the registry dated `day` for the table's source (funding and national subsidy only)."""
    if table not in REGISTRY_ID:
        return raw_files
    registry = dated_registry(read_text(Path(data_dir) / "raw" / REGISTRY), REGISTRY_ID[table], day or date.today())
    return {**raw_files, REGISTRY: registry.encode("utf-8")}


def new_raw(checked, data_dir, mode, meta=None, sources=None):
    """The table's raw file(s) after the upload, as bytes keyed by their path under data/raw."""
    raw = Path(data_dir) / "raw"
    table = checked.table
    if table == "funding":
        rel = RAW_FILES[table][0]
        return {rel: funding_raw(read_text(raw / rel), checked.frame, mode == "replace").encode("utf-8")}
    if table == "national_subsidy":
        rel = RAW_FILES[table][0]
        return {rel: budget_raw(read_text(raw / rel), checked.frame, mode == "replace").encode("utf-8")}
    if table in ("focus_areas", "action_plan"):
        rel = RAW_FILES[table][0]
        columns = list(SPECS[table].columns)
        return {rel: centre_list_raw(read_text(raw / rel), checked.frame, columns, mode == "replace").encode("utf-8")}
    files = {updates.ROWS: indicator_raw(read_text(raw / updates.ROWS), checked.frame).encode("utf-8")}
    if meta is not None and len(meta):
        files[updates.META] = keyed_raw(read_text(raw / updates.META), list(meta.columns), meta,
                                        "indicator").encode("utf-8")
    if sources is not None and len(sources):
        files[updates.SOURCES] = keyed_raw(read_text(raw / updates.SOURCES), list(sources.columns), sources,
                                           "source_id").encode("utf-8")
    return files


def build_with(data_dir, raw_files, file):
    """Every built file from a copy of data/raw with `raw_files` in place (None removes a file)."""
    with tempfile.TemporaryDirectory(prefix="sonet-plan-") as tmp:
        raw = Path(tmp) / "raw"
        shutil.copytree(Path(data_dir) / "raw", raw, ignore=shutil.ignore_patterns("sotkanet"))
        for rel, content in raw_files.items():
            target = raw / rel
            if content is None:
                target.unlink(missing_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
        try:
            return build_all(raw)
        except (SourceError, ValueError, KeyError) as exc:
            raise Rejected([Problem(file, "build_failed", values={"detail": shown(exc)})]) from None


def table_frame(table, content):
    """A stored table (bytes of its file) as text columns, for comparing versions."""
    if table == "indicators":
        frame = pd.read_parquet(io.BytesIO(content))
        frame["year"] = frame["year"].astype(str)
        frame["value"] = frame["value"].map(number_text)
        return frame.astype(str)
    return pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)


def compare(table, old, new):
    """Rows added, changed (one row per changed cell: key, column, old, new) and removed between two versions."""
    key = list(KEYS[table])
    both = old.merge(new, on=key, how="outer", suffixes=("_old", "_new"), indicator=True)
    others = [c for c in new.columns if c not in key]
    added = both.loc[both["_merge"] == "right_only", key + [f"{c}_new" for c in others]]
    removed = both.loc[both["_merge"] == "left_only", key + [f"{c}_old" for c in others if c in old.columns]]
    kept = both[both["_merge"] == "both"]
    changes = []
    for column in others:
        if column not in old.columns:
            continue
        differ = kept[kept[f"{column}_old"] != kept[f"{column}_new"]]
        changes.append(differ[key].assign(column=column, old=differ[f"{column}_old"], new=differ[f"{column}_new"]))
    changed = pd.concat(changes, ignore_index=True) if changes else pd.DataFrame(columns=key + ["column", "old",
                                                                                             "new"])
    strip = {f"{c}_new": c for c in others} | {f"{c}_old": c for c in others}
    return (added.rename(columns=strip).reset_index(drop=True), changed.sort_values(key).reset_index(drop=True),
            removed.rename(columns=strip).reset_index(drop=True))


def plan_raw(table, raw_files, data_dir, file, mode="merge"):
    """A Plan for putting `raw_files` in place: rebuilt in a temporary folder and compared with the stored table."""
    data_dir = Path(data_dir)
    built = build_with(data_dir, raw_files, file)
    outputs = {rel: built[rel] for rel in OUTPUTS[table]}
    main = OUTPUTS[table][0]
    added, changed, removed = compare(table, table_frame(table, (data_dir / main).read_bytes()),
                                      table_frame(table, outputs[main]))
    base = {rel: digest(data_dir / "raw" / rel) for rel in RAW_FILES[table]}
    return Plan(table, file, mode, raw_files, base, outputs, added, changed, removed)


def plan(checked, data_dir, mode="merge", meta=None, sources=None, today=None):
    """What applying a checked file would change (nothing is written)."""
    if mode not in MODES[checked.table]:
        raise ValueError(f"{checked.table} cannot be uploaded in mode {mode!r}")
    raw_files = with_dated_registry(checked.table, new_raw(checked, data_dir, mode, meta, sources), data_dir, today)
    return plan_raw(checked.table, raw_files, data_dir, checked.file, mode)
