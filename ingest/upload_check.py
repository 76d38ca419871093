"""Check an uploaded file against the table it is meant for and return clean rows in the table's own format.

Reading (upload_read) gives cells; here each cell is parsed (numbers with decimal commas and spaces, years,
codes, plain text), then pandera schemas check ranges, codes and text rules, each check named by its message key,
so every failure becomes a Problem with file, row and column. Nothing here writes anything.
"""
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path

import pandas as pd

from calc.ballot import MAX_AREA_ID
from domain import ACTION_STATUSES, DEFAULT_CENTRE, FIGURE_TYPES, FUNDING_SOURCES
from ingest import upload_read
from ingest.centre_lists import MAX_ACTION_ID, looks_personal, parse_day, status_code
from ingest.problems import Problem, Rejected, shown

FIRST_YEAR = 1990
MAX_TEXT = 1000
MAX_PROBLEMS = 50
# What people write for a figure type: our codes, the budget documents' Finnish words, the UI's labels.
FIGURE_TYPE_ALIASES = {
    "budget": "budget", "talousarvio": "budget", "budjetti": "budget",
    "final_accounts": "final_accounts", "final accounts": "final_accounts", "tilinpäätös": "final_accounts",
    "tilinpaatos": "final_accounts", "bokslut": "final_accounts",
    "proposal": "proposal", "government proposal": "proposal", "talousarvioesitys": "proposal",
    "budgetproposition": "proposal", "regeringens proposition": "proposal", "hallituksen esitys": "proposal",
}
HTML = re.compile(r"<\s*[A-Za-z!/?]|&#|javascript\s*:|data\s*:\s*text/html", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
URL = re.compile(r"https?://[^\s<>\"']+\Z")
SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
# A number as typed, after spaces and the euro sign are dropped: ASCII digits only ("²" and "٣" are digits to
# str.isdigit but not to a spreadsheet), with at most one kind of separator between groups or before decimals.
NUMBER = re.compile(r"[+-]?[0-9][0-9.,]*|[+-]?[.,][0-9]+")
FORMULA_START = re.compile(r"[=@+\-\t\r]")
# Invisible characters that only hide things: stripped from text, refused in codes.
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Every number is bounded before it is converted: beyond these it is a typo or an attack, and int64 would overflow.
BOUNDS = {"year": (-9999, 9999), "amount": (-10 ** 12, 10 ** 12), "value": (-10 ** 12, 10 ** 12),
          "ordinal": (1, MAX_AREA_ID), "serial": (1, MAX_ACTION_ID)}
NUMERIC = ("year", "amount", "value", "ordinal", "serial")
WHOLE = ("amount", "ordinal", "serial")
COUNT_UNITS = ("persons", "families")
# "date" cells become ISO dates; "loose" cells (optional, parsed by the table's own check) stay as typed.
TYPES = {"year": "int64", "amount": "int64", "value": "float64", "ordinal": "int64", "serial": "int64", "code": "str",
         "text": "str", "url": "str", "date": "str", "loose": "str"}
CHECK_KEYS = {"year_past", "year_future", "negative", "html", "formula_text", "control_chars", "text_too_long",
              "bad_url", "unknown_centre", "unknown_source_category", "unknown_figure_type", "unknown_area",
              "unknown_indicator", "unknown_centre_id", "unknown_status"}


@dataclass(frozen=True)
class Spec:
    """An uploadable table: its columns in the stored order, the key of a row and the kind of each column."""

    name: str
    kinds: dict
    key: tuple
    optional_text: tuple = ()

    @property
    def columns(self):
        """Column names in the stored order."""
        return tuple(self.kinds)


SPECS = {
    "funding": Spec("funding", {"year": "year", "centre": "code", "source": "code", "amount_eur": "amount",
                                "source_ref": "text"}, ("year", "centre", "source")),
    "national_subsidy": Spec("national_subsidy", {"year": "year", "amount_eur": "amount", "figure_type": "code",
                                                  "source_url": "url", "note": "text"}, ("year", "figure_type"),
                             optional_text=("note",)),
    "indicators": Spec("indicators", {"area_code": "code", "year": "year", "indicator": "code", "value": "value",
                                      "source": "code"}, ("area_code", "year", "indicator")),
    "focus_areas": Spec("focus_areas", {"centre": "code", "id": "ordinal", "title_fi": "text", "title_sv": "text",
                                        "title_en": "text"}, ("centre", "id")),
    "action_plan": Spec("action_plan", {"centre": "code", "id": "serial", "focus_area": "ordinal", "action": "text",
                                        "owner": "text", "start": "date", "due": "date", "status": "code",
                                        "indicator": "loose", "target_value": "loose", "target_year": "loose"},
                        ("centre", "id"), optional_text=("indicator", "target_value", "target_year")),
}


@dataclass
class Context:
    """What a file is checked against: the known codes of the stored tables and today's date."""

    areas: set
    centres: set
    indicators: set
    signed: set
    sources: set
    today: date = field(default_factory=date.today)
    counts: set = field(default_factory=set)
    centre_ids: set = field(default_factory=set)
    focus: set = field(default_factory=set)

    @classmethod
    def load(cls, data_dir, today=None, extra_indicators=(), extra_sources=()):
        """Codes from the tables in `data_dir`, plus indicators and sources about to be added with the file."""
        data_dir = Path(data_dir)
        areas = pd.read_csv(data_dir / "areas.csv", dtype=str, keep_default_na=False)
        meta = pd.read_csv(data_dir / "indicator_meta.csv", dtype=str, keep_default_na=False)
        sources = pd.read_csv(data_dir / "sources.csv", dtype=str, keep_default_na=False)
        rows = pd.read_parquet(data_dir / "indicators.parquet", columns=["indicator", "value"])
        signed = set(rows.loc[rows["value"] < 0, "indicator"])
        centres = pd.read_csv(data_dir / "centres.csv", dtype=str, keep_default_na=False)
        return cls(areas=set(areas["code"]), centres=set(centres["area_code"]) - {""},
                   indicators=set(meta["indicator"]) | set(extra_indicators), signed=signed,
                   sources=set(sources["source_id"]) | set(extra_sources), today=today or date.today(),
                   counts=set(meta.loc[meta["unit"].isin(COUNT_UNITS), "indicator"]),
                   centre_ids=set(centres["centre_id"]), focus=focus_keys(data_dir))


def focus_keys(data_dir):
    """(centre, focus area id) of every centre's list in the stored focus_areas table."""
    path = Path(data_dir) / "focus_areas.csv"
    if not path.exists():
        return set()
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return {(c, int(i)) for c, i in zip(frame["centre"], frame["id"])}


@dataclass
class Checked:
    """A file that passed: its rows typed and in the table's column order, `_row` holding the file's row numbers."""

    table: str
    file: str
    frame: pd.DataFrame
    info: dict


@dataclass(frozen=True)
class Ambiguous:
    """A number whose one separator may be a thousands separator or a decimal mark: both readings, to show."""

    thousands: float
    decimal: float


def grouped(digits, sep):
    """True if `digits` is 1-3 digits followed by groups of exactly three, separated by `sep` ('1,048,576')."""
    return re.fullmatch(rf"[0-9]{{1,3}}(\{sep}[0-9]{{3}})+", digits) is not None


def one_separator(text, sep):
    """A number written with only `sep` as separator: thousands groups, a decimal mark, or Ambiguous."""
    sign = "-" if text.startswith("-") else ""
    body = text.lstrip("+-")
    if body.count(sep) > 1:
        return float(sign + body.replace(sep, "")) if grouped(body, sep) else None
    whole, _, decimals = body.partition(sep)
    if not re.fullmatch(r"[0-9]*", whole) or not re.fullmatch(r"[0-9]+", decimals):
        return None
    value = float(f"{sign}{whole or 0}.{decimals}")
    if len(decimals) == 3 and grouped(body, sep) and whole.lstrip("0"):
        return Ambiguous(float(sign + whole + decimals), value)
    return value


def parse_number(cell):
    """A number as people type it: '1 234,5', '1.234,5', '1,234.5', '1,048,576', '219 426 €', '−3'.

    None if it is not one, Ambiguous for '67,000' or '67.000' (a comma or point before exactly three digits).
    """
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        return None if isinstance(cell, float) and not math.isfinite(cell) else float(cell)
    text = SPACES.sub("", str(cell)).replace("\u2212", "-").removesuffix("€").removeprefix("€")
    if not NUMBER.fullmatch(text):
        return None
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, decimals = text.lstrip("+-").rpartition(decimal)
        if thousands in decimals or not (grouped(whole, thousands)) or not decimals.isdigit():
            return None
        text = text.replace(thousands, "").replace(",", ".")
    elif "," in text or "." in text:
        return one_separator(text, "," if "," in text else ".")
    value = float(text)
    return value if math.isfinite(value) else None


def number_text(value):
    """A reading of a number for a message: no exponent, no needless '.0'."""
    return f"{value:.15g}" if abs(value) < 1e15 else f"{value:.0f}"


def cell_text(cell):
    """A cell as text: whole numbers from a spreadsheet without '.0'."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def parse_cell(kind, column, cell, row, file, problems, optional):
    """One cell to its typed value; a problem (and None) when it cannot be."""
    text = cell_text(cell)
    if text == "" and not optional:
        problems.append(Problem(file, "missing_value", row, column))
        return None
    if kind == "date":
        return parse_date(column, text, row, file, problems)
    if kind in NUMERIC:
        return parse_numeric(kind, column, cell, text, row, file, problems)
    return parse_text(kind, column, text, row, file, problems)


def parse_numeric(kind, column, cell, text, row, file, problems):
    """A year, whole euros or a figure; ambiguous separators and numbers beyond the column's range are refused."""
    number = parse_number(cell)
    if isinstance(number, Ambiguous):
        problems.append(Problem(file, "ambiguous_number", row, column, {
            "value": shown(text), "thousands": number_text(number.thousands), "decimal": number_text(number.decimal)}))
        return None
    if number is None:
        key = "not_year" if kind == "year" else "not_number"
        problems.append(Problem(file, key, row, column, {"value": shown(text)}))
        return None
    low, high = BOUNDS[kind]
    if not low <= number <= high:
        problems.append(Problem(file, "out_of_range", row, column, {
            "value": shown(text), "low": f"{low:,}".replace(",", " "), "high": f"{high:,}".replace(",", " ")}))
        return None
    if kind == "year" and not number.is_integer():
        problems.append(Problem(file, "not_year", row, column, {"value": shown(text)}))
        return None
    if kind in WHOLE and not number.is_integer():
        problems.append(Problem(file, "not_whole" if kind == "amount" else "not_ordinal", row, column,
                                {"value": shown(text)}))
        return None
    return number if kind == "value" else int(number)


def parse_date(column, text, row, file, problems):
    """A date cell as an ISO date: 2025-09-01, 1.9.2025 or an Excel date; a problem (and None) otherwise."""
    day = parse_day(text)
    if day is None:
        problems.append(Problem(file, "not_date", row, column, {"value": shown(text)}))
        return None
    return day.isoformat()


def odd_character(text, code):
    """The first character that must not be in the text: invisible or direction-changing ones anywhere, and in a
    code also letters of another script that look like Latin ones (Cyrillic "В" in "SB")."""
    for char in text:
        category = unicodedata.category(char)
        if category == "Cf" or (category.startswith("Z") and char != " "):
            return char
        if code and category.startswith("L") and not unicodedata.name(char, "").startswith("LATIN"):
            return char
    return None


def parse_text(kind, column, text, row, file, problems):
    """A code or text cell: zero-width characters are dropped from text; look-alike and invisible ones refused."""
    code = kind == "code"
    if not code:
        text = ZERO_WIDTH.sub("", text)
    char = odd_character(text, code)
    if char:
        name = unicodedata.name(char, "")
        problems.append(Problem(file, "lookalike_code" if code and name else "invisible_char", row, column, {
            "value": shown(text.encode("ascii", "backslashreplace").decode()),
            "char": f"U+{ord(char):04X} {name}".strip()}))
        return None
    return text


def columns_present(spec, grid):
    """The header must have exactly the table's columns, in any order."""
    found = [c for c in grid.columns if c]
    missing = [c for c in spec.columns if c not in found]
    extra = [c for c in found if c not in spec.columns]
    problems = []
    if missing:
        problems.append(Problem(grid.file, "missing_columns", grid.header_row, missing[0],
                                values={"columns": ", ".join(missing)}))
    if extra:
        problems.append(Problem(grid.file, "unexpected_columns", grid.header_row, extra[0],
                                values={"columns": ", ".join(shown(c) for c in extra),
                                        "allowed": ", ".join(spec.columns)}))
    if problems:
        raise Rejected(problems)


def typed_frame(spec, grid):
    """All cells parsed; returns the rows whose every cell parsed, and a problem for each cell that did not."""
    problems, records = [], []
    for row, cells in grid.rows:
        record = {"_row": row}
        before = len(problems)
        for column, kind in spec.kinds.items():
            record[column] = parse_cell(kind, column, cells.get(column), row, grid.file, problems,
                                        column in spec.optional_text)
        if len(problems) == before:
            records.append(record)
    frame = pd.DataFrame.from_records(records, columns=["_row", *spec.columns])
    frame = frame.astype({c: TYPES[k] for c, k in spec.kinds.items()} | {"_row": "int64"})
    if spec.name == "national_subsidy":
        frame["figure_type"] = [FIGURE_TYPE_ALIASES.get(v.strip().lower(), v) for v in frame["figure_type"]]
    if spec.name == "action_plan":
        frame["status"] = [status_code(v) for v in frame["status"]]
    return frame, problems


def text_checks(pa, kind):
    """Plain text only: no HTML or script, no formula, no control characters, not too long; URLs are http(s)."""
    checks = [
        pa.Check(lambda s: ~s.str.contains(HTML), error="html"),
        pa.Check(lambda s: ~s.str.match(FORMULA_START), error="formula_text"),
        pa.Check(lambda s: ~s.str.contains(CONTROL), error="control_chars"),
        pa.Check(lambda s: s.str.len() <= MAX_TEXT, error="text_too_long"),
    ]
    if kind == "url":
        checks.append(pa.Check(lambda s: s.str.match(URL), error="bad_url"))
    return checks


def year_limit(spec, frame, today):
    """The latest year allowed per row: this year; next year too for a budget or proposal (decided in advance)."""
    ahead = frame["figure_type"].isin(["budget", "proposal"]) if spec.name == "national_subsidy" else False
    return today.year + pd.Series(ahead, index=frame.index).astype(int)


def schema(spec, frame, context):
    """The pandera schema of a table; each check's error is the key of its message."""
    import pandera.pandas as pa

    limit = year_limit(spec, frame, context.today)
    columns = {"_row": pa.Column(int)}
    for column, kind in spec.kinds.items():
        checks = []
        if kind == "year":
            checks = [pa.Check.ge(FIRST_YEAR, error="year_past"),
                      pa.Check(lambda s: s <= limit.loc[s.index], error="year_future")]
        elif kind == "amount":
            checks = [pa.Check.ge(0, error="negative")]
        elif kind in ("text", "url", "code"):
            checks = text_checks(pa, kind)
        columns[column] = pa.Column(int if kind in ("year", *WHOLE) else float if kind == "value" else str,
                                    checks, nullable=False, coerce=False)
    codes = {
        "funding": {"centre": (context.centres, "unknown_centre"),
                    "source": (set(FUNDING_SOURCES), "unknown_source_category")},
        "national_subsidy": {"figure_type": (set(FIGURE_TYPES), "unknown_figure_type")},
        "indicators": {"area_code": (context.areas, "unknown_area"),
                       "indicator": (context.indicators, "unknown_indicator")},
        "focus_areas": {"centre": (context.centre_ids, "unknown_centre_id")},
        "action_plan": {"centre": (context.centre_ids, "unknown_centre_id"),
                        "status": (set(ACTION_STATUSES), "unknown_status")},
    }[spec.name]
    for column, (allowed, key) in codes.items():
        columns[column].checks.append(pa.Check.isin(sorted(allowed), error=key))
    return pa.DataFrameSchema(columns, strict=True)


def failures(spec, frame, context):
    """Problems from the pandera schema, one per failing cell."""
    import pandera.pandas as pa

    try:
        schema(spec, frame, context).validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    limit = year_limit(spec, frame, context.today)
    problems = []
    for case in cases.itertuples():
        if case.index is None or pd.isna(case.index):
            continue
        row = int(frame.loc[case.index, "_row"])
        key = str(case.check) if str(case.check) in CHECK_KEYS else "invalid"
        values = {"value": shown(case.failure_case)}
        if key == "year_future":
            values["limit"] = int(limit.loc[case.index])
        problems.append(Problem("", key, row, case.column, values))
    return problems


def hints(problem, context, spec):
    """Extra words for a code that is close to a known one, or lists of what is allowed."""
    value = problem.values.get("value", "")
    allowed = {"unknown_centre": context.centres, "unknown_source_category": FUNDING_SOURCES,
               "unknown_figure_type": FIGURE_TYPES,
               "unknown_centre_id": context.centre_ids - {DEFAULT_CENTRE} if spec.name == "focus_areas"
               else context.centre_ids, "unknown_status": ACTION_STATUSES}.get(problem.key)
    values = dict(problem.values)
    if allowed is not None:
        values["allowed"] = ", ".join(sorted(allowed))
    if problem.key in ("unknown_area", "unknown_indicator"):
        pool = context.areas if problem.key == "unknown_area" else context.indicators
        if problem.key == "unknown_area":
            close = [value.zfill(3)] if value.isdigit() and value.zfill(3) in pool else []
        else:
            close = get_close_matches(value, sorted(pool), n=1)
        values["close"] = close[0] if close else "–"
    if problem.key == "year_past":
        values["limit"] = FIRST_YEAR
    return values


def signs_and_sources(spec, frame, file, context):
    """Indicator rows: negative only for indicators that can be negative; every source id registered."""
    problems = []
    if spec.name != "indicators":
        return problems
    for row, indicator, value, source in zip(frame["_row"], frame["indicator"], frame["value"], frame["source"]):
        if value < 0 and indicator in context.indicators and indicator not in context.signed:
            problems.append(Problem(file, "negative", int(row), "value", {"value": f"{value:g}"}))
        if indicator in context.counts and not float(value).is_integer():
            problems.append(Problem(file, "not_whole_count", int(row), "value",
                                    {"value": number_text(value), "indicator": indicator}))
        for source_id in source.split(";"):
            if source_id.strip() not in context.sources:
                problems.append(Problem(file, "unknown_source", int(row), "source", {"value": shown(source_id)}))
    return problems


def deck_rows(spec, frame, file):
    """A focus-area list for SONet BOTNIA is refused: its list is the 2019 deck's (raw/sonet_botnia)."""
    if spec.name != "focus_areas":
        return []
    return [Problem(file, "deck_list", int(row), "centre", {"value": DEFAULT_CENTRE})
            for row, centre in zip(frame["_row"], frame["centre"]) if centre == DEFAULT_CENTRE]


def plan_target(rec, file, context):
    """An action's optional indicator and target: all three or none, a known indicator, a number (decimal comma
    or point) and a year."""
    row = int(rec["_row"])
    given = {c: rec[c] for c in ("indicator", "target_value", "target_year") if rec[c]}
    if not given:
        return []
    if len(given) < 3:
        missing = next(c for c in ("indicator", "target_value", "target_year") if c not in given)
        return [Problem(file, "target_incomplete", row, missing)]
    problems = []
    if rec["indicator"] not in context.indicators:
        close = get_close_matches(rec["indicator"], sorted(context.indicators), n=1)
        problems.append(Problem(file, "unknown_indicator", row, "indicator",
                                {"value": shown(rec["indicator"]), "close": close[0] if close else "–"}))
    value = parse_number(rec["target_value"])
    if isinstance(value, Ambiguous):
        problems.append(Problem(file, "ambiguous_number", row, "target_value", {
            "value": shown(rec["target_value"]), "thousands": number_text(value.thousands),
            "decimal": number_text(value.decimal)}))
    elif value is None:
        problems.append(Problem(file, "not_number", row, "target_value", {"value": shown(rec["target_value"])}))
    year = parse_number(rec["target_year"])
    if not isinstance(year, float) or not year.is_integer() or not FIRST_YEAR <= year <= context.today.year + 50:
        problems.append(Problem(file, "not_year", row, "target_year", {"value": shown(rec["target_year"])}))
    return problems


def plan_rows(spec, frame, file, context):
    """Action plan rows: the focus area in its centre's list, due not before start, the owner a role, the target
    complete. Cells that passed their own parse only."""
    if spec.name != "action_plan":
        return []
    problems = []
    for rec in frame.to_dict("records"):
        row = int(rec["_row"])
        if rec["centre"] in context.centre_ids and (rec["centre"], rec["focus_area"]) not in context.focus:
            ids = sorted(i for c, i in context.focus if c == rec["centre"])
            problems.append(Problem(file, "unknown_focus_area", row, "focus_area", {
                "value": rec["focus_area"], "centre": rec["centre"], "allowed": ", ".join(map(str, ids)) or "–"}))
        if rec["due"] < rec["start"]:
            problems.append(Problem(file, "due_before_start", row, "due", {"due": rec["due"], "start": rec["start"]}))
        if looks_personal(rec["owner"]):
            problems.append(Problem(file, "owner_personal", row, "owner"))
        problems += plan_target(rec, file, context)
    return problems


def checked_plan(frame):
    """The action plan's optional target as stored: its figure in the raw files' form, its year whole."""
    frame = frame.copy()
    frame["target_value"] = ["" if not v else number_text(parse_number(v)) for v in frame["target_value"]]
    frame["target_year"] = ["" if not v else str(int(parse_number(v))) for v in frame["target_year"]]
    return frame


def duplicates(spec, frame, file):
    """A key given twice names both rows."""
    problems = []
    first = {}
    for rec in frame[["_row", *spec.key]].itertuples(index=False):
        key = tuple(rec[1:])
        if key in first:
            problems.append(Problem(file, "duplicate", rec[0], spec.key[-1],
                                    {"fields": ", ".join(spec.key), "other": first[key]}))
        else:
            first[key] = rec[0]
    return problems


def check(table, file, content, context):
    """A Checked file, or Rejected with every problem found (at most MAX_PROBLEMS), each with file/row/column."""
    spec = SPECS[table]
    file = Path(str(file)).name or "upload"
    grid = upload_read.read(file, content, list(spec.columns))
    columns_present(spec, grid)
    frame, found = typed_frame(spec, grid)
    found += [Problem(file, p.key, p.row, p.column, hints(p, context, spec)) for p in failures(spec, frame, context)]
    found += signs_and_sources(spec, frame, file, context)
    found += deck_rows(spec, frame, file)
    found += plan_rows(spec, frame, file, context)
    found += duplicates(spec, frame, file)
    if found:
        order = {c: i for i, c in enumerate(spec.columns)}
        found.sort(key=lambda p: (p.row or 0, order.get(p.column, -1)))
        raise Rejected(found[:MAX_PROBLEMS])
    if table == "action_plan":
        frame = checked_plan(frame)
    return Checked(table, file, frame.reset_index(drop=True), dict(grid.info, header_row=grid.header_row,
                                                                   rows=len(frame)))
