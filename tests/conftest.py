"""Shared test fixtures: project paths and a fresh data connection."""
import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
# Meeting votes go to a throw-away file, never to data/state/ (servers started by tests inherit this).
os.environ.setdefault("SONET_VOTES_DB", str(Path(tempfile.mkdtemp(prefix="sonet-votes-")) / "votes.duckdb"))

import queries  # noqa: E402


@pytest.fixture(scope="session")
def con():
    """A DuckDB connection over the committed data tables."""
    connection = queries.connect(ROOT / "data")
    yield connection
    connection.close()
