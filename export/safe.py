"""Downloads never carry a live formula (OWASP's CSV-injection rule): data comes from uploads and ballots, and a
cell such as `=HYPERLINK(...)` or `-2+3+cmd|' /C calc'!A0` would run when the director opens the file.

CSV: a text cell that starts with = + - @, a tab or a carriage return gets a leading apostrophe, which a
spreadsheet shows as text. Excel: every cell openpyxl would write as a formula is written as a text cell instead,
with its text unchanged. Numbers are never touched (-3 stays the number -3).
"""
import io
from functools import wraps

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(value):
    """A text cell that a spreadsheet would read as a formula, prefixed with an apostrophe; anything else as is."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_START) else value


def csv_cell(value):
    """A neutral text cell whose carriage returns are line feeds: pandas quotes a cell with a line feed but writes a
    lone carriage return bare, which ends the row in Excel."""
    value = neutral(value)
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def neutralised(frame):
    """A copy of the frame whose text cells are neutral CSV cells (numeric columns are left as they are)."""
    out = frame.copy()
    out.attrs = dict(frame.attrs)
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(csv_cell)
    return out


def csv_safe(writer):
    """Decorate a CSV writer `writer(frame, ...)` so that it writes the neutralised frame."""
    @wraps(writer)
    def safe(frame, *args, **kwargs):
        return writer(neutralised(frame), *args, **kwargs)
    return safe


def text_cells(content):
    """An .xlsx (bytes) with every formula cell turned into a text cell holding the same text."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    return workbook_bytes(book)


def workbook_bytes(book):
    """An openpyxl workbook as the bytes of its .xlsx file."""
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_safe(writer):
    """Decorate an .xlsx writer so that its workbook holds no formula, only the text it was given."""
    @wraps(writer)
    def safe(*args, **kwargs):
        return text_cells(writer(*args, **kwargs))
    return safe
