"""The arrows of DESIGN.md section 3 go one way: each layer's imports (also those inside functions) are checked."""
import ast

import pytest

from conftest import ROOT

OURS = {"ui", "pages", "queries", "charts", "calc", "export", "ingest", "locales", "bench", "dashboard"}
# What each layer must never import. ui and pages sit on top and may use the layers below them.
FORBIDDEN = {
    "charts": {"streamlit", "duckdb", "ui", "pages", "queries", "ingest"},
    "calc": {"streamlit", "duckdb", "ui", "pages", "queries", "ingest", "charts"},
    "export": {"streamlit", "duckdb", "ui", "pages", "queries", "ingest"},
    "queries": {"streamlit", "ui", "pages", "charts", "export", "ingest"},
    "ingest": {"streamlit", "ui", "pages", "charts", "export"},
    "locales": OURS - {"locales"},
}


def imported(path):
    """Top-level names of every module a file imports."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer):
    """charts/calc/export without Streamlit or DuckDB, queries without Streamlit, ingest without ui, locales alone."""
    wrong = {f"{path.relative_to(ROOT)}: {sorted(imported(path) & FORBIDDEN[layer])}"
             for path in (ROOT / layer).rglob("*.py") if imported(path) & FORBIDDEN[layer]}
    assert not wrong


def test_nothing_imports_pages():
    """Pages are scripts Streamlit runs, never modules another file uses."""
    files = [p for p in ROOT.rglob("*.py") if ".git" not in p.parts and "pages" not in p.parts]
    assert not [str(p.relative_to(ROOT)) for p in files if "pages" in imported(p)]
