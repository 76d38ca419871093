"""Number formats per language (Babel), as the users read them."""
import pandas as pd
import pytest

from ui import fmt

NBSP = "\u00a0"


@pytest.mark.parametrize("lang,money,percent,count", [
    ("fi", f"362{NBSP}671{NBSP}€", f"8,2{NBSP}%", f"437{NBSP}288"),
    ("sv", f"362{NBSP}671{NBSP}€", f"8,2{NBSP}%", f"437{NBSP}288"),
    ("en", "€362,671", "8.2%", "437,288"),
])
def test_formats(lang, money, percent, count):
    """Money without cents, one-decimal percentages, grouped counts."""
    assert fmt.eur(362671, lang) == money
    assert fmt.pct(8.188, lang) == percent
    assert fmt.number(437288, lang) == count


def test_rounding_and_missing():
    """Half-even is not used for money: 225,174.66 shows as 225,175; a missing value is a dash."""
    assert fmt.eur(225174.66, "en") == "€225,175"
    assert fmt.number(float("nan"), "fi") == "–"
    assert fmt.eur(0.5521, "fi", 3) == f"0,552{NBSP}€"


@pytest.mark.parametrize("value,decimals,lang,shown", [
    (2.5, 0, "en", "€3"), (0.5, 0, "en", "€1"), (-16376.5, 0, "en", "-€16,377"),
    (2.675, 2, "en", "€2.68"), (0.0625, 3, "fi", f"0,063{NBSP}€"), (2.4999, 0, "en", "€2")])
def test_money_is_rounded_half_up(value, decimals, lang, shown):
    """Half up as the what-if states: 2.5 € is 3 €, where half-even (Babel's default, Python's round) gives 2 €."""
    assert fmt.eur(value, lang, decimals) == shown


def test_as_text_shows_the_language_and_a_dash_for_missing():
    """Means in Finnish get a decimal comma; a missing mean is a dash, never 'None' or 'nan'; the input is kept."""
    frame = pd.DataFrame({"area": [1, 2], "mean": [4.5, None]})
    shown = fmt.as_text(frame, "fi", {"mean": 2})
    assert list(shown["mean"]) == ["4,50", "–"] and list(shown["area"]) == [1, 2]
    assert frame["mean"].iloc[0] == 4.5
