"""`python -m bench.votes`: the meeting vote's costs on synthetic ballots (generated here, in a throw-away file).

Prints: commit latency of one ballot (sequential, median and p95), the wall time for 50 ballots sent at once from
50 threads, the time to tally 50 and 500 ballots (Borda, Kendall's W, ratings), and the Priorities page's rerun
time (AppTest) with an open round of 50 ballots: an upper bound of what the live results' 3-second refresh costs.
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

from queries import vote_store, vote_tally  # noqa: E402

SEQUENTIAL, THREADS, RERUNS, WARM_UP = 300, 50, 20, 3


def synthetic_ballot(rng):
    """A random top 5 with random ratings (synthetic, for timing only)."""
    areas = rng.sample(list(vote_store.AREAS), 5)
    return areas, [rng.randint(1, 5) for _ in areas], [rng.randint(1, 5) for _ in areas]


def ms(values):
    """Median and p95 of seconds, in milliseconds."""
    ordered = sorted(values)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"median {statistics.median(ordered) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"


def sequential(store, rng):
    """One ballot after another, each timed from call to acknowledgement (after COMMIT)."""
    code = store.open_round("bench sequential")
    times = []
    for _ in range(SEQUENTIAL):
        areas, imp, fea = synthetic_ballot(rng)
        start = time.perf_counter()
        store.submit(code, vote_store.new_token(), areas, imp, fea)
        times.append(time.perf_counter() - start)
    return code, times


def burst(store, rng):
    """50 threads released together; the wall time until the last one is acknowledged."""
    code = store.open_round("bench burst")
    ballots = [synthetic_ballot(rng) for _ in range(THREADS)]
    gate = threading.Barrier(THREADS + 1)

    def vote(i):
        gate.wait()
        store.submit(code, vote_store.new_token(), *ballots[i])

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
    at.switch_page("pages/priorities.py").run()
    at.session_state["shown_round"] = code
    times = []
    for i in range(RERUNS + WARM_UP):
        start = time.perf_counter()
        at.run()
        if i >= WARM_UP:
            times.append(time.perf_counter() - start)
    assert not at.exception, [e.value for e in at.exception]
    return times


def main():
    """Print the measurements."""
    rng = random.Random(2019)
    store = vote_store.store()
    big, seq = sequential(store, rng)
    print(f"ballot acknowledged (sequential, {SEQUENTIAL}): {ms(seq)}")
    code, wall = burst(store, rng)
    print(f"{THREADS} ballots at once: {wall * 1000:.1f} ms until all acknowledged; stored "
          f"{store.round(code)['ballots']}")
    print(f"tally of 50 ballots: {tally_time(store, code, 50) * 1000:.2f} ms; "
          f"of {SEQUENTIAL}: {tally_time(store, big, SEQUENTIAL) * 1000:.2f} ms")
    for rnd in store.rounds():
        if rnd["code"] != code:
            store.close_round(rnd["code"])
    print(f"Priorities page rerun, open round of {THREADS} ballots ({RERUNS} runs): {ms(page_reruns(code))}")


if __name__ == "__main__":
    main()
