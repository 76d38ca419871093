"""`python -m bench.refused_uploads`: peak memory and time of refusing each bad workbook of the corpus
(tests/fixtures/bad_uploads), each in a fresh process so its peak is its own, and how long a vote takes while the
worst ones are being refused in a loop beside it.

Peak RSS is the process's maximum resident size (resource.getrusage) minus what it held after the imports; the
votes go to a throw-away file. Prints a Markdown table.
"""
import csv
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "bad_uploads"
WORST = ("dimension_bomb.xlsx", "shared_string_bomb.xlsx", "far_row.xlsx")


def rss_mb():
    """The process's peak resident size so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def refuse_one(name, table):
    """In this process: import, note the peak, refuse the file; print JSON with the peak above the baseline."""
    import openpyxl  # noqa: F401  (imported before the baseline: the peak is the refusal's own)
    import pandera.pandas  # noqa: F401

    from ingest.problems import Rejected
    from ingest.upload_check import Context, check

    context = Context.load(ROOT / "data")
    content = (CORPUS / name).read_bytes()
    base = rss_mb()
    start = time.perf_counter()
    try:
        check(table, name, content, context)
        key = "accepted"
    except Rejected as refused:
        key = refused.problems[0].key
    print(json.dumps({"file": name, "key": key, "seconds": time.perf_counter() - start,
                      "peak_mb": rss_mb() - base, "base_mb": base}))


def measure(case):
    """Run refuse_one for a corpus case in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-m", "bench.refused_uploads", "--one", case["file"], case["table"]],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def vote_latency(seconds, busy):
    """Median and worst time of one ballot (issue a token where the store needs one, then submit) for `seconds`,
    with `busy` refusing the worst workbooks in a thread meanwhile when true (all three, again every second: an
    editor retrying far faster than anyone would)."""
    import os

    os.environ["SONET_VOTES_DB"] = str(Path(tempfile.mkdtemp(prefix="bench-votes-")) / "votes.duckdb")
    from ingest.problems import Rejected
    from ingest.upload_check import Context, check
    from queries import vote_store

    store = vote_store.store()
    code = store.open_round("bench")
    context = Context.load(ROOT / "data")
    stop = threading.Event()

    def refuse_loop():
        contents = [(n, (CORPUS / n).read_bytes()) for n in WORST]
        while not stop.wait(1.0):
            for name, content in contents:
                try:
                    check("funding", name, content, context)
                except Rejected:
                    pass

    worker = threading.Thread(target=refuse_loop, daemon=True)
    if busy:
        worker.start()
    times, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.perf_counter()
        token = ballot_token(store, code, len(times))
        store.submit(code, token, [3, 1, 7])
        times.append(time.perf_counter() - start)
    stop.set()
    return statistics.median(times), max(times), len(times)


def ballot_token(store, code, n):
    """A token the store accepts: issued by it where it issues them, else a fresh random one."""
    from calc import ballot

    issue = getattr(store, "issue_token", None)
    return issue(code, (f"bench-{n}", "127.0.0.1")) if issue else ballot.new_token()


def main():
    """The table of refused workbooks, then vote latency without and with refusals running beside it."""
    cases = [c for c in csv.DictReader(open(CORPUS / "expected.csv", encoding="utf-8")) if c["file"].endswith(
        (".xlsx", ".xls"))]
    print("| file | refused as | time (s) | peak RSS above imports (MB) |")
    print("|---|---|---|---|")
    for case in cases:
        row = measure(case)
        print(f"| {row['file']} | {row['key']} | {row['seconds']:.3f} | {row['peak_mb']:.1f} |")
    for busy in (False, True):
        median, worst, count = vote_latency(5, busy)
        label = "while refusing " + ", ".join(WORST) + " every second" if busy else "alone"
        print(f"\nvote {label}: {count} ballots, median {median * 1000:.1f} ms, worst {worst * 1000:.1f} ms")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        refuse_one(sys.argv[2], sys.argv[3])
    else:
        main()
