"""`python -m bench.votes`: the meeting vote's costs on synthetic ballots (generated here, in a throw-away file).

Prints: commit latency of one ballot (sequential, median and p95), the wall time for 50 ballots sent at once from
50 threads, the time to tally 50 and 500 ballots (Borda, Kendall's W, ratings), and the Priorities page's rerun
time (AppTest) with an open round of 50 ballots: an upper bound of what the live results' 2-second refresh costs.
Then the burst (bench/burst.py): 100 phones send within 2 s to a running server through the ballot page, on the
DuckDB file and on PostgreSQL (a throw-away cluster, bench/pgcluster.py), and on two servers sharing one
PostgreSQL; with the shared screens' lag behind the ballots.
Last, the phone page's transfer size and time to interactive on Fast 3G (bench/phone_page.py).
`--burst-only` skips the in-process figures and the phone page; `--backend duckdb|postgresql` runs the bursts of one
backend; `--runs N` repeats each burst; `--clients N` changes the 100; `--profile DIR` records each burst's server
with py-spy (wall clock, idle threads included; collapsed stacks, `py-spy record --format raw`) into DIR and prints
where the ballot requests' time went.
"""
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["SONET_VOTES_DB"] = str(Path(tempfile.mkdtemp(prefix="bench-votes-")) / "votes.duckdb")

from calc import ballot, vote_tally  # noqa: E402
from queries import vote_store  # noqa: E402

SEQUENTIAL, THREADS, RERUNS, WARM_UP = 300, 50, 20, 3


def synthetic_ballot(rng):
    """A random top 5 with random ratings (synthetic, for timing only)."""
    areas = rng.sample(list(ballot.AREAS), 5)
    return areas, [rng.randint(1, 5) for _ in areas], [rng.randint(1, 5) for _ in areas]


def ms(values):
    """Median and p95 of seconds, in milliseconds."""
    ordered = sorted(values)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"median {statistics.median(ordered) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"


def issued(store, code):
    """A token the store issued to a client of its own (each synthetic ballot comes from another phone)."""
    return store.issue_token(code, (ballot.new_token(), ballot.new_token()))


def sequential(store, rng):
    """One ballot after another, each timed from call to acknowledgement (after COMMIT)."""
    code = store.open_round("bench sequential")
    times = []
    for _ in range(SEQUENTIAL):
        areas, imp, fea = synthetic_ballot(rng)
        start = time.perf_counter()
        store.submit(code, issued(store, code), areas, imp, fea)
        times.append(time.perf_counter() - start)
    return code, times


def burst(store, rng):
    """50 threads released together; the wall time until the last one is acknowledged."""
    code = store.open_round("bench burst")
    ballots = [synthetic_ballot(rng) for _ in range(THREADS)]
    gate = threading.Barrier(THREADS + 1)

    def vote(i):
        gate.wait()
        store.submit(code, issued(store, code), *ballots[i])

    threads = [threading.Thread(target=vote, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    gate.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return code, time.perf_counter() - start


def tally_time(store, code, n):
    """Median time of reading a round's ballots and computing its summary."""
    times = []
    for _ in range(20):
        start = time.perf_counter()
        ballots = store.ballots(code)[:n]
        vote_tally.summary(ballots)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page_reruns(code):
    """Rerun times of the Priorities page showing an open round's live results."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = "fi"
    at.run()
    at.switch_page("app_pages/priorities.py").run()
    at.session_state["shown_round"] = code
    times = []
    for i in range(RERUNS + WARM_UP):
        start = time.perf_counter()
        at.run()
        if i >= WARM_UP:
            times.append(time.perf_counter() - start)
    assert not at.exception, [e.value for e in at.exception]
    return times


def start_servers(count, target):
    """`count` dashboard servers on one store target (their own ports); returns [(process, url)]."""
    from bench.measure import start_server

    held = os.environ.get("SONET_VOTES_STORE")
    os.environ["SONET_VOTES_STORE"] = str(target)
    os.environ.setdefault("SONET_TOKENS_PER_MINUTE", "100000")  # every phone of the burst comes from 127.0.0.1
    try:
        return [start_server(ROOT / "data")[:2] for _ in range(count)]
    finally:
        os.environ.pop("SONET_VOTES_STORE")
        if held is not None:
            os.environ["SONET_VOTES_STORE"] = held


def profiler(pid, seconds, out):
    """py-spy recording a server process for `seconds` (wall clock, idle threads included), or None without py-spy."""
    import shutil
    import subprocess

    if out is None or shutil.which("py-spy") is None:
        return None
    return subprocess.Popen(["py-spy", "record", "-p", str(pid), "-d", str(seconds), "-r", "100", "-f", "raw",
                             "--idle", "--nonblocking", "-o", str(out)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def where_time_went(raw, top=12):
    """The frames the ballot requests' threads spent their samples in (a frame counts once per stack), as lines
    'share frame', from py-spy's collapsed stacks."""
    from collections import Counter

    frames, total = Counter(), 0
    for line in Path(raw).read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        names = stack.split(";")
        if not any("ballot_page" in name for name in names):
            continue
        total += int(count)
        for name in set(names[names.index(next(n for n in names if "ballot_page" in n)):]):
            frames[name] += int(count)
    return [f"    {count / total:5.1%} {name}" for name, count in frames.most_common(top)] if total else []


def one_burst(target, servers, clients, profile_dir):
    """Open a round on `target`, start the servers, run the burst, stop them; the figures as one line (and where
    the time went, with a profile)."""
    from bench import burst as phones

    code = vote_store.store(target).open_round("bench burst")
    vote_store.forget(target)
    running = start_servers(servers, target)
    recorders = []
    name = f"{'postgresql' if str(target).startswith('postgres') else 'duckdb'}-{servers}x"

    def on_start():
        if profile_dir is not None:
            recorders.extend(profiler(proc.pid, 15, Path(profile_dir) / f"{name}.raw") for proc, _ in running[:1])

    try:
        result = phones.burst([url for _, url in running], code, clients, on_start=on_start)
    finally:
        for proc, _ in running:
            proc.terminate()
            proc.wait(timeout=30)
        for recorder in recorders:
            if recorder is not None:
                recorder.wait(timeout=60)
    stored = vote_store.store(target).round(code)["ballots"]
    vote_store.forget(target)
    lines = [f"{name}: {phones.describe(result, stored)}"]
    if recorders and recorders[0] is not None:
        lines += [f"  where the ballot requests' time went ({name}.raw):", *where_time_went(recorders[0].args[-1])]
    return "\n".join(lines)


def bursts(clients, profile_dir, backends, runs):
    """The burst on each backend, and on two servers sharing PostgreSQL; each `runs` times."""
    from bench.pgcluster import Cluster, available

    if profile_dir is not None:
        Path(profile_dir).mkdir(parents=True, exist_ok=True)
    if "duckdb" in backends:
        for _ in range(runs):
            duck = Path(tempfile.mkdtemp(prefix="bench-burst-")) / "votes.duckdb"
            print(one_burst(duck, 1, clients, profile_dir), flush=True)
    if "postgresql" not in backends:
        return
    if not available():
        print("PostgreSQL bursts skipped: no initdb/pg_ctl (apt-get install -y postgresql)")
        return
    cluster = Cluster().start()
    try:
        for servers in (1, 2):
            for _ in range(runs):
                print(one_burst(cluster.new_schema(), servers, clients, profile_dir), flush=True)
    finally:
        cluster.stop()


def phone_page_figures():
    """What a phone downloads and waits for on Fast 3G: the ballot page, and through an old /vote link."""
    from bench.phone_page import FAST_3G, phone_pages

    target = Path(tempfile.mkdtemp(prefix="bench-phone-")) / "votes.duckdb"
    code = vote_store.store(target).open_round("bench phone page")
    vote_store.forget(target)
    (proc, url), = start_servers(1, target)
    try:
        figures = phone_pages(url, code)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print(f"phone page, Chromium at 360 px on Fast 3G ({FAST_3G['latency']} ms, "
          f"{FAST_3G['downloadThroughput'] * 8 / 1e6:.2f} Mbit/s down), empty cache, median of 3:")
    for name, (size, seconds) in figures.items():
        print(f"  {name}: {size / 1024:.0f} KiB transferred, send button usable after {seconds:.2f} s")


def in_process():
    """The store's and the tally's own costs, and the Priorities page's rerun."""
    rng = random.Random(2019)
    store = vote_store.store()
    big, seq = sequential(store, rng)
    print(f"ballot acknowledged (sequential, {SEQUENTIAL}): {ms(seq)}")
    code, wall = burst(store, rng)
    print(f"{THREADS} ballots at once: {wall * 1000:.1f} ms until all acknowledged; stored "
          f"{store.round(code)['ballots']}")
    print(f"tally of 50 ballots: {tally_time(store, code, 50) * 1000:.2f} ms; "
          f"of {SEQUENTIAL}: {tally_time(store, big, SEQUENTIAL) * 1000:.2f} ms")
    for vote_round in store.rounds():
        if vote_round["code"] != code:
            store.close_round(vote_round["code"])
    print(f"Priorities page rerun, open round of {THREADS} ballots ({RERUNS} runs): {ms(page_reruns(code))}")
    vote_store.forget()


def main():
    """Print the measurements."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.votes")
    parser.add_argument("--burst-only", action="store_true")
    parser.add_argument("--backend", choices=("duckdb", "postgresql"), action="append")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--profile", default=None)
    args = parser.parse_args()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average (1, 5, 15 min) {load} at the start")
    if not args.burst_only:
        in_process()
    print(f"burst: {args.clients} phones with the ballot page open, each sends one ballot (HTTP POST) within 2 s")
    bursts(args.clients, args.profile, args.backend or ("duckdb", "postgresql"), args.runs)
    if not args.burst_only:
        phone_page_figures()


if __name__ == "__main__":
    main()
