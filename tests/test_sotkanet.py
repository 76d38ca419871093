"""The Sotkanet client, offline: recorded answers (tests/fixtures/sotkanet) and answers these tests write in the same
shape are served from a local HTTP server on 127.0.0.1. Errors: HTTP 403/500, timeouts, malformed JSON, unknown
region ids, no connection at all. Every failure leaves the data folder exactly as it was.

The metadata for indicator 171 below is a TEST-WRITTEN answer (the recorded metadata of indicator 186 with its id
and titles replaced); its titles say so. The 171 figures are the recorded ones."""
import copy
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest

from conftest import DATA, ROOT
from datacopy import copy_data, snapshot
from ingest import sotkanet, upload_history
from ingest.__main__ import main
from ingest.build import build_all

FIXTURES = ROOT / "tests" / "fixtures" / "sotkanet"
REGIONS = json.loads((FIXTURES / "omsorgsradar_sotkanet_regions_fixture.json").read_text(encoding="utf-8"))
ROWS_171 = json.loads((FIXTURES / "omsorgsradar_sotkanet_json_171_fixture.json").read_text(encoding="utf-8"))
RECORDED_META = json.loads((FIXTURES / "hus-sotkanet_indicators_metadata.json").read_text(encoding="utf-8"))
PREFIX = "/rest/1.1"


def meta_171():
    """Test-written /indicators/171 in the recorded shape (THL as producer), titles marked as test titles."""
    meta = copy.deepcopy(RECORDED_META["indicators"]["5051"])
    meta["id"] = 171
    meta["title"] = {"fi": "TESTI-indikaattori 171", "sv": "TEST-indikator 171", "en": "TEST indicator 171"}
    meta["primaryValueType"] = {"code": "PROS", "title": {"fi": "Prosenttia", "sv": "Procent", "en": "Percent"}}
    return meta


class Sotkanet:
    """A local stand-in for sotkanet.fi: each path answers from a list (the last answer repeats)."""

    def __init__(self):
        self.routes = {}
        self.seen = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server API
                url = urlparse(self.path)
                server.seen.append({"path": url.path, "query": parse_qs(url.query),
                                    "agent": self.headers.get("User-Agent"), "at": time.monotonic()})
                answers = server.routes.get(url.path, [(404, b"not found", 0)])
                status, body, delay = answers.pop(0) if len(answers) > 1 else answers[0]
                time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{PREFIX}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def answer(self, path, *answers):
        """Set the answers of a path: (status, JSON-able or bytes, delay seconds)."""
        self.routes[PREFIX + path] = [(s, b if isinstance(b, bytes) else json.dumps(b).encode("utf-8"), d)
                                      for s, b, d in answers]

    def recorded(self, rows=None):
        """Regions, metadata of 171 and its figures (recorded, plus any extra rows)."""
        self.answer("/regions", (200, REGIONS, 0))
        self.answer("/indicators/171", (200, meta_171(), 0))
        self.answer("/json", (200, ROWS_171 + (rows or []), 0))

    def hits(self, path):
        """How many requests reached a path."""
        return sum(1 for s in self.seen if s["path"] == PREFIX + path)


@pytest.fixture
def server():
    """A fresh local Sotkanet per test."""
    fake = Sotkanet()
    yield fake
    fake.httpd.shutdown()
    fake.httpd.server_close()


@pytest.fixture
def data_dir(tmp_path):
    """A writable copy of data/."""
    return copy_data(tmp_path / "data")


def run(server_url, data_dir, *extra):
    """`python -m ingest sotkanet` for 171 in 2019 and 2023 against the local server, fast pace and backoff."""
    return main(["sotkanet", "--indicators", "171", "--years", "2019,2023", "--base-url", server_url,
                 "--data", str(data_dir), "--pause", "0", "--backoff", "0.01", "--editor", "test", *extra])


def test_recorded_metadata_maps_to_our_description_and_attribution():
    """Titles in three languages, unit, decimals, producer and update date from a recorded /indicators answer."""
    meta = RECORDED_META["indicators"]["186"]
    described = sotkanet.describe(meta)
    assert described["name_sv"] == "Dödlighet / 100 000 invånare"
    assert (described["indicator"], described["unit"], described["decimals"]) == ("sotkanet_186", "per_100000", "1")
    assert described["aggregation"] == "as_published" and described["better"] == "neutral"
    source = sotkanet.attribution(meta)
    assert source["source_id"] == "thl_sotkanet_186"
    assert source["title_fi"] == "Sotkanet-indikaattori 186, tiedontuottaja: Tilastokeskus, päivitetty 2025-04-29"
    assert source["producer"] == "Tilastokeskus / Statistics Finland" and source["licence"] == "CC BY 4.0"


def test_region_ids_map_to_our_area_codes():
    """KUNTA codes to municipalities, MAAKUNTA codes to regions, the country to SSS; others are not ours."""
    areas = pd.read_csv(DATA / "areas.csv", dtype=str, keep_default_na=False)
    extra = [{"id": 1, "code": "SSS", "category": "MAA", "title": {"fi": "Koko maa"}},
             {"id": 958, "code": "16", "category": "HYVINVOINTIALUE", "title": {"fi": "Etelä-Pohjanmaan HVA"}}]
    mapping = sotkanet.area_codes(REGIONS + extra, areas)
    assert mapping == {20: "049", 46: "091", 261: "564", 378: "837", 389: "853", 488: "01", 489: "02", 1: "SSS"}


def test_merge_of_recorded_answers(server, data_dir, capsys):
    """The 10 recorded rows (plus a maakunta row and one for an unknown region id) are merged with attribution;
    a full rebuild keeps them; answers are cached; the request had a proper User-Agent."""
    server.recorded([{"indicator": 171, "region": 488, "year": 2023, "gender": "total", "value": 8.1},
                     {"indicator": 171, "region": 99999, "year": 2023, "gender": "total", "value": 1.0},
                     {"indicator": 171, "region": 46, "year": 2023, "gender": "male", "value": 9.0},
                     {"indicator": 171, "region": 20, "year": 2019, "gender": "total", "value": None}])
    server.routes[PREFIX + "/json"][0] = (200, json.dumps(
        [r for r in json.loads(server.routes[PREFIX + "/json"][0][1]) if not (r["region"] == 20 and r["year"] == 2019
                                                                               and r["value"] is not None)]
    ).encode(), 0)
    assert run(server.url, data_dir) == 0
    out = capsys.readouterr().out
    assert "10 figures for our areas" in out
    assert "1 unknown region" in out and "1 no value" in out and "1 other gender" in out
    rows = pd.read_parquet(data_dir / "indicators.parquet")
    merged = rows[rows["indicator"] == "sotkanet_171"].set_index(["area_code", "year"])["value"]
    assert len(merged) == 10
    assert (merged[("091", 2019)], merged[("853", 2023)], merged[("01", 2023)]) == (7.4, 10.5, 8.1)
    assert set(rows.loc[rows["indicator"] == "sotkanet_171", "source"]) == {"thl_sotkanet;thl_sotkanet_171"}
    meta = pd.read_csv(data_dir / "indicator_meta.csv", dtype=str).set_index("indicator").loc["sotkanet_171"]
    assert (meta["name_en"], meta["unit"], meta["licence"]) == ("TEST indicator 171", "pct", "CC BY 4.0")
    sources = pd.read_csv(data_dir / "sources.csv", dtype=str).set_index("source_id")
    assert sources.loc["thl_sotkanet_171", "producer"].startswith("Terveyden ja hyvinvoinnin laitos (THL)")
    assert sources.loc["thl_sotkanet", "url"] == "https://sotkanet.fi"
    for rel, content in build_all(data_dir / "raw").items():
        if not rel.endswith(".parquet"):
            assert (data_dir / rel).read_bytes() == content, rel
    assert sorted(p.name for p in (data_dir / "raw" / "sotkanet").iterdir()) == [
        "indicator_171.json", "json_171_2019-2023_2y.json", "regions.json"]
    assert {s["agent"] for s in server.seen} == {sotkanet.USER_AGENT}
    query = [s["query"] for s in server.seen if s["path"].endswith("/json")][0]
    assert query == {"indicator": ["171"], "years": ["2019", "2023"], "genders": ["total"]}
    assert upload_history.history("indicators", data_dir)[0]["action"] == "sotkanet"


def test_cached_answers_are_not_asked_for_again(server, data_dir):
    """A second run reads the cache: Sotkanet is not asked at all, even though it now fails."""
    server.recorded()
    assert run(server.url, data_dir, "--check") == 0
    asked = len(server.seen)
    server.answer("/regions", (500, b"down", 0))
    assert run(server.url, data_dir, "--check") == 0
    assert len(server.seen) == asked == 3


def failing(server, data_dir, capsys, *extra):
    """Run against a failing server: the exit status and the messages; the data folder must be unchanged."""
    before = snapshot(data_dir)
    status = run(server.url if hasattr(server, "url") else server, data_dir, *extra)
    err = capsys.readouterr().err
    assert "Nothing was changed." in err
    assert snapshot(data_dir) == before
    return status, err


def test_http_403_is_not_retried_and_names_the_user_agent(server, data_dir, capsys):
    """403 is Sotkanet's answer to a missing User-Agent: said plainly, asked once."""
    server.answer("/regions", (403, b"Forbidden", 0))
    status, err = failing(server, data_dir, capsys)
    assert status == 4 and "HTTP 403" in err and "User-Agent" in err
    assert server.hits("/regions") == 1


def test_http_500_is_retried_with_backoff(server, data_dir, capsys):
    """One 500, then the answer: the run succeeds after a retry."""
    server.recorded()
    server.answer("/regions", (500, b"busy", 0), (200, REGIONS, 0))
    assert run(server.url, data_dir, "--check") == 0
    assert server.hits("/regions") == 2


def test_http_500_every_time_gives_up_after_three_tries(server, data_dir, capsys):
    """Three 500s: the run stops with the status named, and nothing changes."""
    server.answer("/regions", (500, b"busy", 0))
    status, err = failing(server, data_dir, capsys)
    assert status == 4 and "HTTP 500" in err
    assert server.hits("/regions") == 3


def test_timeout_says_it_cannot_reach_sotkanet(server, data_dir, capsys):
    """An answer slower than the timeout, three times: reported as unreachable."""
    server.answer("/regions", (200, REGIONS, 1.0))
    status, err = failing(server, data_dir, capsys, "--timeout", "0.2")
    assert status == 3 and "did not answer within 0.2 s" in err and "cannot reach Sotkanet" in err


def test_malformed_json_is_refused(server, data_dir, capsys):
    """An HTML error page instead of JSON."""
    server.recorded()
    server.answer("/json", (200, b"<html><body>Service unavailable</body></html>", 0))
    status, err = failing(server, data_dir, capsys)
    assert status == 4 and "did not answer with JSON" in err


def test_unexpected_shape_is_refused(server, data_dir, capsys):
    """JSON, but not the documented list of regions."""
    server.answer("/regions", (200, {"error": "no such thing"}, 0))
    status, err = failing(server, data_dir, capsys)
    assert status == 4 and "unexpected answer from Sotkanet" in err


def test_only_unknown_region_ids_merge_nothing(server, data_dir, capsys):
    """Figures whose region ids are not in /regions are left out; with none left, nothing is merged."""
    server.recorded()
    server.answer("/json", (200, [dict(r, region=r["region"] + 100000) for r in ROWS_171], 0))
    before = snapshot(data_dir)
    assert run(server.url, data_dir) == 2
    captured = capsys.readouterr()
    assert "10 unknown region" in captured.out and "no figures for our areas" in captured.err
    assert snapshot(data_dir) == before


def test_no_connection_at_all(data_dir, capsys):
    """Nothing listens on the port (as on this machine, which has no internet): said plainly, nothing changes."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    status, err = failing(f"http://127.0.0.1:{port}/rest/1.1", data_dir, capsys)
    assert status == 3 and "cannot connect" in err and "cannot reach Sotkanet" in err
    assert not (data_dir / "raw" / "sotkanet").exists()


def test_requests_are_paced():
    """At least `pause` seconds between two requests (a fake clock shows the waits asked for)."""
    waits, now = [], [100.0]
    client = sotkanet.Client(pause=1.0, sleep=lambda s: (waits.append(s), now.__setitem__(0, now[0] + s)),
                             clock=lambda: now[0])
    client._wait_turn()
    now[0] += 0.25
    client._wait_turn()
    client._wait_turn()
    assert waits == [0.75, 1.0]


def test_indicator_names_and_unknown_ids():
    """Starter names resolve to ids; the ones no source ties to an id are said to be unknown."""
    ids, unknown = sotkanet.parse_ids("social_assistance,low_income,morbidity,child_protection,aged_75,186")
    assert ids == [493, 3099, 244, 186]
    assert len(unknown) == 2 and all("is not known" in u for u in unknown)
    assert sotkanet.parse_years("2015-2017,2019", 2026) == [2015, 2016, 2017, 2019]
    with pytest.raises(ValueError):
        sotkanet.parse_years("2030", 2026)


def test_attribution_in_the_app_after_a_merge(server, data_dir, monkeypatch):
    """The disparity page shows the merged indicator with THL, Sotkanet.fi and the producer under the chart."""
    import streamlit as st

    from app_helpers import new_app

    server.recorded()
    assert run(server.url, data_dir) == 0
    monkeypatch.setenv("SONET_DATA_DIR", str(data_dir))
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = new_app({"lang": "fi", "indicator": "sotkanet_171", "scope": "SSS", "year": "2023"}, "disparity").run()
        assert not at.exception, [e.value for e in at.exception]
        captions = " ".join(c.value for c in at.caption)
        assert "THL, Sotkanet.fi – tilasto- ja indikaattoripankki (CC BY 4.0)" in captions
        assert "Sotkanet-indikaattori 171, tiedontuottaja: Terveyden ja hyvinvoinnin laitos (THL)" in captions
        assert "Kunkin alueen luku on lähteen oma (THL Sotkanet)" in captions
        assert not at.warning
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
