"""Two app servers on one PostgreSQL (the README's "several servers" set-up): ballots sent to either server appear on
both servers' shared screens, counted once each."""
import asyncio
import subprocess
import sys

import httpx
import pytest

from bench.stclient import StreamlitClient
from conftest import ROOT, _free_port, _stop, _wait_healthy
from locales import translate
from queries import vote_store


@pytest.fixture
def two_servers(pg_cluster, tmp_path, monkeypatch):
    """Two dashboard servers, each its own process and port, with SONET_VOTES_STORE naming one PostgreSQL schema."""
    target = pg_cluster.new_schema()
    monkeypatch.setenv("SONET_VOTES_STORE", target)
    procs, urls = [], []
    try:
        for i in range(2):
            port = _free_port()
            log = tmp_path / f"server{i}.log"
            with log.open("wb") as out:
                procs.append(subprocess.Popen(
                    [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
                     "--server.port", str(port), "--server.address", "127.0.0.1",
                     "--browser.gatherUsageStats", "false"], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT))
            urls.append(f"http://127.0.0.1:{port}")
            _wait_healthy(procs[-1], urls[-1], log)
        yield target, urls
    finally:
        for proc in procs:
            _stop(proc)
        vote_store.forget(target)


def vote_through(url, code, n, first):
    """n phones vote on one server's light ballot page, each with the top 5 starting at area `first + i`."""
    tokens = []
    for i in range(n):
        with httpx.Client(base_url=url, timeout=60) as phone:
            token = phone.get("/ballot", params={"round": code}).headers["x-voter"]
            areas = [(first + i + step) % 11 + 1 for step in range(5)]
            answer = phone.post("/ballot", data={"round": code, "voter": token,
                                                 **{f"place{p}": str(a) for p, a in enumerate(areas, 1)}})
            assert answer.headers["x-ballot"] == "stored"
            tokens.append((token, areas))
    return tokens


async def screen_count(url):
    """The ballot count the Priorities page (the shared screen) shows for the open round."""
    screen = StreamlitClient(url, "priorities", "lang=fi")
    await screen.connect()
    try:
        run = await screen.rerun()
        label = translate("fi", "vote.ballots")
        return [int(m.body) for m in run.of_type("metric") if m.label == label]
    finally:
        await screen.close()


def test_ballots_sent_to_either_server_appear_on_both_screens(two_servers):
    """7 ballots through server A and 5 through server B: both screens show 12, and the store holds each as sent."""
    target, (first, second) = two_servers
    code = vote_store.store(target).open_round("Seminaari")
    sent = vote_through(first, code, 7, 0) + vote_through(second, code, 5, 3)
    assert asyncio.run(screen_count(first)) == [12] and asyncio.run(screen_count(second)) == [12]
    stored = {b["token"]: b["areas"] for b in vote_store.store(target).ballots(code)}
    assert stored == dict(sent)
    resend = httpx.post(f"{second}/ballot", data={"round": code, "voter": sent[0][0], "place1": "11"})
    assert resend.headers["x-ballot"] == "stored" and vote_store.store(target).ballot(code, sent[0][0])["revision"] == 2
    assert asyncio.run(screen_count(first)) == [12]
