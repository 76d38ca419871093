"""Read an uploaded file as people really make them: CSV with `;`, `,` or tab, any of the usual encodings, or an
Excel workbook with title rows above the header. The result is a grid of cells with the row numbers the user sees.

Nothing here knows the tables; it only needs the column names it may find, to locate the header row.
"""
import csv
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from ingest.problems import Problem, Rejected, shown

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 200_000
HEADER_SEARCH_ROWS = 20
SEPARATORS = (";", ",", "\t")
# charset-normalizer picks among these only: on short Finnish text an unrestricted guess lands on big5 or hp_roman8.
ENCODINGS = ["utf_8", "cp1252", "latin_1", "utf_16"]
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclass
class Grid:
    """The cells below the header: `rows` holds (row number as the user sees it, cells by column name)."""

    file: str
    header_row: int
    columns: list
    rows: list = field(default_factory=list)
    info: dict = field(default_factory=dict)


def normalise_name(name):
    """A header cell compared loosely: case, surrounding spaces, quotes, a BOM and spaces inside do not matter."""
    text = str(name if name is not None else "").replace("\ufeff", "").strip().strip('"').strip("'").strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


def read(file, content, expected):
    """A Grid from the bytes of an uploaded file, or Rejected naming what is wrong (size, kind, header...)."""
    if len(content) > MAX_BYTES:
        raise Rejected([Problem(file, "too_large", values={"size": f"{len(content) / 2 ** 20:.1f}",
                                                            "limit": f"{MAX_BYTES / 2 ** 20:.0f}"})])
    stripped = content
    for bom in BOMS:
        stripped = stripped.removeprefix(bom)
    if not stripped.strip():
        raise Rejected([Problem(file, "empty")])
    if content.startswith(ZIP_MAGIC):
        return read_excel(file, content, expected)
    if content.startswith(OLE2_MAGIC):
        raise Rejected([Problem(file, "old_excel")])
    text, encoding = decode(file, content)
    return read_text(file, text, encoding, expected)


def decode(file, content):
    """The text and its encoding: a BOM decides, else charset-normalizer among the encodings people use here."""
    if content.startswith(b"\xef\xbb\xbf"):
        encoding = "utf_8_sig"
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf_16"
    else:
        best = from_bytes(content, cp_isolation=ENCODINGS).best()
        if best is None:
            raise Rejected([Problem(file, "binary")])
        encoding = best.encoding
    try:
        text = content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise Rejected([Problem(file, "binary")]) from None
    if CONTROL.search(text):
        raise Rejected([Problem(file, "binary")])
    return text, encoding


def score(cells, expected):
    """How many of the expected column names a row holds."""
    return len({normalise_name(c) for c in cells} & set(expected))


def header_columns(file, cells, row):
    """The header's column names; trailing empty cells (a spreadsheet's extra separators) are dropped."""
    names = [normalise_name(c) for c in cells]
    while names and not names[-1]:
        names.pop()
    seen = set()
    for name in names:
        if name in seen:
            raise Rejected([Problem(file, "duplicate_column", row=row, column=name)])
        seen.add(name)
    return names


def records(text, sep):
    """(line number where the record starts, cells) for every record of a CSV text."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    start = 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1


def read_text(file, text, encoding, expected):
    """CSV text: the separator and header row are those that name the most expected columns."""
    head = [line.rstrip("\r\n") for line in itertools.islice(io.StringIO(text, newline=""), HEADER_SEARCH_ROWS)]
    best = (0, None, None)
    for sep in SEPARATORS:
        for line_no, line in enumerate(head, start=1):
            cells = next(csv.reader([line], delimiter=sep), [])
            found = score(cells, expected)
            if found > best[0]:
                best = (found, sep, line_no)
    if best[0] == 0:
        raise Rejected([Problem(file, "no_header", values={"columns": ", ".join(expected)})])
    _, sep, header_row = best
    grid = Grid(file, header_row, [], info={"kind": "csv", "encoding": encoding, "separator": sep})
    try:
        for row, cells in records(text, sep):
            if row < header_row:
                continue
            if row == header_row:
                grid.columns = header_columns(file, cells, row)
                continue
            add_row(grid, row, cells)
    except csv.Error as exc:
        raise Rejected([Problem(file, "unreadable", values={"detail": shown(exc)})]) from None
    return finish(grid)


def add_row(grid, row, cells):
    """Keep a non-blank row as {column: cell}; a row with more filled cells than the header is an error."""
    if all(blank(c) for c in cells):
        return
    width = len(grid.columns)
    if len(cells) > width and not all(blank(c) for c in cells[width:]):
        raise Rejected([Problem(grid.file, "cell_count", row=row, values={"found": len(cells), "expected": width})])
    if len(cells) < width:
        raise Rejected([Problem(grid.file, "cell_count", row=row, values={"found": len(cells), "expected": width})])
    if len(grid.rows) >= MAX_ROWS:
        raise Rejected([Problem(grid.file, "too_many_rows", values={"limit": MAX_ROWS})])
    grid.rows.append((row, dict(zip(grid.columns, cells[:width]))))


def blank(cell):
    """An empty cell (None, or only spaces)."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def finish(grid):
    """A grid with a header but no data rows is of no use."""
    if not grid.rows:
        raise Rejected([Problem(grid.file, "no_rows", row=grid.header_row)])
    return grid


def column_letter(index):
    """Excel's column letter for a 0-based index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def excel_rows(file, content):
    """(row number, cells) of the first sheet; formulas and error values are refused with their cell named."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError):
        raise Rejected([Problem(file, "bad_excel")]) from None
    try:
        sheet = book.worksheets[0]
        problems, rows = [], []
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            values = []
            for index, cell in enumerate(cells):
                kind = getattr(cell, "data_type", None)
                if kind == "f" or type(cell.value).__name__ in ("ArrayFormula", "DataTableFormula"):
                    problems.append(Problem(file, "formula", row=number, column=column_letter(index),
                                            values={"value": shown(getattr(cell.value, "text", cell.value))}))
                elif kind == "e":
                    problems.append(Problem(file, "excel_error", row=number, column=column_letter(index),
                                            values={"value": shown(cell.value)}))
                values.append(cell.value)
            rows.append((number, values))
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise Rejected([Problem(file, "too_many_rows", values={"limit": MAX_ROWS})])
        return sheet.title, rows, problems
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise Rejected([Problem(file, "bad_excel")]) from None
    finally:
        book.close()


def read_excel(file, content, expected):
    """An .xlsx workbook's first sheet; title rows above the header are skipped."""
    sheet, rows, problems = excel_rows(file, content)
    best = (0, None)
    for number, cells in rows[:HEADER_SEARCH_ROWS]:
        found = score(cells, expected)
        if found > best[0]:
            best = (found, number)
    if best[0] == 0:
        raise Rejected(problems or [Problem(file, "no_header", values={"columns": ", ".join(expected)})])
    header_row = best[1]
    header = dict(rows)[header_row]
    grid = Grid(file, header_row, header_columns(file, header, header_row),
                info={"kind": "excel", "sheet": sheet})
    named = [replace_letter(p, grid.columns) for p in problems]
    if named:
        raise Rejected(named)
    for number, cells in rows:
        if number > header_row:
            add_row(grid, number, list(cells))
    return finish(grid)


def replace_letter(problem, columns):
    """A cell problem names the header's column where the letter lies under one, else keeps the letter."""
    index = 0
    for char in problem.column:
        index = index * 26 + ord(char) - 64
    name = columns[index - 1] if 0 < index <= len(columns) and columns[index - 1] else problem.column
    return Problem(problem.file, problem.key, problem.row, name, problem.values)
