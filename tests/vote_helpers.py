"""What the vote and question tests share: calls released at once from many threads, and a vote file per test."""
import threading

from queries import vote_store


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
