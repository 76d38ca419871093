"""App servers and the ballot store: two servers on one PostgreSQL (the README's "several servers" set-up) show the
ballots sent to either on both shared screens; a server killed with SIGKILL in the middle of a burst loses no
acknowledged ballot, on either backend."""
import asyncio
import os
import signal
import subprocess
import sys

import httpx
import pytest

from bench.stclient import StreamlitClient
from conftest import ROOT, _free_port, _stop, _wait_healthy
from locales import translate
from queries import vote_store
from queries.vote_store import DuckDBStore, StoreBusy
from vote_helpers import phones_until_acknowledged


def start_server(log):
    """A dashboard server in its own process on a free port, its store from the environment; (process, url)."""
    port = _free_port()
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false"], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(proc, url, log)
    return proc, url


@pytest.fixture
def two_servers(pg_cluster, tmp_path, monkeypatch):
    """Two dashboard servers, each its own process and port, with SONET_VOTES_STORE naming one PostgreSQL schema."""
    target = pg_cluster.new_schema()
    monkeypatch.setenv("SONET_VOTES_STORE", target)
    procs, urls = [], []
    try:
        for i in range(2):
            proc, url = start_server(tmp_path / f"server{i}.log")
            procs.append(proc)
            urls.append(url)
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


def areas_of(phone, n):
    """A varied, valid top 5 for ballot n of a phone (synthetic test ballots)."""
    return [(phone + n + step * 3) % 11 + 1 for step in range(5)]


def phone_burst(url, code, phone, acked, stop):
    """One phone after another from this thread: open the ballot page, send; a ballot counts as acknowledged only
    when the receipt came back. Ends when the server stops answering."""
    n = 0
    while not stop.is_set():
        areas = areas_of(phone, n)
        try:
            with httpx.Client(base_url=url, timeout=30) as client:
                token = client.get("/ballot", params={"round": code}).headers["x-voter"]
                answer = client.post("/ballot", data={"round": code, "voter": token,
                                                      **{f"place{p}": str(a) for p, a in enumerate(areas, 1)}})
        except httpx.TransportError:
            return
        if answer.headers.get("x-ballot") == "stored":
            acked[token] = areas
        n += 1


def test_every_acknowledged_ballot_survives_a_server_killed_in_a_burst(vote_target, tmp_path, monkeypatch):
    """Eight phones keep sending to a running app server; after 40 receipts the server gets SIGKILL (no shutdown
    code runs). Restarted on the same store, its shared screen counts every ballot stored, and each acknowledged
    ballot is there as it was sent. With DuckDB the server holds the file meanwhile (a second process is refused);
    with PostgreSQL the database outlives the server."""
    code = vote_store.store(vote_target).open_round("Crash test")
    vote_store.forget(vote_target)
    monkeypatch.setenv("SONET_VOTES_STORE", str(vote_target))
    monkeypatch.setenv("SONET_TOKENS_PER_MINUTE", "100000")  # every phone here comes from 127.0.0.1
    proc, url = start_server(tmp_path / "killed.log")
    acked = {}
    with phones_until_acknowledged(lambda i, stop: phone_burst(url, code, i, acked, stop), acked, proc,
                                   lambda: _stop(proc)):
        if not str(vote_target).startswith("postgres"):
            with pytest.raises(StoreBusy):
                DuckDBStore(vote_target)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    restarted, again = start_server(tmp_path / "restarted.log")
    try:
        shown = asyncio.run(screen_count(again))
        late = vote_through(again, code, 1, 5)
    finally:
        _stop(restarted)
    stored = {b["token"]: b["areas"] for b in vote_store.store(vote_target).ballots(code)}
    vote_store.forget(vote_target)
    lost = [token for token, areas in acked.items() if stored.get(token) != areas]
    assert not lost, f"{len(lost)} of {len(acked)} acknowledged ballots lost, e.g. {lost[:3]}"
    assert shown == [len(stored) - 1] and stored[late[0][0]] == late[0][1]
