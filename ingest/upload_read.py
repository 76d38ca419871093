"""Read an uploaded file as people really make them: CSV with `;`, `,` or tab, UTF-8 or a legacy encoding, or an
Excel workbook with title rows above the header. The result is a grid of cells with the row numbers the user sees.

Nothing here knows the tables; it only needs the column names it may find, to locate the header row. A workbook is
checked from its zip directory and the first bytes of its sheets before openpyxl reads it, so a file that would unpack
to gigabytes is refused while it is still a few kilobytes.
"""
import csv
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field

from ingest.problems import Problem, Rejected, shown

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 200_000
HEADER_SEARCH_ROWS = 20
SEPARATORS = (";", ",", "\t")
# Tried in this order after UTF-8: a Finnish Excel saves "CSV" as Windows-1252. Latin-1 is not tried: it decodes any
# bytes at all, so it would turn a binary or wrongly guessed file into text instead of refusing it.
LEGACY_ENCODINGS = ("cp1252",)
ENCODING_NAMES = {"utf_8": "UTF-8", "utf_8_sig": "UTF-8 (BOM)", "utf_16": "UTF-16", "utf_16_le": "UTF-16 LE",
                  "utf_16_be": "UTF-16 BE", "cp1252": "Windows-1252"}
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A password-protected .xlsx is an OLE2 container with this stream (its name is stored in UTF-16).
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Excel's own limit for one cell; a longer cell was not made by Excel and is refused before it is parsed.
MAX_CELL_CHARS = 32_767
# Bytes of XML one cell may take (characters up to 4 bytes each, entities like &amp; longer).
MAX_CELL_XML = MAX_CELL_CHARS * 6
# Uncompressed size of all parts of a workbook: 200,000 rows of five columns take about 40 MB of XML.
MAX_UNPACKED = 50 * 1024 * 1024
MAX_COLUMNS = 100
# A header line is short; a longer line is cut before csv sees it (csv refuses fields over 131,072 characters).
HEADER_LINE_CHARS = 10_000
ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\s[^>]*?\br=\"(\d{1,10})\"")
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?\"")


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
        raise Rejected([Problem(file, "encrypted_excel" if ENCRYPTED_STREAM in content else "old_excel")])
    text, encoding = decode(file, content)
    return read_text(file, text, encoding, expected)


def utf16_without_bom(content):
    """'utf_16_le' or 'utf_16_be' when every other byte of the start is zero (ASCII text saved as UTF-16), else None."""
    head = content[:4096]
    half = len(head) // 2
    if half < 2:
        return None
    for encoding, zeros in (("utf_16_le", head[1::2]), ("utf_16_be", head[0::2])):
        if zeros.count(0) >= 0.9 * half and head[len(head) % 2:].count(0) <= 0.6 * len(head):
            return encoding
    return None


def candidate_encodings(content):
    """Encodings to try, strictly, in order: a BOM decides alone; else UTF-8 first, legacy ones only if it fails."""
    if content.startswith(b"\xef\xbb\xbf"):
        return ("utf_8_sig",)
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ("utf_16",)
    wide = utf16_without_bom(content)
    if wide:
        return (wide,)
    return ("utf_8", *LEGACY_ENCODINGS)


def decode(file, content):
    """The text and the encoding that decoded it without a single error; a file none decodes is refused, and so is
    one with control characters or with neither a line break nor a separator (no CSV at all)."""
    for encoding in candidate_encodings(content):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if CONTROL.search(text) or not any(mark in text[:65536] for mark in ("\n", *SEPARATORS)):
            break
        return text, encoding
    raise Rejected([Problem(file, "binary")])


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


def records(file, text, sep):
    """(line number where the record starts, cells) for every record of a CSV text.

    A record must end on the line it starts on: a quote left open would otherwise swallow every following row into
    one cell, and the file would look fine with fewer rows. A cell over csv's field limit is named by its line.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            key = "cell_too_long" if "field limit" in str(exc) else "unreadable"
            raise Rejected([Problem(file, key, row=start, values={"detail": shown(exc),
                                                                  "limit": f"{csv.field_size_limit():,}"})]) from None
        if reader.line_num > start and any("\n" in c or "\r" in c for c in cells):
            raise Rejected([Problem(file, "open_quote", row=start, values={"first": start,
                                                                             "last": reader.line_num})])
        yield start, cells
        start = reader.line_num + 1


def header_in_lines(file, lines, expected):
    """(columns found, separator, line number) of the line that names the most expected columns, or None."""
    lines = list(lines)
    best = (0, None, None)
    for sep in SEPARATORS:
        for line_no, line in lines:
            cells = next(csv.reader([line[:HEADER_LINE_CHARS]], delimiter=sep), [])
            found = score(cells, expected)
            if found > best[0]:
                best = (found, sep, line_no)
    return best if best[0] else None


def read_text(file, text, encoding, expected):
    """CSV text: the separator and header row are those that name the most expected columns."""
    lines = enumerate((line.rstrip("\r\n") for line in io.StringIO(text, newline="")), start=1)
    best = header_in_lines(file, itertools.islice(lines, HEADER_SEARCH_ROWS), expected)
    if best is None:
        below = header_in_lines(file, lines, expected)
        no_header(file, expected, below and below[2])
    _, sep, header_row = best
    grid = Grid(file, header_row, [], info={"kind": "csv", "encoding": encoding, "separator": sep})
    for row, cells in records(file, text, sep):
        if row < header_row:
            continue
        if row == header_row:
            grid.columns = header_columns(file, cells, row)
            continue
        add_row(grid, row, cells)
    return finish(grid)


def no_header(file, expected, found_at=None, sheets=None):
    """Refuse a file whose header is not in the first rows, saying where it is if it is lower down."""
    columns = ", ".join(expected)
    if found_at:
        raise Rejected([Problem(file, "header_too_low", row=found_at, values={"limit": HEADER_SEARCH_ROWS})])
    if sheets and len(sheets) > 1:
        raise Rejected([Problem(file, "no_header_sheets", values={
            "columns": columns, "limit": HEADER_SEARCH_ROWS, "sheets": ", ".join(f"“{shown(s)}”" for s in sheets)})])
    raise Rejected([Problem(file, "no_header", values={"columns": columns, "limit": HEADER_SEARCH_ROWS})])


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


def column_number(letters):
    """Excel's 1-based column number for its letters (A -> 1, XFD -> 16384)."""
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def scan_part(stream, limit):
    """(longest run of bytes without a '<', i.e. one cell's text, capped past `limit`; highest row number) of an XML
    part, read 1 MB at a time so a part that unpacks large is never held whole."""
    run = longest = last_row = 0
    tail = b""
    while chunk := stream.read(1 << 20):
        rows = [int(n) for n in ROW_NUMBER.findall(tail + chunk)]
        last_row = max([last_row, *rows])
        tail = chunk[-64:]
        first = chunk.find(b"<")
        if first < 0:
            run += len(chunk)
        else:
            longest = max(longest, run + first, longest_between(chunk, first))
            run = len(chunk) - chunk.rfind(b"<") - 1
        longest = max(longest, run)
        if longest > limit:
            break
    return longest, last_row


def longest_between(chunk, start):
    """The longest stretch of bytes between two '<' in a chunk, from `start`."""
    longest = 0
    while True:
        nxt = chunk.find(b"<", start + 1)
        if nxt < 0:
            return longest
        longest = max(longest, nxt - start - 1)
        start = nxt


def declared_size(file, book, name):
    """(rows, columns) a sheet part declares in its <dimension>, read from its first bytes only."""
    with book.open(name) as part:
        match = DIMENSION.search(part.read(8192))
    if not match:
        return None
    last_col, last_row = (match.group(3), match.group(4)) if match.group(3) else (match.group(1), match.group(2))
    return int(last_row), column_number(last_col.decode())


def precheck_workbook(file, content):
    """Refuse a workbook that would unpack too large, declare too many rows or columns, or hold an over-long cell.

    The zip directory gives each part's uncompressed size, and zipfile never inflates a part past that size, so the
    checks bound the memory openpyxl can later use.
    """
    try:
        book = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Rejected([Problem(file, "bad_excel")]) from None
    with book:
        parts = book.infolist()
        unpacked = sum(p.file_size for p in parts)
        if unpacked > MAX_UNPACKED:
            raise Rejected([Problem(file, "excel_unpacked", values={
                "size": f"{unpacked / 2 ** 20:,.0f}", "limit": f"{MAX_UNPACKED / 2 ** 20:.0f}"})])
        xml = [p.filename for p in parts if p.filename.startswith("xl/") and p.filename.endswith(".xml")]
        try:
            for name in xml:
                if name.startswith("xl/worksheets/"):
                    size = declared_size(file, book, name)
                    if size and (size[0] > MAX_ROWS + HEADER_SEARCH_ROWS or size[1] > MAX_COLUMNS):
                        raise Rejected([Problem(file, "excel_dimension", values={
                            "rows": f"{size[0]:,}", "columns": f"{size[1]:,}", "max_rows": f"{MAX_ROWS:,}",
                            "max_columns": MAX_COLUMNS})])
                with book.open(name) as part:
                    longest, last_row = scan_part(part, MAX_CELL_XML)
                if longest > MAX_CELL_XML:
                    raise Rejected([Problem(file, "cell_too_long", values={"limit": f"{MAX_CELL_CHARS:,}"})])
                if last_row > MAX_ROWS + HEADER_SEARCH_ROWS:
                    raise Rejected([Problem(file, "too_many_rows", values={"limit": MAX_ROWS})])
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError):
            raise Rejected([Problem(file, "bad_excel")]) from None


def open_workbook(file, content):
    """The workbook in openpyxl's streaming mode, after the pre-checks."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    precheck_workbook(file, content)
    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError, EOFError):
        raise Rejected([Problem(file, "bad_excel")]) from None


def cell_value(file, number, index, cell, problems):
    """A cell's value; formulas, error values and over-long text become problems with their cell named."""
    kind = getattr(cell, "data_type", None)
    value = getattr(cell, "value", None)
    letter = column_letter(index)
    if kind == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        problems.append(Problem(file, "formula", row=number, column=letter,
                                values={"value": shown(getattr(value, "text", value))}))
    elif kind == "e":
        problems.append(Problem(file, "excel_error", row=number, column=letter, values={"value": shown(value)}))
    elif isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        raise Rejected([Problem(file, "cell_too_long", row=number, column=letter,
                                values={"limit": f"{MAX_CELL_CHARS:,}"})])
    return value


def sheet_rows(file, sheet, limit=None):
    """(row number, cells) of a sheet's non-blank rows, up to row `limit`; rows past the row limit are refused.

    The declared dimension is dropped, so openpyxl does not pad every row to the widest one.
    """
    sheet.reset_dimensions()
    problems, rows = [], []
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if limit and number > limit:
            break
        if number > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise Rejected([Problem(file, "too_many_rows", values={"limit": MAX_ROWS})])
        if not cells:
            continue
        if len(cells) > MAX_COLUMNS:
            raise Rejected([Problem(file, "too_many_columns", row=number, values={"limit": MAX_COLUMNS})])
        values = [cell_value(file, number, i, c, problems) for i, c in enumerate(cells)]
        if not all(blank(v) for v in values):
            rows.append((number, values))
    return rows, problems


def excel_header(rows, expected):
    """(columns found, row number) of the row among `rows` that names the most expected columns, or None."""
    best = (0, None)
    for number, cells in rows:
        found = score(cells, expected)
        if found > best[0]:
            best = (found, number)
    return best if best[0] else None


def header_sheet(file, book, expected):
    """The first sheet whose first rows hold the header, and the header's row; refused naming every sheet if none."""
    for sheet in book.worksheets:
        rows, _ = sheet_rows(file, sheet, limit=HEADER_SEARCH_ROWS)
        found = excel_header(rows, expected)
        if found:
            return sheet, found[1]
    first = book.worksheets[0]
    rows, problems = sheet_rows(file, first)
    if problems:
        raise Rejected(problems)
    below = excel_header(rows, expected)
    no_header(file, expected, below and below[1], [s.title for s in book.worksheets])


def read_excel(file, content, expected):
    """An .xlsx workbook's sheet that holds the header (the first such); title rows above the header are skipped."""
    book = open_workbook(file, content)
    try:
        sheet, header_row = header_sheet(file, book, expected)
        rows, problems = sheet_rows(file, sheet)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, EOFError):
        raise Rejected([Problem(file, "bad_excel")]) from None
    finally:
        book.close()
    header = dict(rows)[header_row]
    grid = Grid(file, header_row, header_columns(file, header, header_row),
                info={"kind": "excel", "sheet": sheet.title})
    named = [replace_letter(p, grid.columns) for p in problems]
    if named:
        raise Rejected(named)
    width = len(grid.columns)
    for number, cells in rows:
        if number > header_row:
            add_row(grid, number, list(cells) + [None] * (width - len(cells)))
    return finish(grid)


def replace_letter(problem, columns):
    """A cell problem names the header's column where the letter lies under one, else keeps the letter."""
    index = column_number(problem.column)
    name = columns[index - 1] if 0 < index <= len(columns) and columns[index - 1] else problem.column
    return Problem(problem.file, problem.key, problem.row, name, problem.values)
