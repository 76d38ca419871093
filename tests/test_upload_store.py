"""Good uploads as people make them, what applying does to the stored tables and the raw files, and restore.

The figures for 2020 and later below are SYNTHETIC TEST FIGURES, written by this test into a temporary copy of
data/; they are never stored in the project's data/.
"""
import io
from datetime import date

import pandas as pd
import pytest
from openpyxl import Workbook

from datacopy import copy_data, snapshot
from export.safe import workbook_bytes
from export.tables import csv_bytes
from ingest import upload_history, upload_plan
from ingest.__main__ import main
from ingest.build import STAMP, build_all
from ingest.problems import Rejected
from ingest.upload_check import Context, check, parse_number

SYNTHETIC = "SYNTHETIC TEST FIGURE"
ROWS_2020 = [("2020", "SB", "state_general", "230 000", SYNTHETIC), ("2020", "SB", "state_nordic_task", "22 125",
                                                                       SYNTHETIC),
             ("2020", "SB", "municipal_basic_agreement", "81 000,00", SYNTHETIC),
             ("2020", "SB", "municipal_other", "41 000", "Tilinpäätös 2020 – testi")]
HEADER = ["year", "centre", "source", "amount_eur", "source_ref"]


@pytest.fixture
def data_dir(tmp_path):
    """A fresh writable copy of data/ per test."""
    return copy_data(tmp_path / "data")


def semicolon_cp1252():
    """Funding 2020 as a Finnish spreadsheet saves it: a title line, ';', decimal comma, Windows-1252."""
    lines = ["SONet BOTNIA:n rahoitus 2020;;;;", ";".join(HEADER)] + [";".join(r) for r in ROWS_2020]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def excel_with_title():
    """The same rows in an .xlsx with two title rows above the header and numbers as numbers."""
    book = Workbook()
    sheet = book.active
    sheet.append(["SONet BOTNIA rahoitus"])
    sheet.append(["(testi)"])
    sheet.append(HEADER)
    for year, centre, source, amount, ref in ROWS_2020:
        sheet.append([int(year), centre, source, float(amount.replace(" ", "").replace(",", ".")), ref])
    return workbook_bytes(book)


def built_equals_stored(data_dir):
    """A full rebuild from the (updated) raw files gives exactly the stored tables."""
    for rel, content in build_all(data_dir / "raw").items():
        if rel.endswith(".parquet"):
            pd.testing.assert_frame_equal(pd.read_parquet(data_dir / rel), pd.read_parquet(io.BytesIO(content)))
        else:
            assert (data_dir / rel).read_bytes() == content, rel


@pytest.mark.parametrize("text", ["1 234,5", "1.234,5", "1,234.5", "1234.5", "1\u00a0234,5", "1234,5 €"])
def test_numbers_as_people_write_them(text):
    """Spaces, non-breaking spaces, dots or commas as thousands separators, a euro sign."""
    assert parse_number(text) == 1234.5


def test_cp1252_semicolons_decimal_commas_and_title_line(data_dir):
    """A Finnish CSV is read right: encoding, separator, header row, amounts."""
    checked = check("funding", "rahoitus 2020.csv", semicolon_cp1252(), Context.load(data_dir))
    assert checked.info["encoding"] == "cp1252" and checked.info["separator"] == ";"
    assert checked.info["header_row"] == 2
    assert checked.frame["amount_eur"].tolist() == [230000, 22125, 81000, 41000]
    assert checked.frame["source_ref"].iloc[3] == "Tilinpäätös 2020 – testi"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "latin-1", "utf-16"])
def test_every_usual_encoding_reads_the_same(data_dir, encoding):
    """UTF-8 with and without BOM, Latin-1 and UTF-16 (Excel's 'Unicode text', tab-separated) all read alike."""
    sep = "\t" if encoding == "utf-16" else ","
    text = sep.join(HEADER) + "\n" + "\n".join(
        sep.join([y, c, s, a.replace(" ", "").replace(",00", ""), "Tilinpäätös"]) for y, c, s, a, _ in ROWS_2020)
    checked = check("funding", "f.csv", text.encode(encoding), Context.load(data_dir))
    assert checked.frame["amount_eur"].sum() == 374125
    assert set(checked.frame["source_ref"]) == {"Tilinpäätös"}


def test_excel_with_title_rows_gives_the_same_rows_as_the_csv(data_dir):
    """The header is found under the title rows; numbers stored as numbers are kept exactly."""
    context = Context.load(data_dir)
    from_excel = check("funding", "rahoitus.xlsx", excel_with_title(), context)
    from_csv = check("funding", "rahoitus.csv", semicolon_cp1252(), context)
    assert from_excel.info == {"kind": "excel", "sheet": "Sheet", "header_row": 3, "rows": 4}
    columns = ["year", "centre", "source", "amount_eur", "source_ref"]
    pd.testing.assert_frame_equal(from_excel.frame[columns], from_csv.frame[columns])


def test_upload_adds_a_year_keeps_history_and_restore_brings_the_old_table_back(data_dir):
    """Apply: funding.csv, its raw file and the catalogue change (dated today), the old version goes to history, the
    folder's build stamp goes (it is no longer a plain build); a rebuild keeps the upload; restore puts them all back
    byte for byte, the registry's date included."""
    original = snapshot(data_dir)
    plan = upload_plan.plan(check("funding", "rahoitus.csv", semicolon_cp1252(), Context.load(data_dir)), data_dir)
    assert plan.counts == {"added": 4, "changed": 0, "removed": 0}
    assert snapshot(data_dir) == original
    entry = upload_history.apply(plan, data_dir, "Testi Toimittaja")
    funding = pd.read_csv(data_dir / "funding.csv", dtype={"year": int})
    assert funding[funding["year"] == 2020]["amount_eur"].sum() == 374125
    catalog = pd.read_csv(data_dir / "catalog.csv").set_index("name")
    assert catalog.loc["funding", "rows"] == 8 and catalog.loc["funding", "period"] == "2019–2020"
    assert catalog.loc["funding", "updated"] == date.today().isoformat()
    assert catalog.loc["national_subsidy", "updated"] == "2022-01-01"
    raw = (data_dir / "raw" / "sonet_botnia" / "funding.csv").read_bytes()
    assert raw.startswith(original["raw/sonet_botnia/funding.csv"])
    built_equals_stored(data_dir)
    assert STAMP in original and not (data_dir / STAMP).exists()
    assert entry["editor"] == "Testi Toimittaja" and entry["action"] == "upload" and entry["added"] == 4
    saved = data_dir / "history" / "funding" / entry["id"]
    assert (saved / "data" / "funding.csv").read_bytes() == original["funding.csv"]
    assert (saved / "raw" / "sonet_botnia" / "funding.csv").read_bytes() == original["raw/sonet_botnia/funding.csv"]
    upload_history.restore("funding", entry["id"], data_dir, "Toinen Toimittaja")
    after = snapshot(data_dir)
    for rel in ("funding.csv", "catalog.csv", "sources.csv", "raw/sonet_botnia/funding.csv", "raw/sources.csv"):
        assert after[rel] == original[rel], rel
    history = upload_history.history("funding", data_dir)
    assert [e["action"] for e in history] == ["restore", "upload"]
    assert history[0]["editor"] == "Toinen Toimittaja" and history[0]["removed"] == 4


def test_national_subsidy_keeps_the_raw_wording_and_unchanged_lines(data_dir):
    """A UTF-8-with-BOM, comma-separated budget row in Finnish words is added; every existing raw line stays."""
    content = ("\ufeffyear,amount_eur,figure_type,source_url,note\n"
               f"2023,3000000,talousarvio,https://budjetti.vm.fi/,{SYNTHETIC}\n").encode()
    checked = check("national_subsidy", "budjetti.csv", content, Context.load(data_dir))
    assert checked.frame["figure_type"].tolist() == ["budget"]
    raw_path = data_dir / "raw" / "budget" / "budget_33_60_63_observed.csv"
    before = raw_path.read_text(encoding="utf-8")
    upload_history.apply(upload_plan.plan(checked, data_dir), data_dir, "test")
    after = raw_path.read_text(encoding="utf-8")
    assert after == before + f"2023,3000000,talousarvio (budget),https://budjetti.vm.fi/,{SYNTHETIC}\n"
    stored = pd.read_csv(data_dir / "national_subsidy.csv")
    assert stored[stored["year"] == 2023][["amount_eur", "figure_type"]].values.tolist() == [[3000000, "budget"]]
    built_equals_stored(data_dir)


def test_a_budget_for_next_year_is_allowed_but_not_final_accounts(data_dir):
    """A budget is decided before its year: next year is fine for budget and proposal only."""
    context = Context.load(data_dir)
    next_year = context.today.year + 1
    ok = f"year,amount_eur,figure_type,source_url,note\n{next_year},3000000,budget,https://budjetti.vm.fi/,x\n"
    assert len(check("national_subsidy", "b.csv", ok.encode(), context).frame) == 1
    with pytest.raises(Rejected) as refused:
        check("national_subsidy", "b.csv", ok.replace("budget", "final_accounts").encode(), context)
    assert [(p.key, p.values["limit"]) for p in refused.value.problems] == [("year_future", context.today.year)]


def test_replace_mode_shows_the_rows_it_would_remove(data_dir):
    """Replacing the national subsidy with two rows would remove the other ten; the plan says so and writes
    nothing."""
    before = snapshot(data_dir)
    content = ("year,amount_eur,figure_type,source_url,note\n"
               "2021,3000000,budget,https://budjetti.vm.fi/,a\n2022,3000000,budget,https://budjetti.vm.fi/,b\n")
    checked = check("national_subsidy", "b.csv", content.encode(), Context.load(data_dir))
    plan = upload_plan.plan(checked, data_dir, mode="replace")
    assert plan.counts["removed"] == 10 and plan.counts["added"] == 0
    assert set(plan.changed["column"]) == {"note", "source_url"}
    assert snapshot(data_dir) == before


def test_indicator_upload_changes_and_adds_figures_and_a_rebuild_keeps_them(data_dir):
    """A corrected population and a new year's figure go to raw/updates and into the built table."""
    content = (b"area_code;year;indicator;value;source\n"
               b"905;2023;population;67 001;statfi_population_11re\n"
               b"905;2026;population;67 500;statfi_population_11re\n")
    plan = upload_plan.plan(check("indicators", "vaesto.csv", content, Context.load(data_dir)), data_dir)
    assert plan.counts == {"added": 1, "changed": 1, "removed": 0}
    assert plan.changed[["area_code", "column", "new"]].values.tolist() == [["905", "value", "67001"]]
    upload_history.apply(plan, data_dir, "test")
    rows = pd.read_parquet(data_dir / "indicators.parquet")
    vaasa = rows[(rows["area_code"] == "905") & (rows["indicator"] == "population")].set_index("year")["value"]
    assert (vaasa[2023], vaasa[2026]) == (67001.0, 67500.0)
    assert (data_dir / "raw" / "updates" / "indicators.csv").read_text() == (
        "area_code,year,indicator,value,source\n905,2023,population,67001,statfi_population_11re\n"
        "905,2026,population,67500,statfi_population_11re\n")
    built_equals_stored(data_dir)


def test_the_pages_own_download_uploads_back_without_changes(data_dir):
    """The Data page's Finnish CSV (';', decimal commas, BOM) is a valid upload that changes nothing."""
    for table in ("funding", "national_subsidy"):
        stored = pd.read_csv(data_dir / f"{table}.csv", dtype=str, keep_default_na=False)
        content = csv_bytes(stored, "fi")
        plan = upload_plan.plan(check(table, f"{table}.csv", content, Context.load(data_dir)), data_dir)
        assert plan.counts == {"added": 0, "changed": 0, "removed": 0}, table


def test_a_change_made_after_the_check_is_not_overwritten(data_dir):
    """Someone else saved between check and confirm: the stale plan is refused and nothing is written."""
    context = Context.load(data_dir)
    plan = upload_plan.plan(check("funding", "a.csv", semicolon_cp1252(), context), data_dir)
    raw = data_dir / "raw" / "sonet_botnia" / "funding.csv"
    raw.write_bytes(raw.read_bytes().replace(b"40120", b"40121"))
    before = snapshot(data_dir)
    with pytest.raises(Rejected) as refused:
        upload_history.apply(plan, data_dir, "late")
    assert refused.value.problems[0].key == "changed_meanwhile"
    after = snapshot(data_dir)
    assert after.pop("history/.lock") == b""
    assert after == before


def test_command_line_apply_history_and_restore(data_dir, tmp_path, capsys):
    """The same check and apply as a command; history lists the version; restore puts it back."""
    original = snapshot(data_dir)
    upload = tmp_path / "rahoitus.csv"
    upload.write_bytes(semicolon_cp1252())
    assert main(["apply", "funding", str(upload), "--data", str(data_dir), "--check"]) == 0
    assert "4 rows added" in capsys.readouterr().out and snapshot(data_dir) == original
    assert main(["apply", "funding", str(upload), "--data", str(data_dir), "--editor", "cli"]) == 0
    assert main(["apply", "funding", str(upload), "--data", str(data_dir), "--editor", "cli"]) == 0
    assert "Nothing to change." in capsys.readouterr().out
    entries = upload_history.history("funding", data_dir)
    assert len(entries) == 1
    assert main(["history", "funding", "--data", str(data_dir)]) == 0
    assert entries[0]["id"] in capsys.readouterr().out
    assert main(["restore", "funding", entries[0]["id"], "--data", str(data_dir), "--editor", "cli"]) == 0
    assert snapshot(data_dir)["funding.csv"] == original["funding.csv"]
    assert main(["apply", "indicators", str(upload), "--data", str(data_dir), "--replace"]) == 2


def test_a_hand_edited_updates_file_stops_the_build_at_its_row(tmp_path):
    """data/raw/updates/indicators.csv is checked by the build like every raw file: file, row and column named."""
    from ingest.errors import SourceError

    raw = copy_data(tmp_path / "data") / "raw"
    (raw / "updates").mkdir()
    (raw / "updates" / "indicators.csv").write_text(
        "area_code,year,indicator,value,source\n905,2023,population,67001,statfi_population_11re\n"
        "905,2024,population,67500,no_such_source\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        build_all(raw)
    assert (err.value.file, err.value.row, err.value.column) == ("indicators.csv", 3, "source")
