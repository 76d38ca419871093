"""AppTest of every page in every language: no exception, and the figures a user would check."""
import json

import pytest

from app_helpers import EXPECTED, NBSP, PAGES, open_app
from conftest import RAW

CHART_PAGES = {"overview": 2, "funding": 5, "disparity": 4, "profile": 2}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders(page, lang):
    """Each page runs without an exception and draws its charts."""
    at = open_app({"lang": lang}, page)
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("plotly_chart")) == CHART_PAGES.get(page, 0)
    assert at.title[0].value




@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_overview_key_numbers(lang):
    """The 2019 headline figures, each in its language's format; the country's rate beside the area's."""
    at = open_app({"lang": lang, "year": "2019"})
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == EXPECTED[lang]
    captions = " ".join(c.value for c in at.caption)
    nordic = {"fi": f"22{NBSP}125{NBSP}€", "sv": f"22{NBSP}125{NBSP}€", "en": "€22,125"}[lang]
    national = {"fi": f"2{NBSP}950{NBSP}000{NBSP}€", "sv": f"2{NBSP}950{NBSP}000{NBSP}€", "en": "€2,950,000"}[lang]
    assert nordic in captions and national in captions
    country = {"fi": f"11,4{NBSP}%", "sv": f"11,4{NBSP}%", "en": "11.4%"}[lang]
    assert country in captions


def test_year_without_funding_says_so():
    """2016 has no funding figures: an info box says so, no zero euros are shown."""
    at = open_app({"lang": "en", "year": "2016"})
    assert any("not in the data" in i.value for i in at.info)
    assert "Total funding 2016" not in {m.label for m in at.metric}
    assert {m.label: m.value for m in at.metric}["Unemployment rate 2016"] == "10.7%"


def test_bad_url_falls_back_with_notice():
    """?year=abc&lang=xx&area=;drop shows the default view (the latest figures, no year in the link) and one warning
    per bad parameter."""
    at = open_app({"year": "abc", "lang": "xx", "area": ";drop"})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    for name in ("year", "lang", "area"):
        assert f"”{name}”" in warnings
    assert {m.label: m.value for m in at.metric}["Rahoitus yhteensä 2019"] == f"362{NBSP}671{NBSP}€"
    assert at.query_params["lang"] == "fi" and "year" not in at.query_params
    assert at.query_params["area"] == "905"


def test_url_reproduces_the_view():
    """?lang=sv&year=2016&indicator=employment_rate&area=499 opens Korsholm's profile in Swedish."""
    at = open_app({"lang": "sv", "year": "2016", "indicator": "employment_rate", "area": "499"}, "profile")
    assert not at.exception
    assert "499" in [s.value for s in at.selectbox]
    assert any("Korsholm" in s.value for s in at.subheader)
    figures = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert all("Korsholm" in figure["layout"]["title"]["text"] for figure in figures)
    assert any("Sysselsättningsgrad" in json.dumps(figure, ensure_ascii=False) for figure in figures)


def test_changing_the_year_updates_the_url():
    """Picking a year in the sidebar writes it to the link."""
    at = open_app({"lang": "en"})
    at.selectbox(key="_widget_year").select(2016).run()
    assert at.query_params["year"] == "2016"
    assert "Total funding 2016" not in {m.label for m in at.metric}



@pytest.mark.parametrize(("lang", "finance"), [("fi", "Valtiovarainministeriö"), ("sv", "Finansministeriet"),
                                               ("en", "Ministry of Finance")])
def test_the_source_registry_names_each_producer_in_the_ui_language(lang, finance):
    """The Producer column is in the UI language, not 'Valtiovarainministeriö / Ministry of Finance'."""
    at = open_app({"lang": lang}, "data")
    registry = next(d.value for d in at.dataframe if st_column(lang, "producer") in d.value.columns)
    producers = set(registry[st_column(lang, "producer")])
    assert finance in producers and not any(" / " in p for p in producers)


def st_column(lang, key):
    """A column header as the page writes it."""
    from locales import translate

    return translate(lang, f"columns.{key}")


def test_focus_area_titles_read_as_titles_and_keep_the_decks_words():
    """Titles 3 and 5 end in a dangling genitive on the slide: the page shows a readable Finnish title and the
    slide's own words under it, verbatim from the raw file."""
    import csv

    at = open_app({"lang": "fi"}, "priorities")
    titles = [m.value for m in at.markdown if m.value[:2] in {f"{i}." for i in range(1, 10)} or m.value[:3] in
              {"10.", "11."}]
    assert titles[2] == "3. Sosiaali- ja hyvinvointialan käytäntötoimijoiden, opetuksen ja tutkimuksen verkostoituminen"
    assert titles[4].endswith("tutkimuksen vahvistaminen sote- ja maakuntauudistuksessa")
    with open(RAW / "sonet_botnia" / "priorities.csv", encoding="utf-8-sig", newline="") as handle:
        deck = {r["id"]: r["deck_fi"] for r in csv.DictReader(handle)}
    captions = [c.value for c in at.caption]
    assert f"Kehittämispäivän kalvolla: ”{deck['3']}”" in captions and deck["3"].endswith("verkostoitumisen")
    assert sum(c.startswith("Kehittämispäivän kalvolla") for c in captions) == 2
