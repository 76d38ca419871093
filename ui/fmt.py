"""Numbers, money and percentages in the UI language through Babel (fi_FI, sv_FI, en_GB)."""
import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

BABEL_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}


def _locale(lang):
    """Babel's locale name for a UI language."""
    return BABEL_LOCALES[lang]


def _missing(value):
    """None and NaN are shown as a dash, never as 0."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _body(decimals):
    """The digits part of a Babel pattern with a fixed number of decimals."""
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def number(value, lang, decimals=0):
    """1 234,5 (fi) or 1,234.5 (en); a dash for a missing value."""
    if _missing(value):
        return "–"
    return format_decimal(value, format=_body(decimals), locale=_locale(lang))


def half_up(value, decimals):
    """Money rounded half up (2.5 -> 3, -2.5 -> -3), the rule the what-if states, never Babel's half-even (2.5 -> 2).
    The value's shortest decimal form is rounded, so 2.675 € is 2.68 € as written, not 2.67 € as stored in binary."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number_upto(value, lang, decimals):
    """Up to `decimals` decimals without trailing zeros: 10,5 rather than 10,500 (fi); for an editable field."""
    if _missing(value):
        return "–"
    return format_decimal(value, format="#,##0" + ("." + "#" * decimals if decimals else ""), locale=_locale(lang))


def eur(value, lang, decimals=0):
    """362 671 € (fi, sv) or €362,671 (en), rounded half up to `decimals`."""
    if _missing(value):
        return "–"
    pattern = Locale.parse(_locale(lang)).currency_formats["standard"].pattern.replace("#,##0.00", _body(decimals))
    return format_currency(half_up(value, decimals), "EUR", format=pattern, locale=_locale(lang),
                           currency_digits=False)


def pct(value, lang, decimals=1):
    """8,2 % (fi, sv) or 8.2% (en), from a value already in percent (8.19 -> '8,2 %')."""
    if _missing(value):
        return "–"
    pattern = Locale.parse(_locale(lang)).percent_formats[None].pattern.replace("#,##0", _body(decimals))
    return format_percent(value / 100.0, format=pattern, locale=_locale(lang))


def by_unit(value, unit, lang, decimals):
    """Format a value by its indicator unit."""
    if unit == "eur":
        return eur(value, lang, decimals)
    if unit == "pct":
        return pct(value, lang, decimals)
    return number(value, lang, decimals)


def month(year, month_number, lang):
    """'tammikuu 2025' (fi), 'januari 2025' (sv), 'January 2025' (en): a month standing alone, as a heading."""
    return format_date(date(year, month_number, 1), format="LLLL y", locale=_locale(lang))


def as_text(frame, lang, decimals):
    """A copy of a table whose given columns are numbers written in the UI language, a dash where one is missing.

    st.dataframe prints a missing value as 'None' whatever a Styler says, and decimals with a point in Finnish and
    Swedish; shown as text they read right (the CSV download keeps the numbers).
    """
    out = frame.copy()
    for column, places in decimals.items():
        out[column] = [number(value, lang, places) for value in out[column]]
    return out
