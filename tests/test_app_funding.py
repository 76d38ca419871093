"""The Funding page in AppTest: the figures a user checks, in each language's format, and the what-if."""
import base64
import json

import numpy as np
import pytest

from app_helpers import NBSP, by_language, open_app
from conftest import DATA, RAW
from domain import FUNDING_SOURCES
from locales import strings
from rawdata import key_2025

FAIR = by_language(
    {"fi": ["Osuus valtionavustuksesta", "Osuus Suomen väestöstä", "Valtionavustus asukasta kohden",
            "Kuntaraha asukasta kohden"],
     "sv": ["Andel av statsunderstödet", "Andel av Finlands befolkning", "Statsunderstöd per invånare",
            "Kommunal finansiering per invånare"],
     "en": ["Share of the national subsidy", "Share of Finland's population", "State subsidy per inhabitant",
            "Municipal money per inhabitant"]},
    [f"8,19{NBSP}%", f"7,91{NBSP}%", f"0,552{NBSP}€", f"0,277{NBSP}€"],
    ["8.19%", "7.91%", "€0.552", "€0.277"],
)
COUNTRY_PER_INHABITANT = {"fi": f"0,534{NBSP}€", "sv": f"0,534{NBSP}€", "en": "€0.534"}
MIX = {
    "fi": [("Valtionavustus", f"241{NBSP}551{NBSP}€", f"66,6{NBSP}%"),
           ("Kuntaraha", f"121{NBSP}120{NBSP}€", f"33,4{NBSP}%"),
           ("Yhteensä", f"362{NBSP}671{NBSP}€", f"100,0{NBSP}%")],
    "sv": [("Statsunderstöd", f"241{NBSP}551{NBSP}€", f"66,6{NBSP}%"),
           ("Kommunal finansiering", f"121{NBSP}120{NBSP}€", f"33,4{NBSP}%"),
           ("Totalt", f"362{NBSP}671{NBSP}€", f"100,0{NBSP}%")],
    "en": [("State subsidy", "€241,551", "66.6%"), ("Municipal money", "€121,120", "33.4%"),
           ("Total", "€362,671", "100.0%")],
}
SCENARIO = {  # the 2020 proposal (2,750,000) at the 2019 share: 225,174.66 shown as 225,175
    "fi": (f"225{NBSP}175{NBSP}€", f"-16{NBSP}376{NBSP}€", f"346{NBSP}295{NBSP}€", f"225{NBSP}174,66{NBSP}€"),
    "sv": (f"225{NBSP}175{NBSP}€", f"-16{NBSP}376{NBSP}€", f"346{NBSP}295{NBSP}€", f"225{NBSP}174,66{NBSP}€"),
    "en": ("€225,175", "-€16,376", "€346,295", "€225,174.66"),
}


def values(array):
    """A Plotly array from a chart's JSON spec as a list (typed arrays arrive base64-encoded)."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def traces(chart):
    """The traces of a drawn Plotly chart."""
    return json.loads(chart.proto.spec)["data"]


def metrics(at):
    """label -> (value, delta) of every metric on the page."""
    return {m.label: (m.value, m.proto.delta) for m in at.metric}


def text(lang, key):
    """A UI string, to find a widget or metric by the label the user sees."""
    return strings(lang)[key]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_fair_share_and_mix_2019(lang):
    """8.19 % vs 7.91 %, 0.552 vs 0.534 EUR per inhabitant, 0.277 municipal; state 66.6 %, municipal 33.4 %."""
    at = open_app({"lang": lang, "year": "2019"}, "funding")
    assert not at.exception, [e.value for e in at.exception]
    shown = metrics(at)
    for label, value in FAIR[lang].items():
        assert shown[label][0] == value, label
    assert any(COUNTRY_PER_INHABITANT[lang] in c.value for c in at.caption)
    table = at.dataframe[0].value
    rows = {tuple(r) for r in table.itertuples(index=False)}
    assert set(MIX[lang]) <= rows
    assert len(table) == 7


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_whatif_2020_proposal_from_the_link(lang):
    """?wi_total=2750000 at the 2019 share: 225,175 EUR state subsidy, 16,376 EUR less, labelled as a scenario."""
    at = open_app({"lang": lang, "year": "2019", "wi_total": "2750000"}, "funding")
    assert not at.exception, [e.value for e in at.exception]
    state, change, total, exact = SCENARIO[lang]
    shown = metrics(at)
    assert shown[text(lang, "whatif.state_result")] == (state, change)
    assert shown[text(lang, "whatif.total_result")][0] == total
    formula = " ".join(c.value for c in at.caption)
    assert exact in formula and state in formula
    ratio = {"en": "€2,750,000 × €241,551 / €2,950,000"}.get(
        lang, f"2{NBSP}750{NBSP}000{NBSP}€ × 241{NBSP}551{NBSP}€ / 2{NBSP}950{NBSP}000{NBSP}€")
    assert ratio in formula
    assert text(lang, "whatif.rounding") in formula
    assert text(lang, "whatif.label") in [i.value for i in at.info]
    assert at.query_params["wi_total"] == "2750000"


def test_whatif_defaults_to_the_chosen_year_and_stays_out_of_the_link():
    """Untouched, the scenario is the actual 2019 funding, no change, and the link carries no what-if parameter."""
    at = open_app({"lang": "en", "year": "2019"}, "funding")
    shown = metrics(at)
    assert shown["Scenario: state subsidy"] == ("€241,551", "±€0")
    assert shown["Scenario: total funding"] == ("€362,671", "±€0")
    assert shown["Scenario: state share"][0] == "66.6%"
    assert "Municipal 33.4%" in [c.value for c in at.caption]
    assert not {"wi_total", "wi_share", "wi_municipal"} & set(at.query_params.keys())


def test_presets_settings_and_reset_live_in_the_link():
    """The 2020 final accounts preset, a 10 % share and -20,000 EUR municipal money, then back to actual figures."""
    at = open_app({"lang": "en", "year": "2019"}, "funding")
    at.button(key="wi-preset-2020-final_accounts").click().run()
    assert metrics(at)["Scenario: state subsidy"] == ("€249,739", "+€8,188")
    assert at.query_params["wi_total"] == "3050000"
    at.text_input(key="_widget_wi_share").input("10").run()
    at.text_input(key="_widget_wi_municipal").input("-20,000").run()
    shown = metrics(at)
    assert shown["Scenario: state subsidy"][0] == "€305,000"
    assert shown["Scenario: municipal money"] == ("€101,120", "-€20,000")
    assert shown["Scenario: total funding"] == ("€406,120", "+€43,449 (+12.0%)")
    assert (at.query_params["wi_share"], at.query_params["wi_municipal"]) == ("10.0", "-20000")
    at.button(key="wi-reset").click().run()
    assert metrics(at)["Scenario: total funding"] == ("€362,671", "±€0")
    assert not {"wi_total", "wi_share", "wi_municipal"} & set(at.query_params.keys())


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_whatif_reads_a_decimal_comma_and_spaces_and_shows_the_ui_format(lang):
    """'10,5' is 10.5 % (not 105), '2 750 000' is 2,750,000 EUR; the fields show the values as the language
    writes them, never '8.188' or '2950000'."""
    at = open_app({"lang": lang, "year": "2019"}, "funding")
    share, total = at.text_input(key="_widget_wi_share"), at.text_input(key="_widget_wi_total")
    assert (share.value, total.value) == ("8,188", f"2{NBSP}950{NBSP}000")
    at.text_input(key="_widget_wi_share").input("10,5").run()
    assert at.query_params["wi_share"] == "10.5"
    assert metrics(at)[text(lang, "whatif.state_result")][0] == f"309{NBSP}750{NBSP}€"  # 2,950,000 × 10.5 %
    at.text_input(key="_widget_wi_total").input("2 750 000").run()
    assert at.query_params["wi_total"] == "2750000"
    assert metrics(at)[text(lang, "whatif.state_result")][0] == f"288{NBSP}750{NBSP}€"  # 2,750,000 × 10.5 %
    assert at.text_input(key="_widget_wi_share").value == "10,5"
    assert not at.error


@pytest.mark.parametrize("typed", ["kymmenen", "10,5,1", "150"])
def test_whatif_refuses_what_is_not_a_share_with_a_message(typed):
    """Text, two decimal commas or a share over 100 %: a message in Finnish names the field, the typed text stays
    in the field to correct, and the scenario and the link keep the value they had."""
    at = open_app({"lang": "fi", "year": "2019"}, "funding")
    before = metrics(at)[text("fi", "whatif.state_result")]
    at.text_input(key="_widget_wi_share").input(typed).run()
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith(text("fi", "whatif.share") + ":")
    assert at.text_input(key="_widget_wi_share").value == typed
    assert metrics(at)[text("fi", "whatif.state_result")] == before and "wi_share" not in at.query_params


def test_bad_whatif_values_in_the_link_fall_back_with_a_notice():
    """Text, a share over 100 % and a cut larger than the municipal money: defaults, and a warning for each."""
    at = open_app({"lang": "en", "year": "2019", "wi_total": "lots", "wi_share": "250"})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "“wi_total”" in warnings and "“wi_share”" in warnings
    at = open_app({"lang": "en", "year": "2019", "wi_municipal": "-500000"}, "funding")
    assert not at.exception
    assert any("negative" in w.value for w in at.warning)
    assert metrics(at)["Scenario: total funding"] == ("€362,671", "±€0")
    assert "wi_municipal" not in at.query_params


def test_a_year_without_funding_keeps_actual_and_scenario_apart():
    """2020: no centre figures, so no mix or fair share; the what-if starts from 2019 with 2020's final accounts."""
    at = open_app({"lang": "en", "year": "2020"}, "funding")
    assert not at.exception
    assert sum("not in the data" in i.value for i in at.info) == 2
    assert any("starts from the 2019 figures" in c.value for c in at.caption)
    assert metrics(at)["Scenario: state subsidy"] == ("€249,739", "+€8,188")


def test_every_chart_has_its_source_and_csv():
    """Five charts (the fifth: every centre's shares), five source lines (budget item and the 2019 deck), a CSV and
    an Excel download for each."""
    at = open_app({"lang": "en", "year": "2019", "wi_total": "2750000"}, "funding")
    charts = at.get("plotly_chart")
    assert len(charts) == 5
    sources = [c.value for c in at.caption if c.value.startswith("Source: ")]
    assert len(sources) == 5
    assert "item 33.60.63" in sources[0] and "SONet BOTNIA funding figures (2019: development day deck" in sources[1]
    assert all("item 33.60.63" in s and "SONet BOTNIA funding figures" in s for s in sources[2:])
    references = [t.value for t in at.text]
    assert "State subsidy (general): Kehittämispäivä 12.4.2019, slide 'Johtoryhmän 13.6.2018 hyväksymät " \
           "painopisteet': state subsidy 241 551 € minus the Nordic special task 22 125 €" in references
    downloads = [d.label for d in at.main.get("download_button")]
    assert downloads == ["Download data (CSV)", "Download data (Excel)"] * 5
    assert [traces(c)[0]["type"] for c in charts] == ["bar", "sunburst", "bar", "bar", "bar"]
    assert [values(trace["x"]) for trace in traces(charts[3])] == [[241551, 225175], [121120, 121120]]
    sunburst = traces(charts[1])[0]
    assert dict(zip(values(sunburst["ids"]), values(sunburst["values"]))) == {
        "total": 362671, "state": 241551, "state_general": 219426, "state_nordic_task": 22125,
        "municipal": 121120, "municipal_basic_agreement": 81000, "municipal_other": 40120}
    shares, per_inhabitant = (values(trace["x"]) for trace in traces(charts[2]))
    assert [round(v, 2) for v in shares] == [8.19, 7.91]
    assert [round(v, 3) for v in per_inhabitant] == [0.552, 0.534, 0.277]


def test_national_chart_keeps_2020_proposal_and_final_accounts():
    """One bar per year, the best known figure (final accounts, else budget, else proposal) named by its type; the
    2020 proposal and the 2018 budget stay as detail markers; the proposal-only year 2015 is noted."""
    at = open_app({"lang": "en", "year": "2019"}, "funding")
    drawn = traces(at.get("plotly_chart")[0])
    bars = {trace["name"]: dict(zip(values(trace["x"]), values(trace["y"]))) for trace in drawn
            if trace["type"] == "bar"}
    assert set(bars) == {"budget", "government proposal", "final accounts"}
    years = [y for by_year in bars.values() for y in by_year]
    assert len(years) == len(set(years)) == 10
    assert bars["final accounts"][2020] == 3050000 and bars["final accounts"][2018] == 3000000
    assert bars["government proposal"] == {2015: 2000000} and bars["budget"][2019] == 2950000
    (detail,) = [trace for trace in drawn if trace["type"] == "scatter"]
    assert detail["name"] == "other figure for the year"
    assert dict(zip(values(detail["x"]), values(detail["y"]))) == {2018: 3000000, 2020: 2750000}
    notes = " ".join(c.value for c in at.caption)
    assert "For 2015 the sources give only the government proposal" in notes


@pytest.mark.parametrize("page", ["data", "funding"])
def test_how_to_add_a_year_names_file_columns_and_a_real_row(page):
    """The Data page (and the Funding page) say which file, which columns, with the raw file's last row as example."""
    at = open_app({"lang": "fi"}, page)
    assert not at.exception
    howto = [e for e in at.expander if e.label == text("fi", "funding_howto.heading")]
    assert len(howto) == 1
    body = " ".join(m.value for m in howto[0].markdown)
    assert "data/raw/sonet_botnia/funding.csv" in body
    for column in ("year", "centre", "source", "amount_eur", "source_ref"):
        assert f"`{column}`" in body
    raw_lines = (RAW / "sonet_botnia" / "funding.csv").read_text(encoding="utf-8").splitlines()
    assert howto[0].code[0].value.splitlines() == [raw_lines[0], raw_lines[-1]]


def test_labelled_categories_are_the_ones_the_build_accepts():
    """Every category the ingest check accepts has a label in each language, and no label is for an unknown one."""
    for lang in ("fi", "sv", "en"):
        labelled = [key.split(".", 1)[1] for key in strings(lang) if key.startswith("funding_source.")]
        assert labelled == list(FUNDING_SOURCES)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of data/ served to the app instead of the shipped tables; yields a function that edits one file."""
    import shutil

    import streamlit as st

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("raw", "state", "history"))
    monkeypatch.setenv("SONET_DATA_DIR", str(folder))
    st.cache_resource.clear()

    def edit(name, change):
        path = folder / name
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    yield edit
    monkeypatch.delenv("SONET_DATA_DIR")
    st.cache_resource.clear()


@pytest.fixture
def data_without_2017(data_copy):
    """The national subsidy without its 2017 row."""
    data_copy("national_subsidy.csv",
              lambda text: "".join(line for line in text.splitlines(True) if not line.startswith("2017,")))


def test_a_year_without_a_national_figure_is_a_gap_with_a_note(data_without_2017):
    """No 2017 row: no bar at 2017 (not a zero), the axis still spans 2013-2022, and a note names the year."""
    at = open_app({"lang": "en", "year": "2019"}, "funding")
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    years = {y for trace in spec["data"] for y in values(trace["x"])}
    assert 2017 not in years and {2016, 2018} <= years
    assert spec["layout"]["xaxis"]["range"] == [2012.5, 2022.5]
    notes = " ".join(c.value for c in at.caption)
    assert "The sources give no figure for 2017; those years are gaps, not zeros." in notes


def test_a_new_year_of_funding_shows_without_code_changes(data_copy):
    """Test data, not real figures: 2019's rows copied as 2020. The page shows 2020's mix and compares it with the
    2020 final accounts (3,050,000) and the end-2020 population, with no code change."""
    data_copy("funding.csv", lambda text: text + "".join(
        f"2020,SB,{line.split(',')[2]},{line.split(',')[3]},Test figures: 2019 copied as 2020\n"
        for line in text.splitlines(True)[1:]))
    at = open_app({"lang": "en", "year": "2020"}, "funding")
    assert not at.exception
    assert "Municipal: other municipalities: Test figures: 2019 copied as 2020" in [t.value for t in at.text]
    assert not any("development day 12 April 2019 (slide deck)" in c.value for c in at.caption)
    assert {tuple(r) for r in at.dataframe[0].value.itertuples(index=False)} >= {("Total", "€362,671", "100.0%")}
    shown = metrics(at)
    assert shown["Share of the national subsidy"][0] == "7.92%"  # 241,551 / 3,050,000
    assert any("national subsidy: final accounts 2020; population on 31 Dec 2020" in c.value for c in at.caption)
    assert shown["Scenario: state subsidy"] == ("€241,551", "±€0")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_part_of_the_sunburst_is_named(lang):
    """The Nordic special task (22,125 EUR) and the other municipalities (40,120 EUR) are too thin for print in the
    ring: each funder and source is named with its amount in the legend, which a slide keeps too."""
    at = open_app({"lang": lang, "year": "2019"}, "funding")
    sunburst, *legend = traces(at.get("plotly_chart")[1])
    labels = dict(zip(values(sunburst["ids"]), values(sunburst["labels"])))
    printed = {labels[i] for i, tmpl in zip(values(sunburst["ids"]), sunburst["texttemplate"]) if tmpl}
    named = " | ".join(trace["name"].replace("<br>", " ") for trace in legend if trace.get("showlegend"))
    for sector in ("state", "state_general", "state_nordic_task", "municipal", "municipal_basic_agreement",
                   "municipal_other"):
        assert labels[sector] in named, sector
    assert labels["state_nordic_task"] not in printed
    nordic = {"fi": f"22{NBSP}125{NBSP}€", "sv": f"22{NBSP}125{NBSP}€", "en": "€22,125"}[lang]
    assert f"{labels['state_nordic_task']}: {nordic}" in named


@pytest.mark.parametrize(("lang", "division"), [("fi", "kuntajako 2025"), ("sv", "kommunindelning 2025"),
                                                ("en", "2025 municipal division")])
def test_the_fair_share_note_names_the_division_of_its_population(lang, division):
    """The population behind the per-inhabitant figures is in the 2025 division (308 municipalities, Pertunmaa in
    Mäntyharju), and the note under the chart says so, not the 2021 division of the borders file."""
    assert len(key_2025()) == 308 and "588" not in key_2025()
    at = open_app({"lang": lang, "year": "2019"}, "funding")
    notes = [c.value for c in at.caption if "31.12.2019" in c.value or "31 Dec 2019" in c.value]
    assert notes and all(f"({division})" in note for note in notes), notes
