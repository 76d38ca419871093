"""Nothing a user types is rendered as Markdown or HTML (issue 16: a participant's name in the "link already used"
notice rendered `![](http://host/t)` as an image the browser fetched). A scan of the UI code: no call that renders
Markdown may be given a user-supplied value (a name, a round title, an editor, a file's name, sheet or cell)."""
import ast

import pytest

from conftest import ROOT

# Streamlit calls whose text is Markdown (st.text, st.code, st.dataframe and widget options are plain).
MARKDOWN_CALLS = {"markdown", "write", "info", "success", "warning", "error", "caption", "title", "header",
                  "subheader", "toast", "expander", "metric", "tab", "tabs", "button", "form_submit_button",
                  "download_button", "link_button", "page_link", "popover", "status", "badge", "latex", "help"}
# Where a value typed or uploaded by someone reaches the UI: the keys of a ballot, round, history entry or read note
# (`ballot["name"]`, `vote_round["title"]`) and the placeholders that carry them (`name=`, `names=`, `editor=`,
# `sheet=`).
USER_KEYS = {"name", "title", "editor", "sheet"}
USER_PLACEHOLDERS = {"name", "names", "editor", "sheet"}
SOURCES = sorted([*ROOT.glob("ui/*.py"), *ROOT.glob("app_pages/*.py"), *ROOT.glob("ui/*/*.py")])


def user_values(node):
    """The user-supplied fields an expression passes on: `x["name"]` or a placeholder `name=...`."""
    found = []
    for part in ast.walk(node):
        if isinstance(part, ast.Subscript) and isinstance(part.slice, ast.Constant) and part.slice.value in USER_KEYS:
            found.append(part.slice.value)
        elif isinstance(part, ast.keyword) and part.arg in USER_PLACEHOLDERS:
            found.append(part.arg)
    return found


def markdown_with_user_text(path):
    """(line, call, fields) for each Markdown-rendering call in a file that is handed a user-supplied value."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hits = []
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in MARKDOWN_CALLS:
            fields = [f for arg in [*call.args, *call.keywords] for f in user_values(arg)]
            if fields:
                hits.append((call.lineno, call.func.attr, fields))
    return hits


def test_the_scan_sees_the_ui():
    """The scan reads the pages and the vote code (so an empty glob cannot pass it)."""
    names = {p.stem for p in SOURCES}
    assert {"upload", "auth", "shell"} <= names and len(SOURCES) > 10


def test_the_scan_catches_the_old_notice(tmp_path):
    """The notice as it was (a name in st.info) is found by the scan."""
    old = tmp_path / "old.py"
    old.write_text('st.info(translate(lang, "vote.already_sent", time=t, name=earlier["name"]))\n')
    assert markdown_with_user_text(old) == [(1, "info", ["name", "name"])]


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(ROOT)) for p in SOURCES])
def test_no_user_text_goes_through_markdown(path):
    """User-supplied values are shown with st.text, in tables or as widget options, never in Markdown."""
    assert markdown_with_user_text(path) == []
