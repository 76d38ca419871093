"""The upload on the Data page (AppTest), on a temporary copy of data/ through SONET_DATA_DIR: editors only; a
good upload adds a year that then appears on the Funding page; a bad one shows its messages as plain text; restore.

The 2020 figures are SYNTHETIC TEST FIGURES written into the temporary copy only."""
import json

import pandas as pd
import pytest

from app_helpers import new_app
from conftest import ROOT
from datacopy import app_data_copy, snapshot
from ui import auth

GOOD = ("year;centre;source;amount_eur;source_ref\n"
        "2020;SB;state_general;230 000;SYNTHETIC TEST FIGURE\n"
        "2020;SB;state_nordic_task;22 125;SYNTHETIC TEST FIGURE\n"
        "2020;SB;municipal_basic_agreement;81 000;SYNTHETIC TEST FIGURE\n"
        "2020;SB;municipal_other;41 000;SYNTHETIC TEST FIGURE (tilinpäätös)\n").encode("cp1252")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of data/ that the app reads (and writes) instead of the committed one; caches cleared around it."""
    yield from app_data_copy(tmp_path / "data", monkeypatch)


def data_page(editor=True, lang="en"):
    """The Data page, logged in as an editor through a password hash in the test's secrets when `editor`."""
    secrets = {"editors": {"password_hash": auth.hash_password("correct horse battery")}} if editor else None
    at = new_app({"lang": lang}, "data", secrets, timeout=60)
    if editor:
        at.session_state[auth.SESSION_KEY] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at):
    """Everything the page says in markdown, captions, alerts and plain text."""
    parts = [e.value for kind in ("markdown", "caption", "text", "info", "success", "error", "warning")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def save_as_editor(at):
    """Name the editor and confirm the save shown, with no exception."""
    at.text_input(key="up-editor").input("Testi Toimittaja").run()
    at.button(key="up-confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_visitors_cannot_upload(data_dir):
    """Without editor rights there is no uploader, only the note that uploading is for editors."""
    at = data_page(editor=False)
    assert len(at.get("file_uploader")) == 0
    assert "Uploading new figures is for editors only." in texts(at)


def test_good_upload_adds_a_year_that_the_funding_page_shows(data_dir):
    """Upload, preview (4 rows added), name, save; the Funding page then opens on the new year 2020."""
    at = data_page()
    at.file_uploader(key="up-file-funding-0").upload("rahoitus 2020.csv", GOOD, "text/csv").run()
    assert not at.exception, [e.value for e in at.exception]
    assert {m.label: m.value for m in at.metric} == {"Rows added": "4", "Rows changed": "0", "Rows removed": "0"}
    assert ("Read as CSV: encoding Windows-1252, separator “;”, header on row 1, 4 data rows. The file is not valid "
            "UTF-8, so it was read as Windows-1252") in texts(at)
    at.button(key="up-confirm").click().run()
    assert "Enter your name to save." in texts(at)
    assert not (data_dir / "history").exists()
    save_as_editor(at)
    assert "Saved: 4 rows added, 0 changed, 0 removed." in texts(at)
    assert pd.read_csv(data_dir / "funding.csv")["year"].max() == 2020
    at.switch_page("app_pages/funding.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="_widget_year").value == 2020  # no year chosen: the latest funding year, now 2020
    shown = texts(at) + " ".join(df.value.to_string() for df in at.dataframe)
    assert "€230,000" in shown and "€374,125" in shown
    assert "The centre's funding for 2020 is not in the data." not in shown


def test_bad_upload_shows_messages_as_plain_text_and_changes_nothing(data_dir):
    """HTML in a cell is refused; the message (with the cell text) is in a table, never in markdown."""
    before = snapshot(data_dir)
    at = data_page(lang="fi")
    content = (ROOT / "tests" / "fixtures" / "bad_uploads" / "html_script.csv").read_bytes()
    at.file_uploader(key="up-file-funding-0").upload("html_script.csv", content, "text/csv").run()
    assert "Tiedostoa ei hyväksytty: 1 ongelma(a). Mitään ei muutettu." in texts(at)
    messages = at.dataframe[-1].value.iloc[:, 0].tolist()
    assert messages == ["html_script.csv, rivi 2, sarake ”source_ref”: Tekstissä on HTML-koodia tai skripti "
                        "(”<script>alert('x')</script>”); vain pelkkä teksti hyväksytään."]
    assert "<script" not in " ".join(str(m.value) for m in at.markdown)
    assert "up-confirm" not in [b.key for b in at.button]
    assert snapshot(data_dir) == before


def test_restore_from_the_page_brings_the_old_table_back(data_dir):
    """After an upload, the history lists the version before it; restoring it gives the original bytes."""
    original = (data_dir / "funding.csv").read_bytes()
    at = data_page()
    at.text_input(key="up-editor").input("Testi").run()
    at.file_uploader(key="up-file-funding-0").upload("f.csv", GOOD, "text/csv").run()
    at.button(key="up-confirm").click().run()
    assert (data_dir / "funding.csv").read_bytes() != original
    history = at.dataframe[-1].value
    assert history["Replaced by"].tolist() == ["Testi"] and history["Change"].tolist() == ["upload"]
    at.button(key="up-restore").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "The earlier version is back" in texts(at)
    assert (data_dir / "funding.csv").read_bytes() == original


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_without_an_editor_the_data_page_speaks_of_uploads_not_of_the_vote(data_dir, lang):
    """No editor configured: the Data page says an editor is needed to bring in figures, not to open a round."""
    from locales import translate

    at = data_page(editor=False, lang=lang)
    infos = [i.value for i in at.info]
    assert translate(lang, "editor.not_configured_upload") in infos
    assert translate(lang, "editor.not_configured") not in infos


def test_the_uploader_states_and_enforces_the_real_10_mb_limit(data_dir):
    """The file field's own limit is the checker's 10 MB, so its '... MB per file' is true."""
    from ingest.upload_read import MAX_BYTES

    at = data_page()
    (uploader,) = at.get("file_uploader")
    assert uploader.proto.max_upload_size_mb == MAX_BYTES // 2 ** 20 == 10



def save_upload(at, table, file_name, content):
    """From any page: open the Data page, upload `content` into `table` and save it as an editor."""
    at.switch_page("app_pages/data.py").run()
    at.selectbox(key="up-table").set_value(table).run()
    uploader = f"up-file-{table}-{at.session_state['_upload_round'] if '_upload_round' in at.session_state else 0}"
    at.file_uploader(key=uploader).upload(file_name, content.encode(), "text/csv").run()
    save_as_editor(at)
    assert "Saved:" in texts(at)


def chart_texts(at, index):
    """Every text and hover value drawn in the page's chart number `index`, decoded from its JSON."""
    spec = json.loads(at.get("plotly_chart")[index].proto.spec)
    return [str(v) for trace in spec["data"] for key in ("text", "customdata") for v in trace.get(key) or []]


def test_an_indicator_upload_reaches_a_profile_built_before_it(data_dir):
    """The profile's table and chart are built once per municipality and kept (ui.data.derived): a saved upload
    must reach a profile seen before it. Vaasa's 2017 unemployment rate (9.9 % in the data) is replaced by a
    SYNTHETIC TEST FIGURE, 42.4 %."""
    at = data_page()
    at.switch_page("app_pages/profile.py").run()
    at.selectbox(key="_widget_area").set_value("905").run()

    def vaasa_unemployment():
        table = at.dataframe[0].value.set_index("Indicator")
        return table.loc["Unemployment rate (share of the labour force)", "Vaasa"]

    assert vaasa_unemployment() == "9.9%"
    save_upload(at, "indicators", "vaasa.csv", "area_code,year,indicator,value,source\n"
                "905,2017,unemployment_rate,42.4,statfi_key_figures_2019\n")
    at.switch_page("app_pages/profile.py").run()
    assert vaasa_unemployment() == "42.4%"
    assert "42.4%" in chart_texts(at, 0)


def test_uploads_reach_the_funding_figures_built_before_them(data_dir):
    """The national subsidy's chart and the centre's funding mix are built once per language and year and kept:
    uploads must reach them. SYNTHETIC TEST FIGURES: 2022 final accounts of 3 100 000 €, SONet BOTNIA's other
    municipal money of 2019 as 50 000 € (40 120 € in the data)."""
    at = data_page()
    at.switch_page("app_pages/funding.py").run()
    at.sidebar.selectbox(key="_widget_year").set_value(2019).run()
    assert "€3,100,000" not in chart_texts(at, 0)
    assert "€40,120" in at.dataframe[0].value.to_string()
    save_upload(at, "national_subsidy", "budjetti.csv", "year,amount_eur,figure_type,source_url,note\n"
                "2022,3100000,final_accounts,https://budjetti.vm.fi/,SYNTHETIC TEST FIGURE\n")
    save_upload(at, "funding", "rahoitus.csv", "year,centre,source,amount_eur,source_ref\n"
                "2019,SB,municipal_other,50000,SYNTHETIC TEST FIGURE\n")
    at.switch_page("app_pages/funding.py").run()
    assert "€3,100,000" in chart_texts(at, 0)
    shown = at.dataframe[0].value.to_string()
    assert "€50,000" in shown and "€40,120" not in shown
