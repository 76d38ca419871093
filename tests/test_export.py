"""Presentation material (#6): slide decks opened with python-pptx, chart downloads read back, PNG file names,
presentation mode. The decks are drawn by kaleido with the system Chromium (skipped where it is missing)."""
import io
import json
import re

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from app_helpers import open_app
from conftest import DATA
from export import images, tables
from locales import translate
from ui import centres, frame, slides

needs_chromium = pytest.mark.skipif(images.chromium_path() is None, reason="no Chromium for static export")
CENTRE_NAME = "SONet BOTNIA"


def sonet_botnia(lang):
    """The default centre, as the pages pass it to the deck."""
    return centres.centre(centres.DEFAULT_CENTRE, lang)


def overview_deck(lang, scope):
    """SONet BOTNIA's Overview deck of 2019 for an unemployment ranking of `scope`, highlighting Vaasa."""
    return Presentation(io.BytesIO(slides.overview_deck(lang, 2019, "unemployment_rate", scope, "905",
                                                        sonet_botnia(lang))))


def texts(slide):
    """Every text box's text on a slide, in order."""
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]


def pictures(slide):
    """The slide's pictures."""
    return [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


def check_chart_slide(slide, title, lang):
    """Title on top, one 3200 x 1800 picture, a footer naming the source and the date of the data."""
    title_text, footer_text = texts(slide)
    assert title_text == title
    (picture,) = pictures(slide)
    assert picture.image.size == (3200, 1800)
    assert footer_text.startswith(translate(lang, "common.source", sources=""))
    assert translate(lang, "slides.data_date", date="") in footer_text


@needs_chromium
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_overview_deck_has_the_key_chart_of_every_page(lang):
    """Title slide with the centre, date and filters; then funding mix, national subsidy, unemployment, ranking."""
    deck = overview_deck(lang, "14")
    assert len(deck.slides) == 5
    assert deck.slide_width / deck.slide_height == pytest.approx(16 / 9, abs=1e-3)
    title, lines = texts(deck.slides[0])
    assert title == translate(lang, "slides.deck_title", centre=CENTRE_NAME)
    assert translate(lang, "slides.filter_year", year=2019) in lines.splitlines()
    region = {"fi": "Etelä-Pohjanmaa", "sv": "Södra Österbotten", "en": "South Ostrobothnia"}[lang]
    assert translate(lang, "slides.filter_scope", scope=region) in lines.splitlines()
    expected = [translate(lang, "funding.chart_mix", year=2019, centre=CENTRE_NAME),
                translate(lang, "funding.chart_national"),
                translate(lang, "overview.chart_jobseekers")]
    for slide, title in zip(list(deck.slides)[1:4], expected):
        check_chart_slide(slide, title, lang)
    ranking = texts(deck.slides[4])[0]
    assert region in ranking and "2017" in ranking
    check_chart_slide(deck.slides[4], ranking, lang)
    assert "Tilasto" in texts(deck.slides[4])[1] or "Statisti" in texts(deck.slides[4])[1]


@needs_chromium
def test_page_deck_holds_the_charts_drawn_on_the_page():
    """From the Funding page: a title slide and one slide per chart drawn, titles as on screen (Swedish)."""
    at = open_app({"lang": "sv", "year": "2019"}, "funding")
    drawn = at.session_state[frame.DRAWN]
    assert [d.name for d in drawn] == ["funding-national-subsidy-2013-2022", "funding-mix-2019",
                                      "funding-fair-share-2019", "funding-scenario-2019", "funding-centres-2019"]
    deck = Presentation(io.BytesIO(slides.deck_bytes(drawn, "sv", slides.filter_lines("sv", 2019),
                                                     sonet_botnia("sv"))))
    assert len(deck.slides) == 1 + 5
    assert texts(deck.slides[2])[0] == translate("sv", "funding.chart_mix", year=2019, centre=CENTRE_NAME)
    for slide, chart in zip(list(deck.slides)[1:], drawn):
        check_chart_slide(slide, chart.title, "sv")


def test_downloads_equal_the_numbers_drawn():
    """The Overview's funding mix: CSV (Finnish decimal commas) and Excel read back equal the bars drawn."""
    at = open_app({"lang": "fi", "year": "2019"})
    mix = next(d for d in at.session_state[frame.DRAWN] if d.name == "funding-mix-2019")
    bars = mix.fig.data[0]
    assert list(mix.table.columns) == ["Rahoituslähde", "Euroa", "Osuus, %"]
    assert list(mix.table["Euroa"]) == list(bars.x)
    assert list(mix.table["Rahoituslähde"]) == list(bars.y)
    assert list(mix.table["Euroa"]) == [219_426, 22_125, 81_000, 40_120]
    csv_text = tables.csv_bytes(mix.table, "fi").decode("utf-8-sig")
    assert re.search(r";\d+,\d+\r?\n", csv_text)
    from_csv = pd.read_csv(io.StringIO(csv_text), sep=";", decimal=",")
    pd.testing.assert_frame_equal(from_csv, mix.table.reset_index(drop=True), check_dtype=False)
    from_xlsx = pd.read_excel(io.BytesIO(frame.xlsx_bytes(mix.table)))
    pd.testing.assert_frame_equal(from_xlsx, mix.table.reset_index(drop=True), check_dtype=False)


def test_jobseekers_download_equals_each_line():
    """Every line of the jobseekers chart has exactly the rows of the downloaded table (English headers)."""
    at = open_app({"lang": "en"})
    trend = next(d for d in at.session_state[frame.DRAWN] if d.name.startswith("overview-jobseekers_pct"))
    share = "Unemployed jobseekers, share of the labour force"
    assert list(trend.table.columns) == ["Area", "Year", share]
    for line in trend.fig.data:
        rows = trend.table[trend.table["Area"] == line.name]
        assert list(rows["Year"]) == list(line.x) and list(rows[share]) == list(line.y)
    from_xlsx = pd.read_excel(io.BytesIO(frame.xlsx_bytes(trend.table)))
    assert len(from_xlsx) == len(trend.table) and from_xlsx.iloc[:, 2].sum() == pytest.approx(
        trend.table.iloc[:, 2].sum())


@pytest.mark.parametrize("page", ["overview", "funding", "disparity", "profile"])
def test_png_file_names_carry_page_indicator_year_and_language(page):
    """The toolbar's PNG: 'sonet-botnia-<page>-...-<year>...-<lang>' at scale 2; disparity names the indicator."""
    at = open_app({"lang": "sv", "year": "2017", "indicator": "unemployment_rate"}, page)
    configs = [__import__("json").loads(p.proto.config) for p in at.get("plotly_chart")]
    assert configs
    for config in configs:
        options = config["toImageButtonOptions"]
        assert options["scale"] == 2 and options["format"] == "png"
        assert re.fullmatch(rf"sonet-botnia-{page}-[0-9a-z_-]*20\d\d[0-9a-z_-]*-sv", options["filename"])
        if page == "disparity":
            assert "unemployment_rate" in options["filename"]


def test_slides_button_on_every_chart_page():
    """The sidebar offers the deck on the Overview and on a page with charts, and none on a page without."""
    for page, shown in (("overview", True), ("disparity", True), ("data", False)):
        at = open_app({"lang": "en"}, page)
        labels = [b.label for b in at.sidebar.get("download_button")]
        assert (translate("en", "slides.download") in labels) is shown


def test_missing_chromium_is_explained(monkeypatch):
    """Without Chromium the button area tells how to install it instead of failing."""
    monkeypatch.setattr(images, "chromium_path", lambda: None)
    at = open_app({"lang": "fi"})
    assert not at.exception
    assert any("apt-get install -y chromium" in i.value for i in at.sidebar.info)
    assert translate("fi", "slides.download") not in [b.label for b in at.sidebar.get("download_button")]


def presented(at):
    """What the presentation slide on screen shows: ('title', heading) for the title slide, ('chart', its plain
    title) for a chart, ('missing', its heading and notice) for a chart the filters leave without figures."""
    charts = at.get("plotly_chart")
    if charts:
        (chart,) = charts
        spec = json.loads(chart.proto.spec)
        return "chart", spec["layout"]["title"]["text"].replace("<br>", " ")
    if at.info:
        return "missing", (at.subheader[0].value, at.info[0].value)
    return "title", at.title[0].value


def test_presentation_mode_starts_with_a_title_slide_and_steps_through_the_key_charts():
    """?present=1 (an older link: the Overview): a title slide with the centre, the page and the filters, then one
    chart at a time; next/previous change it and the slide number in the link; leave returns."""
    at = open_app({"lang": "en", "present": "1", "indicator": "unemployment_rate"})
    assert not at.exception
    assert len(at.sidebar.children) == 0
    assert presented(at) == ("title", translate("en", "slides.deck_title", centre=CENTRE_NAME))
    assert at.subheader[0].value == translate("en", "nav.overview")
    assert translate("en", "slides.filter_latest") in [m.value for m in at.markdown]
    assert translate("en", "present.position", index=1, count=5) in [m.value for m in at.markdown]
    at.button(key="present-next").click().run()
    assert at.session_state["year"] is None  # no year in the link: the funding mix is of its latest year, 2019
    assert presented(at) == ("chart", translate("en", "funding.chart_mix", year=2019, centre=CENTRE_NAME))
    assert at.query_params["slide"] == "2"
    at.button(key="present-next").click().run()
    assert presented(at) == ("chart", translate("en", "funding.chart_national"))
    at.button(key="present-next").click().run()
    assert presented(at) == ("chart", translate("en", "overview.chart_jobseekers"))
    at.button(key="present-previous").click().run()
    assert presented(at) == ("chart", translate("en", "funding.chart_national"))
    at.button(key="present-leave").click().run()
    assert "present" not in at.query_params and len(at.get("plotly_chart")) == 2
    assert at.sidebar.selectbox and at.session_state["lang"] == "en"


def test_presentation_mode_says_which_chart_is_missing_instead_of_skipping_it():
    """Year 2016: the centre has no funding figures before 2019, so the funding mix's slide says so; the slide
    count stays 1 + 4."""
    at = open_app({"lang": "fi", "present": "1", "year": "2016", "indicator": "unemployment_rate"})
    assert translate("fi", "present.position", index=1, count=5) in [m.value for m in at.markdown]
    at.button(key="present-next").click().run()
    funding = pd.read_csv(DATA / "funding.csv", dtype={"centre": str})
    years = sorted({int(y) for y in funding.loc[funding["centre"] == "SB", "year"]})
    assert years[0] > 2016
    span = str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
    assert presented(at) == ("missing", (translate("fi", "funding.chart_mix", year=2016, centre=CENTRE_NAME),
                                         translate("fi", "present.missing_funding", year=2016, years=span,
                                                   centre=CENTRE_NAME)))


def test_presentation_mode_presents_the_page_it_was_started_from():
    """Started from the Funding page, presentation mode shows the title slide and then exactly the charts that
    page drew (its five), not the Overview's; the link says which page is presented."""
    at = open_app({"lang": "sv", "year": "2019"}, "funding")
    drawn = [d.title for d in at.session_state[frame.DRAWN]]
    assert len(drawn) == 5
    at.button(key="present-start").click().run()
    assert not at.exception and at.query_params["present"] == "funding" and at.query_params["year"] == "2019"
    assert presented(at)[0] == "title" and at.subheader[0].value == translate("sv", "nav.funding")
    shown = []
    for _ in drawn:
        at.button(key="present-next").click().run()
        shown.append(presented(at)[1])
    assert shown == drawn


def test_a_presented_ranking_names_every_municipality():
    """The centre's 40 municipalities in presentation mode: the ranking keeps the height its rows need (at 720 px
    Plotly dropped every other name), and the chosen one's name and value stand on its row."""
    at = open_app({"lang": "fi", "year": "2017", "indicator": "unemployment_rate", "area": "905"}, "disparity")
    ranking = next(d for d in at.session_state[frame.DRAWN] if d.name.startswith("disparity-ranking"))
    at.button(key="present-start").click().run()
    for _ in range(2):
        at.button(key="present-next").click().run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    rows = spec["layout"]["yaxis"]["ticktext"]
    assert len(rows) == 40 and spec["layout"]["height"] >= ranking.fig.layout.height >= 18 * 40
    data = pd.read_parquet(DATA / "indicators.parquet")
    vaasa = data[(data["indicator"] == "unemployment_rate") & (data["year"] == 2017) & (data["area_code"] == "905")]
    value = f"{vaasa['value'].iloc[0]:.1f}".replace(".", ",")
    assert [r for r in rows if r.startswith("<b>")] == [f"<b>Vaasa {value}\u00a0%</b>"]


@needs_chromium
def test_a_whole_country_ranking_slide_shows_its_ends_and_says_so():
    """305 municipalities (2017: the rate is missing for the three joined by a merger) cannot be read on one slide:
    it shows the 15 lowest and 15 highest and the footer says
    so; the centre's 40 fit and are shown whole."""
    country = overview_deck("en", "SSS")
    footer = texts(country.slides[4])[1]
    assert footer.startswith("The slide shows the 15 lowest and 15 highest of 305; every value is in the chart's "
                             "CSV · Source: ")
    assert pictures(country.slides[4])[0].image.size == (3200, 1800)
    centre = overview_deck("en", "SB")
    check_chart_slide(centre.slides[4], texts(centre.slides[4])[0], "en")


def test_a_long_ranking_keeps_its_ends_and_the_highlighted_row():
    """Synthetic test data: 60 ranked rows with ends=5 keep the 5 lowest, the 5 highest and the highlighted row
    (M30), '…' between each; a ranking of up to 45 rows is drawn whole."""
    from charts.basic import GAP, ranked_bars

    def ranking(count):
        data = pd.DataFrame({"area": [f"M{i}" for i in range(count)], "value": [float(v) for v in range(count, 0, -1)],
                             "colour": ["a", "b"] * (count // 2), "area_code": [str(100 + i) for i in range(count)]})
        return ranked_bars(data, label="area", value="value", colour_key="colour", colour_labels={"a": "A", "b": "B"},
                           title="t", x_title="x", refs=[("avg", 5.0)], lang="en", highlight="130", ends=5)

    cut = ranking(60)
    order = list(cut.layout.yaxis.categoryarray)
    assert [r for r in order if not r.startswith(GAP)] == ["M59", "M58", "M57", "M56", "M55", "M30", "M4", "M3",
                                                           "M2", "M1", "M0"]
    assert len(order) == 13 and cut.layout.meta == {"rows": 60, "ends": 5}
    bars = cut.data[0]
    assert dict(zip(bars.y, bars.x))["M30"] == 30.0 and len(bars.y) == 11
    assert [c[0] for y, c in zip(bars.y, bars.customdata) if y == "M30"] == ["130"]
    assert len(cut.layout.shapes) == 1 and cut.layout.shapes[0].x0 == 5.0
    whole = ranking(44)
    assert len(whole.layout.yaxis.categoryarray) == 44 and whole.layout.meta["ends"] is None


def test_csv_and_excel_are_rounded_and_say_source_licence_unit_and_years():
    """The Overview's funding shares go out as the 60.5 drawn, not 60.50276972793524; the CSV's '#' lines and the
    Excel's second sheet name the source, licence and year; the sheet is named by the chart, not 'data'."""
    at = open_app({"lang": "fi", "year": "2019"})
    mix = next(d for d in at.session_state[frame.DRAWN] if d.name == "funding-mix-2019")
    csv_text = frame.csv_file(mix.table, mix.title, mix.sources, "fi").decode("utf-8-sig")
    about = [line for line in csv_text.splitlines() if line.startswith("#")]
    assert about[1].startswith('# Lähde;"SONet BOTNIAn rahoitusluvut (2019: kehittämispäivän 12.4.2019 esitys')
    assert about[2] == f"# Lisenssi;{translate('fi', 'licences.sonet_botnia')}"
    assert "# Tietojen vuodet;2019" in about and not any("nan" in line for line in about)
    from_csv = pd.read_csv(io.StringIO(csv_text), sep=";", decimal=",", comment="#")
    assert list(from_csv["Osuus, %"]) == [60.5, 6.1, 22.3, 11.1]  # 219,426 / 362,671 = 60.50277 %
    book = pd.read_excel(io.BytesIO(frame.xlsx_file(mix.table, mix.title, mix.sources, "fi")), sheet_name=None)
    data_sheet, about_sheet = book
    assert data_sheet == mix.title.replace(":", "")[:31] and about_sheet == translate("fi", "export.about_sheet")
    assert list(book[data_sheet]["Osuus, %"]) == [60.5, 6.1, 22.3, 11.1]
    facts = pd.read_excel(io.BytesIO(frame.xlsx_file(mix.table, mix.title, mix.sources, "fi")), sheet_name=1,
                          header=None)
    facts = dict(facts.itertuples(index=False, name=None))
    assert facts["Aineisto"] == mix.title and str(facts["Tietojen vuodet"]) == "2019"


def test_a_long_series_is_named_by_its_years():
    """The national subsidy 2013-2022 is saved as ...-2013-2022-..., whatever year is chosen."""
    at = open_app({"lang": "fi", "year": "2019"}, "funding")
    names = [d.name for d in at.session_state[frame.DRAWN]]
    assert names[0] == "funding-national-subsidy-2013-2022"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_chart_toolbar_speaks_the_ui_language(lang):
    """Every chart's config carries the UI language's toolbar texts inline (no locale file from a CDN): none of
    Plotly's English button titles is left untranslated."""
    at = open_app({"lang": lang, "year": "2019"}, "funding")
    configs = [json.loads(p.proto.config) for p in at.get("plotly_chart")]
    assert len(configs) == 5
    for config in configs:
        assert config["locale"] == lang
        dictionary = config["locales"][lang]["dictionary"]
        assert set(dictionary) == set(frame.TOOLBAR)
        assert not [english for english, shown in dictionary.items() if shown == english]
    assert configs[0]["locales"][lang]["dictionary"]["Download plot as a PNG"] == translate(lang,
                                                                                            "toolbar.download_png")
