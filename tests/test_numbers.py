"""Numbers as typed in each language (calc.numbers): the what-if fields read them, never Python's float()."""
from decimal import Decimal

import pytest

from calc.numbers import parse_number

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(("typed", "lang", "value"), [
    ("10,5", "fi", "10.5"), ("10,5", "sv", "10.5"), ("10.5", "fi", "10.5"), ("8,188 %", "fi", "8.188"),
    ("2 950 000", "fi", "2950000"), (f"2{NBSP}950{NBSP}000 €", "sv", "2950000"), (f"2{NNBSP}750{NNBSP}000", "fi",
                                                                                  "2750000"),
    ("-20 000", "fi", "-20000"), ("\u221220 000", "sv", "-20000"), ("2,950,000", "en", "2950000"),
    ("10.5", "en", "10.5"), ("€2,750,000", "en", "2750000"), ("2,750,000 €", "en", "2750000"),
])
def test_a_typed_number_is_read_as_the_language_writes_it(typed, lang, value):
    """Decimal comma and spaces in thousands in fi/sv; point and thousands commas in en; a unit sign at the end."""
    assert parse_number(typed, lang) == (None if value is None else Decimal(value))


@pytest.mark.parametrize(("typed", "lang"), [
    ("", "fi"), ("kymmenen", "fi"), ("10,5,1", "fi"), ("2.950.000", "fi"), ("1e5", "sv"), ("10,5", "en"),
    ("nan", "en"), ("inf", "fi"), ("1,00", "en"),
])
def test_what_is_not_a_number_is_refused(typed, lang):
    """None, never a guess: '10,5' in English is not 105, '2.950.000' in Finnish is not 2.95."""
    assert parse_number(typed, lang) is None
