"""The Funding page's what-if: what the centre gets if the national total, its share or its municipal money change.

Exact fractions, not floats: 241,551 / 2,950,000 × 2,750,000 is kept as a ratio of integers and rounded once, so
the rounding rule (whole euros, half up: 225,174.66 -> 225,175; 0.5 -> 1) is applied to the true amount.
"""
import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction


def round_half_up(value):
    """Whole euros, half up (x.5 goes to the next euro); for the non-negative amounts of a scenario."""
    return math.floor(Fraction(value) + Fraction(1, 2))


def percent_to_share(text):
    """'8.5' or '8,5' (percent, as in a link) -> Fraction(17, 200); None unless it is a number in [0, 100]."""
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        return None
    if not value.is_finite() or not 0 <= value <= 100:
        return None
    return Fraction(value) / 100


@dataclass(frozen=True)
class Scenario:
    """A scenario's funding in whole euros, its change against the actual year and its state/municipal mix."""

    state_eur: int
    municipal_eur: int
    total_eur: int
    state_change_eur: int
    municipal_change_eur: int
    total_change_eur: int
    total_change_pct: float | None
    state_share_pct: float | None
    municipal_share_pct: float | None


def scenario(national_total, share, actual_state, actual_municipal, municipal_change=0):
    """The centre's funding if the national total is `national_total` and its share `share` (a fraction of 1).

    The state subsidy is national total × share rounded to whole euros half up; municipal money is the actual
    amount plus `municipal_change`. Raises ValueError for a negative total, a share outside [0, 1] or a change
    that would leave negative municipal money, so a bad setting can never show as a figure.
    """
    share = Fraction(share)
    if national_total < 0 or not 0 <= share <= 1:
        raise ValueError("national total must be >= 0 and the share between 0 and 1")
    municipal = actual_municipal + municipal_change
    if municipal < 0:
        raise ValueError("municipal money cannot become negative")
    state = round_half_up(Fraction(national_total) * share)
    total = state + municipal
    actual_total = actual_state + actual_municipal
    return Scenario(
        state_eur=state,
        municipal_eur=municipal,
        total_eur=total,
        state_change_eur=state - actual_state,
        municipal_change_eur=municipal - actual_municipal,
        total_change_eur=total - actual_total,
        total_change_pct=100.0 * (total - actual_total) / actual_total if actual_total else None,
        state_share_pct=100.0 * state / total if total else None,
        municipal_share_pct=100.0 * municipal / total if total else None,
    )
