"""Replace a table with checked rows, keep the version it replaces in data/history/, and put any version back.

An upload never writes a table directly. It writes the table's raw file (data/raw/...) and rebuilds from data/raw,
exactly as `python -m ingest build` would, so a later full build keeps the upload:
    funding            -> raw/sonet_botnia/funding.csv            -> funding.csv, sources.csv, catalog.csv
    national_subsidy   -> raw/budget/budget_33_60_63_observed.csv -> national_subsidy.csv, sources.csv, catalog.csv
    indicators         -> raw/updates/*.csv (see ingest.updates)   -> indicators.parquet, indicator_meta.csv,
                                                                      sources.csv, catalog.csv
The build runs on a temporary copy of data/raw first; only if it succeeds are the files replaced, each one
atomically (written beside its target, then renamed): the raw file(s) first, then the tables; should the process
die in between, `python -m ingest build` brings the tables in line with data/raw again. A lock keeps two editors
from applying at the same time, and a change made by someone else between the check and the confirmation is
refused rather than overwritten. An upload of funding or national subsidy also dates the table's entry in the source
registry (raw/sources.csv), so the catalogue and slide footers show when its figures last changed; a restore puts
that date back with the figures, leaving the other entries as they are.
"""
import csv
import fcntl
import hashlib
import io
import json
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from ingest import updates
from ingest.build import build_all, write_files
from ingest.errors import SourceError
from ingest.problems import Problem, Rejected, shown

REGISTRY = "sources.csv"
RAW_FILES = {
    "funding": ("sonet_botnia/funding.csv", REGISTRY),
    "national_subsidy": ("budget/budget_33_60_63_observed.csv", REGISTRY),
    "indicators": (updates.ROWS, updates.META, updates.SOURCES),
}
OUTPUTS = {
    "funding": ("funding.csv", "sources.csv", "catalog.csv"),
    "national_subsidy": ("national_subsidy.csv", "sources.csv", "catalog.csv"),
    "indicators": ("indicators.parquet", "indicator_meta.csv", "sources.csv", "catalog.csv"),
}
KEYS = {"funding": ("year", "centre", "source"), "national_subsidy": ("year", "figure_type"),
        "indicators": ("area_code", "year", "indicator")}
MODES = {"funding": ("merge", "replace"), "national_subsidy": ("merge", "replace"), "indicators": ("merge",)}
# A budget row written from an upload gets the raw file's own wording for its figure type.
RAW_FIGURE_TYPE = {"final_accounts": "tilinpaatos (final accounts)", "budget": "talousarvio (budget)",
                   "proposal": "talousarvioesitys (government proposal)"}
RAW_TYPE_WORD = {"tilinpaatos": "final_accounts", "talousarvio": "budget", "talousarvioesitys": "proposal"}
HISTORY = "history"
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


def raw_records(text):
    """(cells, exact text) of each record of a CSV, so unchanged rows are written back byte for byte."""
    lines = iter(text.splitlines(keepends=True))
    taken = []

    def feed():
        for line in lines:
            taken.append(line)
            yield line

    for cells in csv.reader(feed()):
        record = "".join(taken)
        taken.clear()
        if cells:
            yield cells, record if record.endswith("\n") else record + "\n"


def csv_line(cells):
    """One record in the project's CSV dialect."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def number_text(value):
    """A figure as the raw files write it: whole numbers without '.0', others in their shortest exact form."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def merged_text(old_text, columns, new_rows, key, same=None, label=None, replace=False, by_year=False):
    """A raw CSV with `new_rows` (dicts by column) merged in by key, or replacing all rows; unchanged records are
    kept verbatim, so the file's diff shows only what the upload changed.

    `same(old, new)` says whether two rows carry the same figures (default: equal cells); `label(old, new)` may
    rewrite a row before it is written; `by_year` keeps the rows in year order.
    """
    old = list(raw_records(old_text)) if old_text else []
    header = old[0][1] if old else csv_line(columns)
    names = [n.replace("\ufeff", "") for n in (old[0][0] if old else columns)]
    old_rows = [(dict(zip(names, cells)), text) for cells, text in old[1:]]
    old_by_key = {key(row): (row, text) for row, text in old_rows}
    same = same or (lambda a, b: all(a.get(c, "") == b.get(c, "") for c in columns))
    chosen = {}
    for row in new_rows:
        previous = old_by_key.get(key(row))
        if previous and same(previous[0], row):
            chosen[key(row)] = previous[1]
        else:
            row = label(previous[0] if previous else None, row) if label else row
            chosen[key(row)] = csv_line([row.get(n, "") for n in names])
    order = [] if replace else [key(row) for row, _ in old_rows]
    seen = set(order)
    order += [k for k in chosen if k not in seen]
    records = [(k, chosen.get(k) or old_by_key[k][1]) for k in order]
    if by_year:
        records.sort(key=lambda pair: int(pair[0][0]))
    return header + "".join(text for _, text in records)


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


def keyed_raw(old_text, columns, frame, key):
    """A small registry file (descriptions, sources) with rows replaced or added by their first column."""
    rows = [{c: str(v) for c, v in zip(columns, rec)} for rec in frame[columns].itertuples(index=False)]
    return merged_text(old_text, columns, rows, lambda r: (r[key],))


def read_text(path):
    """A raw file's text, None when it does not exist yet."""
    path = Path(path)
    return path.read_text(encoding="utf-8-sig") if path.exists() else None


def dated_registry(old_text, source_id, day):
    """The source registry with `source_id` marked updated on `day`; every other record unchanged byte for byte."""
    records = list(raw_records(old_text))
    column = records[0][0].index("updated")
    out = []
    for cells, text in records:
        if cells[0] == source_id:
            text = csv_line(cells[:column] + [day.isoformat()] + cells[column + 1:])
        out.append(text)
    return "".join(out)


def restored_registry(current_text, saved_text, source_id):
    """The current registry with one entry's record put back exactly as a history entry saved it."""
    saved = next((text for cells, text in raw_records(saved_text) if cells[0] == source_id), None)
    return "".join(saved if cells[0] == source_id and saved else text for cells, text in raw_records(current_text))


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


@contextmanager
def locked(data_dir):
    """One writer at a time for the data folder (an exclusive lock on history/.lock)."""
    folder = Path(data_dir) / HISTORY
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clean_editor(editor):
    """An editor's name as recorded: printable characters only, at most 100."""
    text = "".join(ch for ch in str(editor or "") if ch.isprintable()).strip()
    return text[:100] or "?"


def save_history(plan_, data_dir, editor, action, now):
    """Copy the table's current raw and built files to history/<table>/<time>/ with who replaced them and when."""
    data_dir = Path(data_dir)
    stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
    entry = data_dir / HISTORY / plan_.table / stamp
    entry.mkdir(parents=True)
    absent = []
    for rel in RAW_FILES[plan_.table]:
        source = data_dir / "raw" / rel
        if source.exists():
            (entry / "raw" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, entry / "raw" / rel)
        else:
            absent.append(rel)
    for rel in OUTPUTS[plan_.table]:
        (entry / "data" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(data_dir / rel, entry / "data" / rel)
    meta = {"table": plan_.table, "id": stamp, "replaced_at": now.isoformat(timespec="seconds"),
            "editor": clean_editor(editor), "action": action, "file": plan_.file, "mode": plan_.mode,
            "absent": absent, **plan_.counts}
    (entry / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return meta


def apply(plan_, data_dir, editor, action="upload", now=None):
    """Keep the current version in history, then put the plan's raw and built files in place."""
    data_dir = Path(data_dir)
    now = now or datetime.now(UTC)
    with locked(data_dir):
        for rel, expected in plan_.base.items():
            if digest(data_dir / "raw" / rel) != expected:
                raise Rejected([Problem(plan_.file, "changed_meanwhile")])
        entry = save_history(plan_, data_dir, editor, action, now)
        raw = data_dir / "raw"
        write_files({rel: content for rel, content in plan_.raw.items() if content is not None}, raw)
        for rel, content in plan_.raw.items():
            if content is None:
                (raw / rel).unlink(missing_ok=True)
        write_files(plan_.outputs, data_dir)
    return entry


def history(table, data_dir):
    """Earlier versions of a table, newest first: id, when and by whom it was replaced, and how."""
    folder = Path(data_dir) / HISTORY / table
    if not folder.is_dir():
        return []
    entries = []
    for meta in sorted(folder.glob("*/meta.json"), reverse=True):
        entries.append(json.loads(meta.read_text(encoding="utf-8")))
    return entries


def plan_restore(table, entry_id, data_dir):
    """A Plan that puts the raw files of a history entry back (and rebuilds from them)."""
    entry = Path(data_dir) / HISTORY / table / entry_id
    if not (entry / "meta.json").exists() or entry.parent != Path(data_dir) / HISTORY / table:
        raise Rejected([Problem(entry_id, "no_such_version")])
    raw_files = {}
    for rel in RAW_FILES[table]:
        saved = entry / "raw" / rel
        raw_files[rel] = saved.read_bytes() if saved.exists() else None
    if table in REGISTRY_ID:
        saved = raw_files.pop(REGISTRY)
        if saved is not None:
            current = read_text(Path(data_dir) / "raw" / REGISTRY)
            registry = restored_registry(current, saved.decode("utf-8"), REGISTRY_ID[table])
            raw_files[REGISTRY] = registry.encode("utf-8")
    return plan_raw(table, raw_files, data_dir, entry_id, mode="restore")


def restore(table, entry_id, data_dir, editor, now=None):
    """Put a history entry back; the version it replaces goes to history too, so a restore can be undone."""
    return apply(plan_restore(table, entry_id, data_dir), data_dir, editor, action="restore", now=now)
