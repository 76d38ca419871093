"""Ingest: each source parses, the committed tables equal a fresh build, a bad source stops with file/row/column."""
import io
import json
import shutil

import pandas as pd
import pytest
from shapely.geometry import shape

from conftest import DATA, LIVE_DATA, RAW
from ingest import build as ingest_build
from ingest import readers
from ingest.build import build, build_all
from ingest.errors import SourceError


def frame_of(files, name):
    """A built file as a DataFrame (codes kept as text)."""
    content = files[name]
    if name.endswith(".parquet"):
        return pd.read_parquet(io.BytesIO(content))
    return pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def built():
    """Every output file of a build from the live data/raw (not the suite's frozen copy), in memory."""
    return build_all(LIVE_DATA / "raw")


def test_rebuild_equals_committed(built):
    """The committed tables are exactly what the sources give today."""
    for name, content in built.items():
        committed = LIVE_DATA / name
        assert committed.exists(), f"{name} is not committed"
        if name.endswith(".parquet"):
            pd.testing.assert_frame_equal(pd.read_parquet(committed), frame_of(built, name))
        else:
            assert committed.read_bytes() == content, f"{name} differs from a fresh build"


def test_build_writes_into_a_temporary_folder(tmp_path):
    """`build` writes every file to the folder it is given, nothing else."""
    files = build(RAW, tmp_path)
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert written == set(files)


def test_a_stamped_build_is_copied_only_for_the_same_raw_files_and_code(tmp_path, monkeypatch):
    """A build's stamp lets its files be copied instead of built again (the suite's frozen copy), byte for byte as
    the build wrote them; a changed raw file, other build code or a missing file copies nothing."""
    raw, built = copy_raw(tmp_path), tmp_path / "built"
    files = build(raw, built)
    assert ingest_build.copy_build(built, raw, tmp_path / "copy")
    copied = {p.relative_to(tmp_path / "copy").as_posix(): p.read_bytes()
              for p in (tmp_path / "copy").rglob("*") if p.is_file()}
    assert copied == files
    monkeypatch.setattr(ingest_build, "code_digest", lambda: "other code")
    assert not ingest_build.copy_build(built, raw, tmp_path / "other-code")
    monkeypatch.undo()
    (built / "catalog.csv").rename(built / "catalog.kept")
    assert not ingest_build.copy_build(built, raw, tmp_path / "file-missing")
    (built / "catalog.kept").rename(built / "catalog.csv")
    replace_in(raw / "sonet_botnia" / "funding.csv", ",22125,", ",22126,")
    assert not ingest_build.copy_build(built, raw, tmp_path / "other-raw")
    assert not any((tmp_path / name).exists() for name in ("other-code", "file-missing", "other-raw"))


def test_municipal_borders_2025():
    """308 municipalities (Pertunmaa's polygon joined to Mäntyharju's, land areas added), Swedish names."""
    raw_features = json.loads((RAW / "nls" / "kuntarajat.2021.json").read_text(encoding="utf-8"))["features"]
    land = {f["properties"]["NATCODE"]: float(f["properties"]["LANDAREA"]) for f in raw_features}
    data, munis = readers.read_municipal_borders(RAW)
    assert len(munis) == 308 and "588" not in set(munis["code"])
    vaasa = munis.set_index("code").loc["905"]
    assert (vaasa["name_fi"], vaasa["name_sv"]) == ("Vaasa", "Vasa")
    assert vaasa["land_area_km2"] == pytest.approx(364.72)
    assert munis.set_index("code").loc["507", "land_area_km2"] == pytest.approx(land["507"] + land["588"])
    shapes = {f["properties"]["NATCODE"]: shape(f["geometry"]) for f in raw_features}
    joined = shape(next(f for f in data["features"] if f["properties"]["NATCODE"] == "507")["geometry"])
    assert joined.area == pytest.approx((shapes["507"].area + shapes["588"].area), rel=1e-6)


def test_region_borders():
    """19 regions with Finnish and Swedish names."""
    _, regions = readers.read_region_borders(RAW)
    assert len(regions) == 19
    assert regions.set_index("code").loc["15", "name_sv"] == "Österbotten"


def key_figures_2000_2017():
    """The 2000-2017 key-figure file read with the labels the build gives it: (long rows, unit names)."""
    return readers.read_key_figures(RAW, ingest_build.edition_labels(readers.read_indicator_meta(RAW), "source_label"))


def test_key_figures_long_form():
    """12 indicators; Vaasa's 2016 unemployment rate as printed in the source."""
    long, names = key_figures_2000_2017()
    assert long["indicator"].nunique() == 12
    assert names["905"] == "Vaasa"
    row = long[(long["unit"] == "905") & (long["year"] == 2016) & (long["indicator"] == "unemployment_rate")]
    assert row["value"].tolist() == [12.1]


def test_employment_counts_2016():
    """Unemployed men + women; Alajärvi 330 + 225."""
    _, names = key_figures_2000_2017()
    counts = readers.read_employment_2016(RAW, {n: c for c, n in names.items() if c != "SSS"})
    alajarvi = counts[(counts["unit"] == "005") & (counts["indicator"] == "unemployed")]
    assert alajarvi["value"].tolist() == [555.0]


def test_population_files():
    """11re: 1972-2023, 2019 municipalities summing to the country's 5,525,292; 2023 country 5,603,851;
    11lj December 2024 (308 municipalities and the country); 2025 in 308 municipalities summing to 5,652,881."""
    final = readers.read_population_11re(RAW)
    assert (final["year"].min(), final["year"].max()) == (1972, 2023)
    y2019 = final[final["year"] == 2019]
    assert y2019[y2019["unit"] != "SSS"]["value"].sum() == y2019[y2019["unit"] == "SSS"]["value"].iloc[0] == 5525292
    assert final[(final["unit"] == "SSS") & (final["year"] == 2023)]["value"].tolist() == [5603851]
    december = readers.read_population_11lj_december(RAW, 2024)
    assert len(december) == 309 and set(december["year"]) == {2024}
    latest = readers.read_population_2025(RAW)
    assert len(latest) == 308 and latest["value"].sum() == 5652881


def test_paavo_counts():
    """310 municipalities with adult counts and incomes."""
    paavo = readers.read_paavo(RAW)
    assert len(paavo) == 310
    assert paavo["adults"].gt(0).all()


def test_budget_and_funding():
    """Figure types normalised; 2019 funding of four sources summing to 362,671 EUR."""
    budget = readers.read_budget(RAW)
    assert set(budget["figure_type"]) == {"budget", "final_accounts", "proposal"}
    assert budget[budget["year"] == 2020].set_index("figure_type")["amount_eur"].to_dict() == {
        "proposal": 2750000, "final_accounts": 3050000}
    funding = readers.read_funding(RAW)
    assert funding["amount_eur"].sum() == 362671


def test_priorities_and_goals():
    """11 focus areas and 7 goals, each with three titles."""
    assert len(readers.read_titled(RAW, "priorities.csv", 11)) == 11
    assert len(readers.read_titled(RAW, "strategy_goals.csv", 7)) == 7


def copy_raw(tmp_path):
    """A writable copy of data/raw to break on purpose."""
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target


def replace_in(path, old, new):
    """Edit a raw file in place."""
    path.write_text(path.read_text(encoding="utf-8-sig").replace(old, new, 1), encoding="utf-8")


def rewrite_lines(path, change):
    """Rewrite a raw file line by line: `change` takes its lines and gives the new ones."""
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")


def funding_build_error(tmp_path, old, new, file=("sonet_botnia", "funding.csv")):
    """Build from a copy of data/raw with one edit to a raw file; the SourceError it must raise."""
    raw = copy_raw(tmp_path)
    replace_in(raw.joinpath(*file), old, new)
    with pytest.raises(SourceError) as err:
        build_all(raw)
    return err.value


def test_text_in_a_number_column_names_file_row_and_column(tmp_path):
    """A broken key-figure value stops the build at its exact place and writes nothing."""
    raw = copy_raw(tmp_path)
    rewrite_lines(raw / "statfi" / "kuntien_avainluvut_2000_2017_coded.csv",
                  lambda lines: [*lines[:2], lines[2].replace("5181115", "5181x15"), *lines[3:]])
    out = tmp_path / "out"
    with pytest.raises(SourceError) as err:
        build(raw, out)
    assert (err.value.file, err.value.row, err.value.column) == ("kuntien_avainluvut_2000_2017_coded.csv", 3,
                                                                  "2000")
    assert "'5181x15' is not a number" in str(err.value)
    assert not out.exists()


def test_missing_column_is_named(tmp_path):
    """A renamed header is reported with the column the build needs."""
    err = funding_build_error(tmp_path, "amount_eur", "amount")
    assert err.file == "funding.csv" and err.column == "amount_eur" and err.row == 1


def test_negative_and_unknown_funding_rows_are_named(tmp_path):
    """A negative amount or an unknown source category names its row."""
    err = funding_build_error(tmp_path, "2019,SB,municipal_other,40120", "2019,SB,municipal_other,-5")
    assert (err.row, err.column) == (5, "amount_eur")
    err = funding_build_error(tmp_path / "b", "state_nordic_task", "lottery")
    assert (err.row, err.column) == (3, "source")


def test_a_missing_municipality_stops_the_build(tmp_path):
    """A source without a row for a municipality cannot produce a partial regional total."""
    raw = copy_raw(tmp_path)
    rewrite_lines(raw / "statfi" / "vakiluku_2025_kunnat.csv",
                  lambda lines: [line for line in lines if not line.startswith("905,")])
    with pytest.raises(SourceError) as err:
        build_all(raw)
    assert err.value.file == "vakiluku_2025_kunnat.csv" and "905" in err.value.message


def test_failed_build_leaves_existing_tables_unchanged(tmp_path):
    """A good build, then a bad source: the first build's files stay byte for byte."""
    raw = copy_raw(tmp_path)
    out = tmp_path / "out"
    build(raw, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    replace_in(raw / "budget" / "budget_33_60_63_observed.csv", "2019,2950000", "2019,-2950000")
    with pytest.raises(SourceError):
        build(raw, out)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_duplicate_year_and_source_is_named(tmp_path):
    """A second 2019 Nordic-task row (line 6) is refused, not summed or overwritten."""
    raw = copy_raw(tmp_path)
    path = raw / "sonet_botnia" / "funding.csv"
    path.write_text(path.read_text(encoding="utf-8") + "2019,SB,state_nordic_task,1000,a second figure\n",
                    encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        build_all(raw)
    err = caught.value
    assert (err.file, err.row, err.column) == ("funding.csv", 6, "source")
    assert "duplicate year and source" in err.message


def test_state_money_over_the_national_total_is_refused(tmp_path):
    """2,950,001 EUR of general state subsidy in 2019 would be more than the 2,950,000 EUR national budget."""
    err = funding_build_error(tmp_path, "2019,SB,state_general,219426", "2019,SB,state_general,2950001")
    assert (err.file, err.row, err.column) == ("funding.csv", 2, "amount_eur")
    assert "over 100 %" in err.message and "2950000" in err.message


def test_share_check_sums_the_years_state_rows(tmp_path):
    """Each state row alone is under the national total but together they are over: the row that tips it is named."""
    err = funding_build_error(tmp_path, "2019,SB,state_nordic_task,22125", "2019,SB,state_nordic_task,2730575")
    assert (err.row, err.column) == (3, "amount_eur")
    assert "2950001" in err.message


def test_a_cut_national_total_makes_the_share_over_100(tmp_path):
    """A national 2019 total cut to 230,000 EUR: the Nordic task row (line 3) takes the state money to 241,551."""
    err = funding_build_error(tmp_path, "2019,2950000", "2019,230000", file=("budget", "budget_33_60_63_observed.csv"))
    assert (err.file, err.row, err.column) == ("funding.csv", 3, "amount_eur")


def test_state_money_up_to_the_national_total_passes(tmp_path):
    """Exactly 100 % is allowed: the check refuses only a share over 100 %."""
    raw = copy_raw(tmp_path)
    replace_in(raw / "sonet_botnia" / "funding.csv", "2019,SB,state_general,219426", "2019,SB,state_general,2927875")
    funding = readers.read_funding(raw, readers.read_budget(raw))
    assert funding[funding["source"].str.startswith("state")]["amount_eur"].sum() == 2950000


def test_a_bad_national_subsidy_amount_names_its_own_row(tmp_path):
    """Text in the budget line's amounts names the row it is on (row 2 was named for every row)."""
    err = funding_build_error(tmp_path, "2016,3000000,", "2016,3 000 000,", file=("budget",
                                                                               "budget_33_60_63_observed.csv"))
    assert (err.row, err.column) == (5, "amount_eur") and "'3 000 000' is not a number" in err.message


def test_fractional_euros_are_refused(tmp_path):
    """'40120.5' is not whole euros; it is named rather than silently cut to 40,120."""
    err = funding_build_error(tmp_path, "2019,SB,municipal_other,40120", "2019,SB,municipal_other,40120.5")
    assert (err.row, err.column) == (5, "amount_eur") and "whole euros" in err.message


def test_decimal_comma_amount_is_refused(tmp_path):
    """A Finnish-style '81 000,00' is not a number the build guesses at."""
    err = funding_build_error(tmp_path, "2019,SB,municipal_basic_agreement,81000",
                              '2019,SB,municipal_basic_agreement,"81 000,00"')
    assert (err.row, err.column) == (4, "amount_eur") and "is not a number" in err.message


def test_a_new_funding_year_is_built_without_code_changes(tmp_path):
    """Rows for a new year (here a copy of 2019's as 2020) pass the checks and appear in the built funding table."""
    raw = copy_raw(tmp_path)
    rewrite_lines(raw / "sonet_botnia" / "funding.csv",
                  lambda lines: lines + [line.replace("2019,SB", "2020,SB", 1) for line in lines[1:]])
    funding = frame_of(build_all(raw), "funding.csv")
    assert funding.groupby("year")["amount_eur"].apply(lambda s: s.astype(int).sum()).to_dict() == {
        "2019": 362671, "2020": 362671}


def test_national_figure_in_force_prefers_final_accounts():
    """2020 has the 2,750,000 proposal and the 3,050,000 final accounts: the share check uses the final accounts;
    2015 has only the proposal, 2019 only the budget."""
    in_force = readers.national_in_force(readers.read_budget(RAW))
    assert (in_force[2020], in_force[2015], in_force[2019]) == (3050000, 2000000, 2950000)


def test_a_rebuild_reuses_indicator_rows_only_while_their_inputs_are_unchanged(tmp_path, monkeypatch):
    """A funding change rebuilds from the kept indicator rows, with the same files as the session's full build but the
    changed funding; any change to a file the indicators are built from builds them again (the build is stopped as
    soon as it starts)."""
    raw = copy_raw(tmp_path)
    build_all(raw)
    monkeypatch.delenv(ingest_build.INDICATOR_CACHE_ENV, raising=False)
    calls = []
    original = ingest_build.build_indicators
    monkeypatch.setattr(ingest_build, "build_indicators", lambda *args: calls.append(1) or original(*args))
    funding = raw / "sonet_botnia" / "funding.csv"
    funding.write_text(funding.read_text(encoding="utf-8").replace(",22125,", ",22126,"), encoding="utf-8")
    reused = build_all(raw)
    assert not calls
    fresh = {rel: (DATA / rel).read_bytes() for rel in reused}  # the session's first build, from the same inputs
    assert [rel for rel in reused if reused[rel] != fresh[rel]] == ["funding.csv"]
    assert b",22126," in reused["funding.csv"]
    with (raw / "statfi" / "kuntien_avainluvut_2000_2017_coded.csv").open("a", encoding="utf-8") as key_figures:
        key_figures.write("\n")
    monkeypatch.setattr(ingest_build, "build_indicators", lambda *args: calls.append(1) or stop())
    with pytest.raises(BuildStarted):
        build_all(raw)
    assert len(calls) == 1


class BuildStarted(Exception):
    """Raised by a stand-in for the indicator build: the build was asked for."""


def stop():
    """Stop a build that has started."""
    raise BuildStarted


def test_indicator_builds_are_shared_through_the_cache_folder(tmp_path, monkeypatch):
    """Another process (here: this one with its memory emptied) reuses the rows the session's first process kept in
    the cache folder (conftest sets it); rows kept by other ingest code are not reused."""
    raw = copy_raw(tmp_path)
    first = build_all(raw)
    ingest_build._built_bases.clear()
    monkeypatch.setattr(ingest_build, "build_indicators", lambda *args: stop())
    assert build_all(raw) == first
    ingest_build._built_bases.clear()
    monkeypatch.setattr(ingest_build, "code_digest", lambda: "other code")
    with pytest.raises(BuildStarted):
        build_all(raw)
