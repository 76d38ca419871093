"""Tables as spreadsheets: CSV the way each language's Excel opens it, and .xlsx."""
import io

import pandas as pd

from export.safe import csv_safe, xlsx_safe


@csv_safe
def csv_bytes(frame, lang):
    """CSV with BOM; ';' and decimal commas in Finnish and Swedish, ',' and points in English."""
    if lang == "en":
        return frame.to_csv(index=False).encode("utf-8-sig")
    return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


@xlsx_safe
def xlsx_bytes(frame, sheet="data"):
    """An Excel workbook with one sheet holding exactly the frame (numbers stay numbers)."""
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
    return out.getvalue()
