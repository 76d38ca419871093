"""Downloads carry no live formula (issue 16): text cells that a spreadsheet would run are neutralised in CSV
(OWASP: a leading apostrophe) and written as text in Excel; numbers stay numbers. Made-up cells."""
import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from export.tables import csv_bytes, xlsx_bytes

ATTACKS = ['=HYPERLINK("http://x","click")', "+SUM(A1:A9)", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1+1",
           "\r=1+1"]
PLAIN = ["Kehittämispäivä 12.4.2019", "2019–2020", "a=b", "–3"]


def frame():
    """A table with the attacks and plain text in a text column beside a numeric one with negatives."""
    texts = ATTACKS + PLAIN
    return pd.DataFrame({"name": texts, "value": [-3.5 + i for i in range(len(texts))]})


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_csv_text_cells_cannot_start_a_formula(lang):
    """Each attack comes back with a leading apostrophe (a carriage return as a quoted line feed, so the row holds),
    plain text unchanged, and -3,5 still a number."""
    text = csv_bytes(frame(), lang).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="," if lang == "en" else ";"))[1:]
    assert [r[0] for r in rows] == [f"'{a}".replace("\r", "\n") for a in ATTACKS] + PLAIN
    assert rows[0][1] == ("-3.5" if lang == "en" else "-3,5")


def test_csv_leaves_the_callers_frame_alone():
    """Neutralising works on a copy: the table on screen keeps its text."""
    table = frame()
    csv_bytes(table, "fi")
    assert table["name"].tolist() == ATTACKS + PLAIN


def test_xlsx_writes_text_as_text():
    """No cell of the workbook is a formula; each text cell holds exactly the text, numbers are numbers."""
    book = load_workbook(io.BytesIO(xlsx_bytes(frame(), "data")))
    cells = [c for row in book.active.iter_rows(min_row=2) for c in row]
    assert [c.data_type for c in cells if c.column == 1] == ["s"] * len(ATTACKS + PLAIN)
    assert [c.value for c in cells if c.column == 1] == ATTACKS + PLAIN
    assert [c.data_type for c in cells if c.column == 2] == ["n"] * len(ATTACKS + PLAIN)
    assert cells[1].value == -3.5
