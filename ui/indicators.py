"""Indicator metadata in the UI language: names, units and how figures of an indicator are formatted."""
from locales import translate
from ui import fmt
from ui.data import derived, indicators_by_code, query


def name(indicator, lang):
    """The indicator's name in the UI language."""
    return indicators_by_code()[indicator][f"name_{lang}"]


def name_with_latest(indicator, lang):
    """'<name> (latest 2024)': the indicator's name with its last year, for a picker."""
    return translate(lang, "filters.indicator_latest", name=name(indicator, lang),
                     year=int(indicators_by_code()[indicator]["last_year"]))


def unit_label(indicator, lang):
    """The unit as shown on an axis (%, €, persons ...)."""
    return translate(lang, f"units.{indicators_by_code()[indicator]['unit']}")


def format_value(indicator, value, lang):
    """A value formatted by its indicator's unit and decimals."""
    row = indicators_by_code()[indicator]
    return fmt.by_unit(value, row["unit"], lang, int(row["decimals"]))


def value_with_unit(indicator, value, lang):
    """A value with its unit spelled out for a sentence read aloud: '12,5 km', '8,2 %', '24 500 €'."""
    row = indicators_by_code()[indicator]
    text = format_value(indicator, value, lang)
    if row["unit"] in ("pct", "eur") or text == "–":
        return text
    return f"{text} {unit_label(indicator, lang)}"


def plotly_format(indicator):
    """A d3 format for hover labels with the indicator's decimals."""
    return f",.{int(indicators_by_code()[indicator]['decimals'])}f"


def year_up_to(years, wanted):
    """The latest year up to `wanted` that has data (all of them when `wanted` is None); None when there is none.

    Never a later year: a figure of a later year must not stand in for the year asked.
    """
    earlier = [int(y) for y in years if wanted is None or int(y) <= wanted]
    return max(earlier) if earlier else None


def source_ids(indicators):
    """The ';'-joined source ids of the indicators, for a chart's source line."""
    return ";".join(sorted({p for i in indicators for p in indicators_by_code()[i]["source"].split(";")}))


@derived
def indicator_years(indicator):
    """The years in which the indicator has municipal figures (shared: read only), looked up once per data
    version."""
    return tuple(query("indicator_years", indicator=indicator)["year"].tolist())


@derived
def indicator_choices(lang):
    """The indicator pickers' options: every indicator sorted by its name in `lang`, and indicator -> '<name>
    (latest <year>)' (shared: read them only); built once per language and data version."""
    codes = tuple(sorted(indicators_by_code(), key=lambda i: name(i, lang)))
    return codes, {i: name_with_latest(i, lang) for i in codes}


def shown_year(indicator, year):
    """The year drawn for the indicator: the chosen year or the latest earlier one with data (None if none)."""
    return year_up_to(indicator_years(indicator), year)
