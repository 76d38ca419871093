"""The what-if arithmetic: exact shares, whole euros rounded half up, and refusals of impossible settings."""
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calc.scenario import percent_to_share, round_half_up, scenario

SHARE_2019 = Fraction(241551, 2950000)


def test_2020_proposal_at_the_2019_share():
    """241,551 / 2,950,000 × 2,750,000 = 225,174.66 -> 225,175 EUR, 16,376 EUR less than in 2019."""
    result = scenario(2750000, SHARE_2019, 241551, 121120)
    assert Fraction(2750000) * SHARE_2019 == Fraction(13285305, 59)  # 225,174.661...
    assert result.state_eur == 225175
    assert (result.state_change_eur, result.municipal_change_eur, result.total_change_eur) == (-16376, 0, -16376)
    assert result.total_eur == 346295
    assert round(result.total_change_pct, 2) == -4.52
    assert (round(result.state_share_pct, 1), round(result.municipal_share_pct, 1)) == (65.0, 35.0)


def test_2020_final_accounts_and_a_municipal_change():
    """3,050,000 at the 2019 share = 249,738.56 -> 249,739; municipal money 121,120 - 20,000 = 101,120."""
    result = scenario(3050000, SHARE_2019, 241551, 121120, municipal_change=-20000)
    assert (result.state_eur, result.municipal_eur, result.total_eur) == (249739, 101120, 350859)
    assert (result.state_change_eur, result.total_change_eur) == (8188, -11812)


def test_the_actual_year_reproduces_itself():
    """The 2019 total at the 2019 share gives back exactly 241,551 EUR and no change."""
    result = scenario(2950000, SHARE_2019, 241551, 121120)
    assert (result.state_eur, result.total_change_eur, result.total_change_pct) == (241551, 0, 0.0)


@pytest.mark.parametrize("value,expected", [
    (Fraction(22517466, 100), 225175), (Fraction(1, 2), 1), (Fraction(3, 2), 2), (Fraction(5, 2), 3),
    (Fraction(249, 100), 2), (Fraction(4999, 100), 50), (0, 0), (Fraction(225174499, 1000), 225174)])
def test_rounding_is_half_up_not_half_even(value, expected):
    """Whole euros, half up: 0.5 -> 1 and 2.5 -> 3 (Python's round() would give 0 and 2)."""
    assert round_half_up(value) == expected


@pytest.mark.parametrize("text,expected", [
    ("8.5", Fraction(17, 200)), ("8,5", Fraction(17, 200)), ("100", Fraction(1)), ("0", Fraction(0)),
    (" 8.188 ", Fraction(8188, 100000)), ("101", None), ("-1", None), ("abc", None), ("nan", None), ("inf", None),
    ("", None)])
def test_percent_from_a_link(text, expected):
    """A percentage from the link becomes an exact fraction; anything outside 0-100 is refused."""
    assert percent_to_share(text) == expected


@pytest.mark.parametrize("args", [
    (-1, SHARE_2019, 241551, 121120, 0), (2750000, Fraction(101, 100), 241551, 121120, 0),
    (2750000, SHARE_2019, 241551, 121120, -121121)])
def test_impossible_settings_are_refused(args):
    """A negative national total, a share over 100 % or negative municipal money never becomes a figure."""
    with pytest.raises(ValueError):
        scenario(*args)


@given(total=st.integers(0, 100_000_000), num=st.integers(0, 10_000), den=st.integers(1, 10_000),
       municipal=st.integers(0, 1_000_000), change=st.integers(-1_000_000, 1_000_000))
def test_scenario_invariants(total, num, den, municipal, change):
    """The state subsidy is within half a euro of the exact amount, the parts add up, the changes are differences."""
    share = Fraction(min(num, den), den)
    if municipal + change < 0:
        return
    result = scenario(total, share, 241551, municipal, change)
    exact = total * share
    assert -Fraction(1, 2) < result.state_eur - exact <= Fraction(1, 2)
    assert result.total_eur == result.state_eur + result.municipal_eur
    assert result.total_change_eur == result.total_eur - (241551 + municipal)
