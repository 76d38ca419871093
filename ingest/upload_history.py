"""Put a plan in place, keeping the version it replaces in data/history/, and put any kept version back.

Only if the plan's build succeeded are the files replaced, each one atomically (written beside its target, then
renamed): the raw file(s) first, then the tables; should the process die in between, `python -m ingest build` brings
the tables in line with data/raw again. A lock keeps two editors from applying at the same time, and a change made
by someone else between the check and the confirmation is refused rather than overwritten. A restore puts the
registry date back with the figures, leaving the other entries as they are.
"""
import fcntl
import json
import shutil
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ingest.build import STAMP, write_files
from ingest.problems import Problem, Rejected
from ingest.raw_merge import read_text, restored_registry
from ingest.upload_plan import (
    OUTPUTS,
    RAW_FILES,
    REGISTRY,
    REGISTRY_ID,
    digest,
    plan_raw,
)

HISTORY = "history"


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


def save_history(plan, data_dir, editor, action, now):
    """Copy the table's current raw and built files to history/<table>/<time>/ with who replaced them and when."""
    data_dir = Path(data_dir)
    stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
    entry = data_dir / HISTORY / plan.table / stamp
    entry.mkdir(parents=True)
    absent = []
    for rel in RAW_FILES[plan.table]:
        source = data_dir / "raw" / rel
        if source.exists():
            (entry / "raw" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, entry / "raw" / rel)
        else:
            absent.append(rel)
    for rel in OUTPUTS[plan.table]:
        (entry / "data" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(data_dir / rel, entry / "data" / rel)
    meta = {"table": plan.table, "id": stamp, "replaced_at": now.isoformat(timespec="seconds"),
            "editor": clean_editor(editor), "action": action, "file": plan.file, "mode": plan.mode,
            "absent": absent, **plan.counts}
    (entry / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return meta


def apply(plan, data_dir, editor, action="upload", now=None):
    """Keep the current version in history, then put the plan's raw and built files in place."""
    data_dir = Path(data_dir)
    now = now or datetime.now(UTC)
    with locked(data_dir):
        for rel, expected in plan.base.items():
            if digest(data_dir / "raw" / rel) != expected:
                raise Rejected([Problem(plan.file, "changed_meanwhile")])
        entry = save_history(plan, data_dir, editor, action, now)
        raw = data_dir / "raw"
        write_files({rel: content for rel, content in plan.raw.items() if content is not None}, raw)
        for rel, content in plan.raw.items():
            if content is None:
                (raw / rel).unlink(missing_ok=True)
        write_files(plan.outputs, data_dir)
        # The folder now holds uploaded rows: it is no longer the plain build its stamp names.
        (data_dir / STAMP).unlink(missing_ok=True)
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
