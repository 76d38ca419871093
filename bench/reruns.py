"""Timed AppTest reruns for the standalone page benches (bench/disparity.py, bench/funding_whatif.py)."""
import statistics
import sys
import time

WARM_UP = 5


def timed_reruns(at, change, runs, label):
    """Seconds of `runs` reruns of the AppTest `at`, each after `change(at, i)`, sorted, the first WARM_UP (which
    warm the caches) left out; a page that raised ends the bench naming `label`."""
    times = []
    for i in range(runs):
        change(at, i)
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    if at.exception:
        sys.exit(f"{label} raised: {[e.value for e in at.exception]}")
    return sorted(times[WARM_UP:])


def line(label, ordered):
    """median, p95 and max in milliseconds."""
    p95 = ordered[int(round(0.95 * (len(ordered) - 1)))]
    return (f"{label}: median {1000 * statistics.median(ordered):.1f} ms, p95 {1000 * p95:.1f} ms, "
            f"max {1000 * ordered[-1]:.1f} ms (n={len(ordered)})")
