"""`python -m bench [--quick]`: measure, print a table and write bench/RESULTS.md (--quick: RESULTS-quick.md)."""
import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

from bench import measure, scale

HERE = Path(__file__).resolve().parent
TARGETS = {"health": 2.0, "first_chart": 3.0, "rerun_1x": 0.150, "rerun_100x": 0.400, "rss_1x_mb": 400}


def ms(seconds):
    """Seconds as a millisecond string."""
    return f"{seconds * 1000:.1f}"


def row(*cells):
    """One Markdown table row."""
    return "| " + " | ".join(str(c) for c in cells) + " |"


def machine():
    """CPU count and versions, so a figure can be compared with its machine."""
    names = ["streamlit", "duckdb", "pandas", "pyarrow", "plotly", "playwright"]
    versions = ", ".join(f"{n} {version(n)}" for n in names)
    return f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {versions}"


def main(argv=None):
    """Run every measurement; --quick uses fewer repetitions and skips the 10x scale."""
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (under 3 minutes)")
    args = parser.parse_args(argv)
    repeat = 5 if args.quick else 15
    factors = [1, 100] if args.quick else [1, 10, 100]
    started = time.perf_counter()
    folders = {f: scale.scaled_copy(f) for f in factors}
    lines = ["# Benchmark results", "", f"Command: `python -m bench{' --quick' if args.quick else ''}`  ",
             f"Machine: {machine()}  ", f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", "",
             "All times are wall-clock; median and max (or p95) of the runs named. Scaled data is synthetic, "
             "generated into a temporary folder by `bench/scale.py` (municipalities x years), never into `data/`.",
             ""]
    try:
        lines += server_section(folders, 2 if args.quick else 3)
        lines += rerun_section(folders, repeat)
        lines += query_section(folders, repeat)
        lines += engine_section(folders, repeat)
        lines += script_section("PowerPoint export (python -m bench.slides)", "bench.slides")
        lines += script_section("Meeting vote (python -m bench.votes)", "bench.votes", timeout=2400)
    finally:
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)
    lines += ["", f"Total bench time: {time.perf_counter() - started:.0f} s"]
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / ("RESULTS-quick.md" if args.quick else "RESULTS.md")).write_text(text, encoding="utf-8")
    return 0


def server_section(folders, starts):
    """Per scale, over `starts` server starts: start to health, first chart for the first visitor after the start
    and for the next visitor (fresh browser cache, server warm), peak RSS after every page."""
    timelines = []
    out = ["## Server", "", f"Each scale: {starts} server starts; median / max.", "",
           row("scale", "indicator rows", "start to health (s)", "first chart, first visitor after start (s)",
               "first chart, next visitor (s)", "peak RSS after all pages (MB)"), row(*["---"] * 6)]
    for factor, folder in folders.items():
        runs = [measure.server_run(folder, visit_all=True) for _ in range(starts)]
        health, first, following, rss = ([run[i] for run in runs] for i in range(4))
        out.append(row(f"{factor}x", scale.rows(folder), median_max(health), median_max([f["seconds"] for f in first]),
                       median_max([f["seconds"] for f in following]), median_max([r / 2**20 for r in rss], "{:.0f}")))
        timelines.append((factor, first))
        print(out[-1], flush=True)
    out += ["", f"Targets: health < {TARGETS['health']} s, first chart < {TARGETS['first_chart']} s, "
            f"RSS < {TARGETS['rss_1x_mb']} MB at 1x. The browser is Debian's headless Chromium with an empty cache "
            "each time, so every visitor downloads and compiles Streamlit's and Plotly's JavaScript (~6 MB).", ""]
    return out + timeline_table(timelines)


def timeline_table(timelines):
    """Where the first visitor's wait goes (median seconds on the browser's clock), per scale."""
    steps = [("page_loaded", "page and Streamlit's JavaScript loaded"),
             ("plotly_requested", "Plotly bundle requested"), ("plotly_downloaded", "Plotly bundle downloaded"),
             ("title", "page title shown (script running)"), ("element", "chart element in the page"),
             ("svg", "chart drawn")]
    out = ["Where the first visitor's wait goes (median s since the request, browser clock):", "",
           row("scale", *[label for _, label in steps]), row(*["---"] * (len(steps) + 1))]
    for factor, runs in timelines:
        out.append(row(f"{factor}x", *[f"{measure.summary([r[key] for r in runs])['median']:.2f}" for key, _ in steps]))
    return out + ["", "The page asks for the Plotly bundle at once (ui/warm.py); the script sends the chart about "
                  "when the title shows; from then to the chart element is Chromium running Streamlit's ~4.7 MB "
                  "Plotly module for the first time. The first-chart column above is Playwright's view of the same "
                  "moment, a little later than the 'chart drawn' mark.", ""]


def median_max(values, pattern="{:.2f}"):
    """'median / max' of several runs."""
    summary = measure.summary(values)
    return f"{pattern.format(summary['median'])} / {pattern.format(max(values))}"


def rerun_section(folders, repeat):
    """AppTest reruns after a year change, per page and scale, cold (caches cleared) and warm."""
    out = ["## Page rerun after a filter change (AppTest, ms)", "",
           row("page", "scale", "cold median", "cold p95", "warm median", "warm p95", "errors"), row(*["---"] * 7)]
    for factor in (1, max(folders)):
        for page in measure.PAGES:
            cold, warm, errors = measure.page_reruns(folders[factor], page, repeat)
            c, w = measure.summary(cold), measure.summary(warm)
            out.append(row(page, f"{factor}x", ms(c["median"]), ms(c["p95"]), ms(w["median"]), ms(w["p95"]),
                           "; ".join(errors) or "none"))
            print(out[-1], flush=True)
    out += ["", f"Targets (warm median): < {TARGETS['rerun_1x'] * 1000:.0f} ms at 1x, "
            f"< {TARGETS['rerun_100x'] * 1000:.0f} ms at 100x.", ""]
    return out


def query_section(folders, repeat):
    """Each query's time per scale, with the growth from 1x to the largest scale."""
    results = {f: measure.query_times(folder, repeat) for f, folder in folders.items()}
    factors = list(folders)
    out = ["## Queries (median ms)", "", row("query", *[f"{f}x" for f in factors], f"growth 1x→{factors[-1]}x"),
           row(*["---"] * (len(factors) + 2))]
    for name in results[1]:
        if results[1][name] is None:
            out.append(row(name, *["no sample parameters"] * len(factors), "–"))
            continue
        medians = [measure.summary(results[f][name])["median"] for f in factors]
        out.append(row(name, *[ms(m) for m in medians], f"{medians[-1] / medians[0]:.1f}x"))
    return out + [""]


def engine_section(folders, repeat):
    """The same aggregation in DuckDB and in pandas, side by side."""
    out = ["## DuckDB vs pandas: mean per indicator and year over municipalities (median ms)", "",
           row("scale", "DuckDB", "pandas", "pandas / DuckDB"), row(*["---"] * 4)]
    for factor, folder in folders.items():
        duck, panda = measure.engines(folder, repeat)
        d, p = measure.summary(duck)["median"], measure.summary(panda)["median"]
        out.append(row(f"{factor}x", ms(d), ms(p), f"{p / d:.1f}"))
    return out + [""]


def script_section(title, module, timeout=600):
    """Run one of the focused bench scripts in its own process (its own temp files) and keep its report."""
    done = subprocess.run([sys.executable, "-m", module], cwd=HERE.parent, capture_output=True, text=True,
                          timeout=timeout)
    report = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode not in (0, 2):
        report.append(f"failed with exit status {done.returncode}: {done.stderr.strip().splitlines()[-1:]}")
    print("\n".join(report), flush=True)
    return [f"## {title}", "", *[f"- {line}" for line in report], ""]


if __name__ == "__main__":
    sys.exit(main())
