"""A writable copy of the committed data folder for tests that upload, restore or merge (never the real data/)."""
import shutil

from conftest import DATA


def copy_data(target):
    """data/ (tables and raw files, without history or meeting state) copied to `target`."""
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("history", "state", "sotkanet"))
    return target


def snapshot(folder):
    """Every file under `folder` with its bytes, to show that nothing changed."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
