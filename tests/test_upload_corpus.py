"""The corpus of bad files: each is refused with its message naming file, row and column, in every language, and
the stored tables stay byte for byte as they were (checked through `python -m ingest apply`)."""

import pytest

from bad_uploads import CASES, CORPUS
from conftest import ROOT
from datacopy import copy_data, snapshot
from ingest.__main__ import main
from ingest.problems import Rejected
from ingest.upload_check import Context, check
from ingest.upload_read import MAX_BYTES
from locales import translate

WHERE = {"fi": ("rivi", "sarake"), "sv": ("rad", "kolumn"), "en": ("row", "column")}


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory):
    """One copy of data/ for the whole corpus; every case must leave it as it is."""
    return copy_data(tmp_path_factory.mktemp("corpus") / "data")


def test_corpus_is_large_enough():
    """At least 20 bad files, each stored under tests/ and listed once."""
    files = {c["file"] for c in CASES}
    assert len(files) == len(CASES) >= 20
    assert all((CORPUS / f).is_file() for f in files)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_file_is_refused_and_nothing_changes(case, data_copy, capsys):
    """The command refuses the file with the expected message (exit 2) and the data folder is unchanged."""
    path = CORPUS / case["file"]
    before = snapshot(data_copy)
    status = main(["apply", case["table"], str(path), "--data", str(data_copy), "--editor", "test"])
    err = capsys.readouterr().err
    assert status == 2
    assert case["english"] in err
    assert "Nothing was changed." in err
    assert snapshot(data_copy) == before


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_message_names_file_row_and_column_in_every_language(case, data_copy):
    """The checker reports the problem at its row and column; fi, sv and en messages name all three."""
    path = CORPUS / case["file"]
    with pytest.raises(Rejected) as refused:
        check(case["table"], path.name, path.read_bytes(), Context.load(data_copy))
    found = [p for p in refused.value.problems if p.key == case["key"]]
    assert found, [(p.key, p.row, p.column) for p in refused.value.problems]
    problem = found[0]
    assert (problem.row, problem.column) == (int(case["row"]) if case["row"] else None, case["column"] or None)
    for lang, (row_word, column_word) in WHERE.items():
        text = problem.text(translate, lang)
        assert text.startswith(f"{path.name}")
        if case["row"]:
            assert f"{row_word} {case['row']}" in text
        if case["column"]:
            assert f"{column_word} ”{case['column']}”" in text or f"{column_word} “{case['column']}”" in text
    assert case["english"] in problem.text(translate, "en")


def test_a_100_mb_file_is_refused_before_it_is_read(tmp_path, data_copy, capsys):
    """A 100 MB file (sparse, so the test writes nothing much) gets the size message; nothing changes."""
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as handle:
        handle.truncate(100 * 2 ** 20)
    before = snapshot(data_copy)
    assert main(["apply", "funding", str(huge), "--data", str(data_copy), "--lang", "fi"]) == 2
    assert "huge.csv: Tiedosto on 100.0 Mt; enintään 10 Mt hyväksytään." in capsys.readouterr().err
    assert snapshot(data_copy) == before


def test_size_limit_applies_to_uploaded_bytes_too(data_copy):
    """The app passes bytes: one byte over the limit is refused with the same message."""
    content = b"year;centre;source;amount_eur;source_ref\n" + b"x" * MAX_BYTES
    with pytest.raises(Rejected) as refused:
        check("funding", "big.csv", content, Context.load(data_copy))
    assert [p.key for p in refused.value.problems] == ["too_large"]


def test_server_upload_limit_is_configured():
    """Streamlit's own limit is set, above ours, so files up to it get our localised message."""
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 2 ** 20 > MAX_BYTES


def test_many_problems_are_reported_at_once(data_copy):
    """A file with several faults lists each, ordered by row."""
    content = (b"year;centre;source;amount_eur;source_ref\n"
               b"2019;SB;lottery;-5;<b>x</b>\n"
               b"2019;XX;state_general;abc;ok\n")
    with pytest.raises(Rejected) as refused:
        check("funding", "many.csv", content, Context.load(data_copy))
    found = [(p.row, p.column, p.key) for p in refused.value.problems]
    assert found == [(2, "source", "unknown_source_category"), (2, "amount_eur", "negative"),
                     (2, "source_ref", "html"), (3, "amount_eur", "not_number")]
