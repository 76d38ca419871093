"""What the vote, question and login tests share: calls released at once from many threads, a vote file or store per
test, a vote file of the first layout, and phones sending to a server until it is killed."""
import threading
from contextlib import contextmanager

import duckdb

from queries import vote_store

# The first layout's rounds: no centre, no access mode, no participant codes.
FIRST_ROUNDS = ("CREATE TABLE vote_rounds (code VARCHAR PRIMARY KEY, title VARCHAR NOT NULL, opened_at TIMESTAMP"
                " NOT NULL, closed_at TIMESTAMP)")


def released_together(calls):
    """Run the calls from one thread each, released at once; what each returned or raised, in order."""
    start, outcomes = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i):
        start.wait()
        try:
            outcomes[i] = calls[i]()
        except Exception as error:  # noqa: BLE001 - returned to the test
            outcomes[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def own_vote_file(path, monkeypatch):
    """A fixture's body: the pages' and the default store's votes go to `path` until the test ends."""
    monkeypatch.setenv("SONET_VOTES_DB", str(path))
    yield
    vote_store.forget(path)


def page_store(variable, target, monkeypatch):
    """A fixture's body: the pages' store, named by the environment `variable` (SONET_VOTES_STORE or SONET_VOTES_DB),
    is `target`'s; yielded, and released after the test."""
    monkeypatch.setenv(variable, str(target))
    yield vote_store.store(target)
    vote_store.forget(target)


def first_layout_file(path, *statements):
    """A DuckDB vote file as the first version wrote it (FIRST_ROUNDS), filled by `statements` (SQL, or SQL and its
    parameters); its path, closed, for a store to open and upgrade."""
    con = duckdb.connect(str(path))
    con.execute(FIRST_ROUNDS)
    for statement in statements:
        con.execute(*((statement,) if isinstance(statement, str) else statement))
    con.close()
    return path


@contextmanager
def phones_until_acknowledged(phone, acked, proc, stop_server, count=8, enough=40):
    """`count` phones (threads running phone(i, stop)) send to the server of process `proc` until `enough` sends are
    acknowledged in `acked`, for the block to kill the server; then the phones are stopped and `stop_server()` ends
    what is left, whatever the block did."""
    stop = threading.Event()
    phones = [threading.Thread(target=phone, args=(i, stop)) for i in range(count)]
    try:
        for thread in phones:
            thread.start()
        while len(acked) < enough and proc.poll() is None and any(p.is_alive() for p in phones):
            stop.wait(0.05)
        assert len(acked) >= enough, "the phones did not get going"
        yield
    finally:
        stop.set()
        for thread in phones:
            thread.join(timeout=60)
        stop_server()
