"""README's "Add a year of data", step by step, on a copy of the data: the pages open on the new years by themselves.

The 2022 funding, the 2023 national subsidy and the 2026 population are SYNTHETIC TEST FIGURES written into the
temporary copy only."""
import pandas as pd
import pytest
import streamlit as st

from app_helpers import open_app
from datacopy import copy_data
from ingest.__main__ import main as ingest
from rawdata import centre_municipalities, rows

FUNDING_2022 = {"state_general": 200000, "state_nordic_task": 22125, "municipal_basic_agreement": 81000,
                "municipal_other": 40000}
SUBSIDY_2023 = 3000000


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """A copy of data/ with a year added as README says: rows appended to the two hand-kept files (steps 1 and 2),
    population of 2026 through `python -m ingest apply indicators` (step 3), then `python -m ingest build` (step 4).
    Built once for the module; the tests only read it."""
    tmp_path = tmp_path_factory.mktemp("added")
    folder = copy_data(tmp_path / "data")
    raw = folder / "raw"
    with (raw / "sonet_botnia" / "funding.csv").open("a", encoding="utf-8") as funding:
        funding.writelines(f"2022,SB,{source},{amount},SYNTHETIC TEST FIGURE\n"
                           for source, amount in FUNDING_2022.items())
    with (raw / "budget" / "budget_33_60_63_observed.csv").open("a", encoding="utf-8") as budget:
        budget.write(f"2023,{SUBSIDY_2023},talousarvio (budget),https://budjetti.vm.fi/,SYNTHETIC TEST FIGURE\n")
    built = pd.read_parquet(folder / "indicators.parquet")
    end_2025 = built[(built["indicator"] == "population") & (built["year"] == 2025)]
    upload = tmp_path / "population 2026.csv"
    end_2025.assign(year=2026, value=end_2025["value"] + 1, source="statfi_population_2025")[
        ["area_code", "year", "indicator", "value", "source"]].to_csv(upload, index=False)
    assert ingest(["apply", "indicators", str(upload), "--data", str(folder), "--editor", "test"]) == 0
    assert ingest(["build", "--raw", str(raw), "--out", str(folder)]) == 0
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SONET_DATA_DIR", str(folder))
        st.cache_resource.clear()
        yield folder
    st.cache_resource.clear()


def sidebar_year(at):
    """The year the page's year picker stands on."""
    (year,) = [s for s in at.sidebar.selectbox if s.label == "Year"]
    return year.value


def test_the_funding_page_opens_on_the_added_year(added):
    """No year in the link: the Funding page stands on 2022 and shows the year's total from the appended rows."""
    at = open_app({"lang": "en"}, "funding")
    assert not at.exception, [e.value for e in at.exception]
    assert sidebar_year(at) == 2022
    total = f"€{sum(FUNDING_2022.values()):,}"
    assert {tuple(r) for r in at.dataframe[0].value.itertuples(index=False)} >= {("Total", total, "100.0%")}


def test_the_overview_shows_the_added_population_year(added):
    """The Overview opens on 2026 and shows the centre's population on 31 Dec 2026: the raw 2025 figure plus one."""
    end_2025 = sum(int(r["vakiluku_2025"]) for r in rows("statfi/vakiluku_2025_kunnat.csv")
                   if r["kunta_code"] in centre_municipalities())
    at = open_app({"lang": "en"})
    assert not at.exception, [e.value for e in at.exception]
    assert str(sidebar_year(at)) == "2026"
    assert {m.label: m.value for m in at.metric}.get("Population 31 Dec 2026") == f"{end_2025 + 1:,}"


@pytest.mark.parametrize("page", ["disparity", "profile", "priorities", "data"])
def test_every_other_page_opens_after_the_added_year(added, page):
    """The pages that do not show the added figures still open without an error."""
    at = open_app({"lang": "fi"}, page)
    assert not at.exception, [e.value for e in at.exception]
