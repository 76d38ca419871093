"""Uploads that once got in wrong or ran the server out of memory (issue 16): what must still be accepted, what is
read the way the user meant, and how much memory a refusal may take. The refused files themselves are in the
corpus (tests/fixtures/bad_uploads, test_upload_corpus.py). Inputs here are made up for the test."""
import tracemalloc

import pytest
from openpyxl import Workbook

from bad_uploads import CASES, CORPUS
from conftest import DATA
from export.safe import workbook_bytes
from ingest.problems import Rejected
from ingest.upload_check import Context, check, parse_number

FUNDING = "year;centre;source;amount_eur;source_ref\n"
INDICATORS = "area_code;year;indicator;value;source\n"
PEAK_LIMIT = 300 * 2 ** 20


@pytest.fixture(scope="module")
def context():
    """Codes of the committed tables (read only)."""
    return Context.load(DATA)


@pytest.mark.parametrize("typed, value", [("1,048,576", 1048576), ("1.048.576", 1048576), ("1 048 576", 1048576),
                                          ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("12,5", 12.5),
                                          ("0,125", 0.125), ("1234,567", 1234.567), ("−3", -3)])
def test_numbers_people_type_are_read_as_meant(typed, value):
    """Grouped thousands with any separator, a decimal comma and a minus sign are one reading each."""
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", ["²", "٢٠١٩", "1,23.4", "1.2.3", "1,2,3", "12,34,567", "1e5", "0x10"])
def test_what_is_not_an_ascii_number_is_not_a_number(typed):
    """Other scripts' digits, broken grouping and exponents are refused, not guessed."""
    assert parse_number(typed) is None


def test_grouped_population_and_decimal_comma_are_accepted(context):
    """'1,048,576' persons is stored as 1048576; '12,5' in a percentage column as 12.5."""
    content = (INDICATORS + '905;2023;population;"1,048,576";statfi_population_11re\n'
               "905;2023;employment_rate;12,5;statfi_key_figures\n").encode("utf-8")
    frame = check("indicators", "ok.csv", content, context).frame
    assert frame["value"].tolist() == [1048576.0, 12.5]


@pytest.mark.parametrize("text", ["deck №3", "deck №3, Отчёт", "Vaasa В №3"])
def test_utf8_with_lookalike_letters_is_not_read_as_cp1252(text, context):
    """'№' and Cyrillic text in a UTF-8 file arrive as typed (not 'deck â„–3'), and the note says UTF-8 was used."""
    checked = check("funding", "ok.csv", (FUNDING + f"2019;SB;state_general;219426;{text}\n").encode("utf-8"),
                    context)
    assert checked.frame["source_ref"].tolist() == [text]
    assert checked.info["encoding"] == "utf_8"


def test_a_windows_file_is_read_as_windows_1252(context):
    """A file that is not valid UTF-8 is decoded as Windows-1252, and the note says so."""
    content = (FUNDING + "2019;SB;state_general;219426;Kehittämispäivä\n").encode("cp1252")
    checked = check("funding", "ok.csv", content, context)
    assert checked.frame["source_ref"].tolist() == ["Kehittämispäivä"]
    assert checked.info["encoding"] == "cp1252"


def test_zero_width_characters_are_stripped_from_text(context):
    """Invisible zero-width characters in a text column are dropped, the visible text kept."""
    content = (FUNDING + "2019;SB;state_general;219426;Kehittämis\u200bpäivä\u2060\n").encode("utf-8")
    assert check("funding", "ok.csv", content, context).frame["source_ref"].tolist() == ["Kehittämispäivä"]


def test_the_sheet_with_the_header_is_read(context):
    """Instructions on the first sheet and the data on the second: the second is read and named."""
    book = Workbook()
    book.active.title = "Ohje"
    book.active.append(["Täytä luvut taulukkoon Rahoitus."])
    data = book.create_sheet("Rahoitus")
    data.append(["year", "centre", "source", "amount_eur", "source_ref"])
    data.append([2019, "SB", "state_general", 219426, "deck"])
    checked = check("funding", "two.xlsx", workbook_bytes(book), context)
    assert checked.info["sheet"] == "Rahoitus"
    assert checked.frame["amount_eur"].tolist() == [219426]


def test_an_empty_last_cell_in_excel_is_an_empty_value(context):
    """Excel leaves out an empty trailing cell: the optional note is empty, not a short row."""
    book = Workbook()
    book.active.append(["year", "amount_eur", "figure_type", "source_url", "note"])
    book.active.append([2019, 2950000, "budget", "https://budjetti.vm.fi/"])
    assert check("national_subsidy", "n.xlsx", workbook_bytes(book), context).frame["note"].tolist() == [""]


WORKBOOKS = [c for c in CASES if c["file"].endswith(".xlsx")]


@pytest.mark.parametrize("case", WORKBOOKS, ids=[c["file"] for c in WORKBOOKS])
def test_a_refused_workbook_takes_little_memory(case, context):
    """Every refused workbook of the corpus (the 400 MB shared string and the A1:XFD1048576 sheet among them) is
    refused with at most 300 MB allocated at the peak, measured by tracemalloc around the check."""
    content = (CORPUS / case["file"]).read_bytes()
    tracemalloc.start()
    try:
        with pytest.raises(Rejected):
            check(case["table"], case["file"], content, context)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < PEAK_LIMIT, f"{case['file']}: {peak / 2 ** 20:.0f} MB"
