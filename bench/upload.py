"""`python -m bench.upload`: time and peak memory of checking and planning uploads, on a temporary copy of data/.

Files: the real 2019 funding rows re-uploaded (no change), and SYNTHETIC indicator files generated here (random
values for real area codes, labelled as such, never written to data/): 10,000 rows, and one near the 10 MB limit.
"""
import random
import shutil
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from ingest import upload_plan
from ingest.upload_check import Context, check
from ingest.upload_read import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent


def synthetic_indicator_csv(codes, indicators, target_bytes):
    """A ';'-separated, decimal-comma indicator file of about `target_bytes` with SYNTHETIC figures."""
    rng = random.Random(1)
    lines, size = ["area_code;year;indicator;value;source"], 0
    years = list(range(1990, 2024))
    while size < target_bytes:
        line = f"{rng.choice(codes)};{rng.choice(years)};{rng.choice(indicators)};{rng.randint(100, 700000)}," \
               f"{rng.randint(0, 9)};statfi_population_11re"
        lines.append(line)
        size += len(line) + 1
    seen, unique = set(), [lines[0]]
    for line in lines[1:]:
        key = tuple(line.split(";")[:3])
        if key not in seen:
            seen.add(key)
            unique.append(line)
    return ("\n".join(unique) + "\n").encode("utf-8")


def lines(content):
    """Data rows of a CSV (header not counted)."""
    return content.count(b"\n") - 1


def timed(label, function, repeat):
    """Median and max wall time over `repeat` runs, then one more run under tracemalloc for the peak memory."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label}: median {statistics.median(times):.2f} s, max {max(times):.2f} s, "
          f"peak Python memory {peak / 2 ** 20:.0f} MB (n={repeat})")
    return result


def main():
    """Print one line per measurement."""
    folder = Path(tempfile.mkdtemp(prefix="sonet-bench-upload-")) / "data"
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("history", "state", "sotkanet"))
    try:
        context = Context.load(folder)
        funding = (folder / "raw" / "sonet_botnia" / "funding.csv").read_bytes()
        codes = sorted(context.areas)
        unsigned = sorted(context.indicators - context.signed)
        small = synthetic_indicator_csv(codes, ["population"], 300_000)
        large = synthetic_indicator_csv(codes, unsigned, MAX_BYTES - 500_000)
        checked = timed("check funding (4 rows)", lambda: check("funding", "f.csv", funding, context), 5)
        timed("plan funding (rebuild in a temporary copy + compare)", lambda: upload_plan.plan(checked, folder), 3)
        rows = timed(f"check indicators ({lines(small)} rows, {len(small) / 2 ** 20:.1f} MB)",
                     lambda: check("indicators", "i.csv", small, context), 3)
        timed("plan indicators (same rows)", lambda: upload_plan.plan(rows, folder), 3)
        timed(f"check indicators ({lines(large)} rows, {len(large) / 2 ** 20:.1f} MB, near the limit)",
              lambda: check("indicators", "i.csv", large, context), 1)
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
