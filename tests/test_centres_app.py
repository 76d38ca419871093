"""AppTest with ?centre= set: every page runs for a centre of 1.7.2025, the pages follow its area (figures summed
here from the raw files), SONet BOTNIA stays the default with its history note, and a bad id falls back with a
notice."""
import json

import pytest

from app_helpers import EXPECTED, PAGES, open_app
from rawdata import MERGED, key_2025, population_11re, rows

CENTRE, COOPERATION_AREA, AREA_CODE = "yta_pohjois_suomi", "Pohjois-Suomen yhteistyöalue", "YTA5"
NBSP = "\u00a0"


def number_text(value, lang, decimals=0):
    """A number as the page should show it, written out here rather than by ui.fmt: '730 455' (fi/sv, with a
    no-break space and a decimal comma), '730,455' (en)."""
    text = f"{value:,.{decimals}f}"
    return text if lang == "en" else text.replace(",", NBSP).replace(".", ",")


def centre_row(centre_id):
    """The centre's row of the raw centres file."""
    return next(r for r in rows("centres/centres.csv") if r["centre_id"] == centre_id)


def members(cooperation_area=COOPERATION_AREA):
    """The municipality codes of a cooperation area in the raw 2025 classification key."""
    return {code for code, r in key_2025().items() if r["yhteistyoalue_name_fi"] == cooperation_area}


def population_2025():
    """code -> population at the end of 2025, from the raw Statistics Finland file."""
    return {r["kunta_code"]: int(r["vakiluku_2025"]) for r in rows("statfi/vakiluku_2025_kunnat.csv")}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_for_a_2025_centre(page, lang):
    """No exception and no notice on any page with the Pohjois-Suomi cooperation area's centre in the link."""
    at = open_app({"lang": lang, "centre": CENTRE}, page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["centre"] == CENTRE
    assert not at.warning


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_overview_names_the_centre_and_its_population(lang):
    """The Overview says which centre it shows and its area's population at the end of 2025, the sum of the
    cooperation area's municipalities in the raw file."""
    at = open_app({"lang": lang, "centre": CENTRE, "year": "2025"})
    assert not at.exception, [e.value for e in at.exception]
    assert any(centre_row(CENTRE)[f"name_{lang}"] in s.value for s in at.subheader)
    people = population_2025()
    expected = sum(people[code] for code in members())
    population = [m.value for m in at.metric if "2025" in m.label and "31" in m.label]
    assert population == [number_text(expected, lang)]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_bad_centre_falls_back_to_sonet_botnia_with_a_notice(lang):
    """?centre=nope: SONet BOTNIA with every one of its 2019 figures, and a notice naming the parameter."""
    at = open_app({"lang": lang, "centre": "nope", "year": "2019"})
    assert not at.exception
    assert at.session_state["centre"] == "sonet_botnia"
    assert any("centre" in w.value and "SONet BOTNIA" in w.value for w in at.warning)
    assert {m.label: m.value for m in at.metric} == EXPECTED[lang]


def test_sonet_botnia_is_the_default_and_its_history_switches_the_centre():
    """Without ?centre= the Overview is SONet BOTNIA's and tells that its subsidy ended on 30.6.2025; one button
    per region opens the centre that now covers it (the region's cooperation area in the raw key)."""
    at = open_app({"lang": "fi"})
    assert at.session_state["centre"] == "sonet_botnia"
    assert any("30.6.2025" in m.value and "§ 177" in m.value for m in at.markdown)
    buttons = {b.key: b for b in at.button if b.key and b.key.startswith("successor-")}
    assert set(buttons) == {"successor-14", "successor-15", "successor-16"}
    key = key_2025()
    for region, button in buttons.items():
        areas = {r["yhteistyoalue_name_fi"] for r in key.values() if r["maakunta_code"].zfill(2) == region[-2:]}
        assert len(areas) == 1 and areas.pop() in button.label
    buttons["successor-16"].click().run()
    assert at.session_state["centre"] == CENTRE
    assert at.query_params["centre"] == CENTRE
    assert any(centre_row(CENTRE)["name_fi"] in s.value for s in at.subheader)
    assert not any(b.key and b.key.startswith("successor-") for b in at.button)


def test_the_disparity_page_shows_the_centres_area():
    """The scope is the chosen centre's area: its map has every municipality of the cooperation area (raw key),
    and the scope's choices are the area, its wellbeing services counties and the whole country."""
    at = open_app({"lang": "en", "centre": CENTRE}, "disparity")
    assert at.session_state["scope"] == AREA_CODE
    area = members()
    counties = {r["hyvinvointialue_name_fi"] for code, r in key_2025().items() if code in area}
    options = at.selectbox(key="_widget_scope").options
    assert len(options) == 1 + len(counties) + 1 and options[-1] == "Whole country"
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    located = {code for trace in figure["data"] if trace["type"] == "choroplethmap" for code in trace["locations"]}
    assert located == area


def test_a_centre_starts_on_its_most_populous_municipality():
    """The highlighted municipality and the profile start inside the chosen centre's area: for the Pohjois-Suomi
    centre its most populous municipality at the end of 2025 (raw file), for SONet BOTNIA Vaasa."""
    people = population_2025()
    largest = max(members(), key=people.get)
    assert open_app({"lang": "fi", "centre": CENTRE}, "profile").session_state["area"] == largest
    assert open_app({"lang": "fi"}, "profile").session_state["area"] == "905"


def test_the_funding_page_sets_every_centre_side_by_side():
    """For a centre without its own funding the page says so, and the table gives each 2025 centre's share of
    Finland's population at the end of 2022, computed here from the raw 11re file (2024 division, merged
    municipalities counted in the one they joined)."""
    at = open_app({"lang": "fi", "centre": CENTRE, "year": "2022"}, "funding")
    assert any("tunnetaan vain SONet BOTNIAlta" in i.value for i in at.info)
    table = next(d.value for d in at.dataframe if "Osuus väestöstä, %" in d.value.columns)
    people = population_11re(2022)
    country = people.pop("SSS")
    shares = dict(zip(table["Osaamiskeskus"], table["Osuus väestöstä, %"]))
    for area in ("Pohjois-Suomen yhteistyöalue", "Länsi-Suomen yhteistyöalue"):
        inside = members(area)
        expected = 100 * sum(n for code, n in people.items() if MERGED.get(code, code) in inside) / country
        assert shares[f"{area} (1.7.2025–)"] == f"{number_text(expected, 'fi', 2)}{NBSP}%"


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_swedish_language_centre_is_listed_without_area_figures(lang):
    """FSKC is in the picker; its Overview says area figures do not apply (no population metric), and the
    Disparity page can only compare the whole country."""
    at = open_app({"lang": lang, "centre": "fskc"})
    assert not at.exception, [e.value for e in at.exception]
    assert "FSKC (2002–)" in at.selectbox(key="_widget_centre").options
    assert any("FSKC" in i.value for i in at.info)
    assert not [m for m in at.metric if "31" in m.label]
    at.switch_page("app_pages/disparity.py").run()
    assert not at.exception
    assert at.selectbox(key="_widget_scope").options == [{"fi": "Koko maa", "sv": "Hela landet",
                                                          "en": "Whole country"}[lang]]


def test_chart_files_are_named_by_the_centre():
    """A chart's PNG name starts with the chosen centre's id ('yta-pohjois-suomi-overview-...')."""
    at = open_app({"lang": "fi", "centre": CENTRE})
    names = [json.loads(p.proto.config)["toImageButtonOptions"]["filename"] for p in at.get("plotly_chart")]
    assert names and all(n.startswith("yta-pohjois-suomi-overview-") for n in names)
