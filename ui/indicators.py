"""Indicator metadata in the UI language: names, units and how figures of an indicator are formatted."""
from locales import translate
from ui import fmt
from ui.data import indicators_by_code, query


def meta():
    """indicator -> metadata row."""
    return query("indicator_list").set_index("indicator")


def name(indicator, lang):
    """The indicator's name in the UI language."""
    return indicators_by_code()[indicator][f"name_{lang}"]


def unit_label(indicator, lang):
    """The unit as shown on an axis (%, €, persons ...)."""
    return translate(lang, f"units.{indicators_by_code()[indicator]['unit']}")


def format_value(indicator, value, lang):
    """A value formatted by its indicator's unit and decimals."""
    row = indicators_by_code()[indicator]
    return fmt.by_unit(value, row["unit"], lang, int(row["decimals"]))


def plotly_format(indicator):
    """A d3 format for hover labels with the indicator's decimals."""
    return f",.{int(indicators_by_code()[indicator]['decimals'])}f"


def nearest_year(years, wanted):
    """The latest year up to `wanted` that has data, else the earliest year there is."""
    earlier = [y for y in years if y <= wanted]
    return max(earlier) if earlier else min(years)
