"""Tables as spreadsheets: CSV the way each language's Excel opens it, and .xlsx, each carrying what the numbers
are (source, licence, unit, years) so a file forwarded on its own still says where its figures come from.

CSV: the lines before the header start with '#' and hold `label;value` (',' in English), one fact a line
(pandas: `read_csv(..., comment="#")`). Excel: the table on a sheet named by the data, the facts on a second sheet.
"""
import csv
import io
import re

import pandas as pd

from export.safe import csv_safe, neutral, xlsx_safe

SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
SHEET_MAX = 31


def described(frame, decimals=None, unit=None, years=None):
    """The table with what its download needs to say about it: places per column, the unit, the years covered.

    Kept in `frame.attrs`, so the description travels with the table from the query to the download button."""
    frame.attrs.update({"decimals": dict(decimals or {}), "unit": unit, "years": years})
    return frame


def rounded(frame, decimals, default=2):
    """A copy whose float columns are rounded: `decimals` maps a column to its places, other floats get `default`.

    A share computed as 60.50276972793524 goes out as the 60.5 the chart shows, not as binary noise."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(decimals.get(column, default))
    return out


def _delimiter(lang):
    """';' in Finnish and Swedish (their Excel reads ',' as the decimal mark), ',' in English."""
    return "," if lang == "en" else ";"


@csv_safe
def csv_bytes(frame, lang, about=()):
    """CSV with BOM; ';' and decimal commas in Finnish and Swedish, ',' and points in English.

    `about` is (label, value) pairs, already translated, written as '#'-lines above the header."""
    head = io.StringIO()
    writer = csv.writer(head, delimiter=_delimiter(lang), lineterminator="\r\n")
    for label, value in about:
        writer.writerow([f"# {label}", neutral(value)])
    if lang == "en":
        body = frame.to_csv(index=False)
    else:
        body = frame.to_csv(index=False, sep=";", decimal=",")
    return (head.getvalue() + body).encode("utf-8-sig")


def sheet_name(text, fallback="data"):
    """A valid Excel sheet name for `text`: no []:*?/\\ and at most 31 characters."""
    name = re.sub(r"\s+", " ", SHEET_CHARS.sub(" ", text or "")).strip()[:SHEET_MAX].strip()
    return name or fallback


@xlsx_safe
def xlsx_bytes(frame, sheet="data", about=(), about_sheet="about"):
    """An Excel workbook: the frame on `sheet` (numbers stay numbers), `about` pairs on a second sheet."""
    out = io.BytesIO()
    data_sheet = sheet_name(sheet)
    info_sheet = sheet_name(about_sheet, "about")
    if info_sheet == data_sheet:
        info_sheet = f"{info_sheet[:SHEET_MAX - 2]} 2"
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=data_sheet)
        if about:
            pd.DataFrame(list(about)).to_excel(writer, index=False, header=False, sheet_name=info_sheet)
    return out.getvalue()
