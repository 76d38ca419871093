"""A stand-in server process for the crash test: opens the store like the dashboard's server does and sends
ballots from several threads through the store module, printing `ACK <token> <areas>` after each commit.

Usage: python tests/vote_writer.py <vote file or PostgreSQL URL> <round code> <threads> [<ballots per thread>]
Without a limit it writes until it is killed. The lines are what a participant's phone would have been shown:
a ballot counts as acknowledged only once its line is complete.
"""
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from queries import vote_store  # noqa: E402

PRINT_LOCK = threading.Lock()


def areas_for(worker, n):
    """A varied, valid top 5 for ballot n of a worker (synthetic test ballots)."""
    first = (worker + n) % 11 + 1
    return [(first - 1 + step * 3) % 11 + 1 for step in range(5)]


def send(store, code, worker, limit):
    """Send ballots with fresh tokens until `limit` (or forever), acknowledging each after its commit."""
    n = 0
    while limit is None or n < limit:
        token = store.issue_token(code, (f"writer{worker:03d}x{n:09d}", f"writer-{worker}-{n}"))
        areas = areas_for(worker, n)
        store.submit(code, token, areas)
        with PRINT_LOCK:
            sys.stdout.write(f"ACK {token} {','.join(map(str, areas))}\n")
            sys.stdout.flush()
        n += 1


def main():
    """Open the file (as the server would on start) and run the writer threads."""
    path, code, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    limit = int(sys.argv[4]) if len(sys.argv) > 4 else None
    store = vote_store.store(path)
    workers = [threading.Thread(target=send, args=(store, code, w, limit)) for w in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    store.close()


if __name__ == "__main__":
    main()
