"""The arrows of docs/ARCHITECTURE.md go one way: each layer's imports (also those inside functions) are checked."""
import pytest

from conftest import ROOT
from source_imports import imported, modules

OURS = {"ui", "app_pages", "queries", "charts", "calc", "export", "ingest", "locales", "domain", "bench",
        "dashboard"}
# What each layer must never import. ui and app_pages sit on top and may use the layers below them.
FORBIDDEN = {
    "charts": {"streamlit", "duckdb", "ui", "app_pages", "queries", "ingest"},
    "calc": {"streamlit", "duckdb", "ui", "app_pages", "queries", "ingest", "charts", "export"},
    "export": {"streamlit", "duckdb", "ui", "app_pages", "queries", "ingest"},
    "queries": {"streamlit", "ui", "app_pages", "charts", "export", "ingest"},
    "ingest": {"streamlit", "ui", "app_pages", "charts", "export"},
    "locales": OURS - {"locales"},
    "domain": OURS - {"domain"},
}
# The one way from a page into ingest: the Data page's upload (check, plan, history) goes through ui/upload.py.
UPLOAD = "ui/upload.py"


def python_files(*folders):
    """The project's Python files under the folders."""
    return [path for folder in folders for path in (ROOT / folder).rglob("*.py")]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer):
    """charts/calc/export without Streamlit or DuckDB, queries without Streamlit, ingest without ui; locales and
    domain import nothing of ours."""
    wrong = {f"{path.relative_to(ROOT)}: {sorted(imported(path) & FORBIDDEN[layer])}"
             for path in python_files(layer) if imported(path) & FORBIDDEN[layer]}
    assert not wrong


def test_only_the_upload_module_of_ui_imports_ingest():
    """Pages and ui read data through queries; only the upload reaches ingest, and only its upload path."""
    wrong = {str(path.relative_to(ROOT)) for path in python_files("ui", "app_pages")
             if "ingest" in imported(path) and str(path.relative_to(ROOT)) != UPLOAD}
    assert not wrong
    reached = {m for m in modules(ROOT / UPLOAD) if m.split(".")[0] == "ingest"}
    assert reached and all(m in {"ingest", "ingest.problems"} or m.startswith("ingest.upload_") for m in reached)


def test_nothing_imports_pages():
    """Pages are scripts Streamlit runs, never modules another file uses."""
    files = [p for p in ROOT.rglob("*.py") if ".git" not in p.parts and "app_pages" not in p.parts]
    assert not [str(p.relative_to(ROOT)) for p in files if "app_pages" in imported(p)]


def test_no_legacy_pages_folder():
    """A pages/ folder beside dashboard.py would switch Streamlit's legacy routing back on (deep links ran a page
    file alone, outside the shell)."""
    assert not (ROOT / "pages").exists()


def test_tests_share_helpers_through_helper_modules():
    """A test file imports what it shares from conftest.py or a helper module (browser_helpers, app_helpers ...),
    never from another test file, whose tests would then run under two names."""
    wrong = {path.name: sorted(m for m in imported(path) if m.startswith("test_"))
             for path in (ROOT / "tests").glob("*.py")}
    assert not {name: found for name, found in wrong.items() if found}
