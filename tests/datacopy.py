"""A writable copy of the committed data folder for tests that upload, restore or merge (never the real data/)."""
import shutil

import streamlit as st

from conftest import DATA


def copy_data(target):
    """data/ (tables and raw files, without history or meeting state) copied to `target`."""
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("history", "state", "sotkanet"))
    return target


def snapshot(folder):
    """Every file under `folder` with its bytes, to show that nothing changed."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def app_data_copy(folder, monkeypatch):
    """A fixture's body: the app reads and writes a copy of data/ at `folder`, with cold caches before and after."""
    copy_data(folder)
    monkeypatch.setenv("SONET_DATA_DIR", str(folder))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield folder
    st.cache_data.clear()
    st.cache_resource.clear()
