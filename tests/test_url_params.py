"""Links carry user-editable text: whatever Unicode a URL parameter holds, every page answers (falls back to the
default with a notice) and never shows a traceback (issue 16: `?year=²` broke every page, since "²".isdigit()).
Values are made up by hypothesis."""
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st_h

from app_helpers import new_app
from calc import ballot
from conftest import ROOT
from ui import state

FILTERS = (ROOT / "ui" / "filters.py").read_text(encoding="utf-8")
# Every parameter the pages read from a link: all go through ui/filters.read_all (language through state.language).
PARAMETERS = ["lang", *re.findall(r'state\.url_(?:value|number|parsed)\("(\w+)"', FILTERS)]
PAGES = sorted(p.stem for p in (ROOT / "app_pages").glob("*.py"))
UNICODE = st_h.text(st_h.characters(exclude_categories=("Cs",)), max_size=24)
NASTY = ["²", "٢٠١٩", "2019²", "1e3", "1_000", "nan", "inf", "-0", " 2019", "2019\x00", "９", "Ⅻ", "%", "\u202e1"]


def test_every_parameter_is_found():
    """The scan finds the parameters a shared link uses, so the property below covers all of them."""
    assert {"lang", "year", "indicator", "area", "slide", "wi_share"} <= set(PARAMETERS)


@settings(max_examples=500, deadline=None)
@given(raw=st_h.one_of(UNICODE, st_h.sampled_from(NASTY)))
def test_link_parsers_accept_only_ascii_numbers(raw):
    """Each parser returns an allowed value or None for any text; a number is read only from ASCII digits."""
    years = list(range(2000, 2025))
    year = state._int_in(years)(raw)
    assert year is None or (year in years and re.fullmatch(r" *-?[0-9]+ *", raw))
    share = state._number_in(0, 100, integer=False)(raw)
    assert share is None or (0 <= share <= 100 and re.fullmatch(r" *-?[0-9]+([.,][0-9]+)? *", raw))
    total = state._number_in(0, 10 ** 9, integer=True)(raw)
    assert total is None or re.fullmatch(r" *-?[0-9]+ *", raw)
    assert state._member(("fi", "sv", "en"))(raw) in (None, "fi", "sv", "en")
    code = ballot.typed_code(raw)
    assert code is None or re.fullmatch(r"[A-Z0-9]{1,8}", code)
    assert ballot.valid_token(raw) in (None, raw)


@pytest.mark.parametrize("raw", ["²", "٢٠١٩", "９"])
def test_digits_of_other_scripts_are_not_years(raw):
    """The regression itself: these pass str.isdigit() and crashed int() or became a year."""
    assert state._int_in(range(2000, 2030))(raw) is None


def open_page(page, params):
    """Run the dashboard with URL parameters and switch to `page`."""
    return new_app(params, page, timeout=60).run()


@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                               HealthCheck.too_slow])
@given(values=st_h.lists(st_h.one_of(UNICODE, st_h.sampled_from(NASTY)), min_size=len(PARAMETERS),
                         max_size=len(PARAMETERS)))
def test_every_page_survives_any_link(page, values):
    """Every parameter of the link set to arbitrary Unicode at once: the page runs without an exception."""
    at = open_page(page, dict(zip(PARAMETERS, values)))
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("page", PAGES)
def test_superscript_year_falls_back_on_every_page(page):
    """`?year=²` gives the page with its default year and no traceback."""
    at = open_page(page, {"year": "²", "lang": "en"})
    assert not at.exception, [e.value for e in at.exception]
