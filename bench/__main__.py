"""`python -m bench [--quick]`: measure, print a table and write bench/RESULTS.md (--quick: RESULTS-quick.md)."""
import argparse
import platform
import shutil
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

from bench import measure, scale

HERE = Path(__file__).resolve().parent
TARGETS = {"health": 2.0, "first_chart": 3.0, "rss_1x_mb": 400}
# A page's warm rerun at most this many times the floor's (bench/floor_app.py), per scale; a scale between uses the
# next larger one's.
RATIO_TARGETS = {1: 4.0, 10: 6.0, 100: 6.0}


def ms(seconds):
    """Seconds as a millisecond string."""
    return f"{seconds * 1000:.1f}"


def row(*cells):
    """One Markdown table row."""
    return "| " + " | ".join(str(c) for c in cells) + " |"


def machine():
    """CPU model, cores, load at the start and versions, so a figure can be compared with its machine."""
    names = ["streamlit", "duckdb", "pandas", "pyarrow", "plotly", "playwright"]
    versions = ", ".join(f"{n} {version(n)}" for n in names)
    facts = measure.machine_facts()
    return (f"{facts['cpu']}, {facts['cores']} cores, load average (1 / 5 / 15 min) {facts['load']} at the start; "
            f"Python {platform.python_version()}, {versions}")


def main(argv=None):
    """Run every measurement; --quick uses fewer repetitions, skips the 10x scale, the cold reruns at 100x, the
    meeting vote and the DuckDB-pandas comparison (section_names, cold_runs)."""
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true",
                        help="fewer runs, no 10x scale, no cold reruns at 100x, no meeting vote, no DuckDB-pandas")
    args = parser.parse_args(argv)
    # --quick: a median of three runs per query and of three (five at 1x) rerun pairs (warm_runs).
    repeat = 3 if args.quick else 15
    factors = [1, 100] if args.quick else [1, 10, 100]
    started = time.perf_counter()
    folders = {f: scale.scaled_copy(f) for f in factors}
    lines = ["# Benchmark results", "", f"Command: `python -m bench{' --quick' if args.quick else ''}`  ",
             f"Machine: {machine()}  ", f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", "",
             "All times are wall-clock; median and max (or p95) of the runs named. Scaled data is synthetic, "
             "generated into a temporary folder by `bench/scale.py` (municipalities x years), never into `data/`. "
             "Absolute times follow the machine and its load (a shared machine's are inflated); the ratios to the "
             "floor and to the one-row query, measured in the same run, are what the targets are set in.", ""]
    spent = {"scaled copies": time.perf_counter() - started}
    sections = [(name, run) for name, run in section_runs(folders, args.quick, repeat)
                if name in section_names(args.quick)]
    body = []
    try:
        for name, section in sections:
            begun = time.perf_counter()
            body += section()
            spent[name] = time.perf_counter() - begun
            print(f"{name}: {spent[name]:.0f} s", flush=True)
    finally:
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)
    lines += [run_time(time.perf_counter() - started, spent), "", *body]
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / ("RESULTS-quick.md" if args.quick else "RESULTS.md")).write_text(text, encoding="utf-8")
    return 0


def section_names(quick):
    """The sections a run has, in order: --quick leaves out the DuckDB-pandas comparison and the meeting vote."""
    names = ["reruns", "queries", "browser", "server", "engines", "slides", "votes"]
    return [n for n in names if n not in ({"engines", "votes"} if quick else set())]


def section_runs(folders, quick, repeat):
    """(name, function making its report lines) of every section."""
    return [("reruns", lambda: rerun_section(folders, repeat, quick)),
            ("queries", lambda: query_section(folders, repeat)),
            ("browser", lambda: browser_section(folders[1], 3 if quick else 8)),
            ("server", lambda: server_section(folders, 1 if quick else 3)),
            ("engines", lambda: engine_section(folders, repeat)),
            ("slides", lambda: script_section("PowerPoint export (python -m bench.slides)", "bench.slides")),
            ("votes", lambda: script_section("Meeting vote (python -m bench.votes)", "bench.votes", timeout=2400))]


def run_time(total, spent):
    """The line saying how long the run took, and each section's share of it."""
    parts = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in spent.items())
    return f"This run took {total // 60:.0f} min {total % 60:.0f} s ({parts})."


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


def times(value, unit):
    """A multiple of the floor (or of the one-row query) as '5.2x'."""
    return f"{value / unit:.1f}x"


def rerun_cases():
    """(row label, page, filter change) of every measured rerun: each page's own filter (measure.FILTERS), then
    the Disparity page's others (measure.DISPARITY_FILTERS)."""
    cases = [(page, page, None) for page in measure.PAGES]
    cases += [(f"disparity: {name}", "disparity", change) for name, change in measure.DISPARITY_FILTERS.items()]
    return cases


def rerun_section(folders, repeat, quick):
    """AppTest reruns after a filter change, per scale, case (centre's area, country) and page, as multiples of the
    floor measured in the same run, beside the absolute medians. This section leads the report."""
    out = ["## Page reruns as multiples of the floor (AppTest)", "",
           "The floor is a rerun of the dashboard's own shell around a page that draws one line of text, after a "
           "year change (bench/floor_app.py). Every page is rerun after a change of its own filter (year; the "
           "Profile page: the municipality; Priorities and Data have none and rerun unchanged), for the centre "
           f"with the most municipalities in its area ({measure.LARGEST_CENTRE}) with that area and with the whole "
           "country in scope. Warm: the two values set in turn seen before; cold: Streamlit's data caches and the "
           "built figures (ui.data.derived) cleared before each run, as for values no visitor has asked for "
           f"({'in --quick one run of each page at 1x and none at 100x' if quick else f'{repeat} runs'}). "
           f"Each of a page's runs ({warm_runs(quick, 1, repeat)} warm at 1x, {warm_runs(quick, 100, repeat)} at "
           "100x, after two not counted) is paired with a floor run taken beside it "
           "and a ratio is the median of the pairs' ratios: a pair keeps its ratio when the machine's load changes "
           "during the bench, and one short floor run moves one pair's ratio, not the case's. The floor and the "
           "pages share one script cache across runs, as a server's sessions do (AppTest would compile the page "
           "file again on every run, which no visitor waits for).", "",
           row("page (filter)", "scale", "scope", "warm × floor", "target", "met", "cold × floor",
               "warm median (ms)", "warm p95 (ms)", "cold median (ms)", "floor warm (ms)", "load", "errors"),
           row(*["---"] * 13)]
    floors = {}
    with measure.compiled_once():
        for factor in (1, max(folders)):
            rows, floors[factor] = rerun_scale(folders[factor], factor, repeat, quick)
            out += rows
    out += ["", f"Targets: warm median at most {RATIO_TARGETS[1]:.0f}x the floor at 1x and "
            f"{RATIO_TARGETS[100]:.0f}x at 100x. The floors over all of a scale's pages (medians):", "",
            row("scale", "floor warm / cold (ms)", "load average then"), row(*["---"] * 3)]
    for factor, (warm, cold, load) in floors.items():
        out.append(row(f"{factor}x", f"{ms(warm)} / {ms(cold) if cold else '–'}", load))
    return out + ["", f"Load average after the reruns: {measure.load_average()}.", ""]


def rerun_scale(folder, factor, repeat, quick):
    """The rerun table's rows of one scale, and its floors' warm and cold medians with the load then."""
    target, out = RATIO_TARGETS[factor], []
    floor_app, floor_warm, floor_cold = measure.app_test(folder, "floor", {}), [], []
    for case, params in measure.CASES.items():
        app = measure.app_test(folder, "overview", params)
        for label, page, change in rerun_cases():
            runs = measure.page_reruns(folder, page, warm_runs(quick, factor, repeat), params, change, floor_app,
                                       cold_runs(quick, factor, change, repeat), app)
            w, unit_warm = measure.summary(runs["warm"]), measure.summary(runs["floor_warm"])["median"]
            floor_warm += runs["floor_warm"]
            floor_cold += runs["floor_cold"]
            ratio = measure.pair_ratio(runs["warm"], runs["floor_warm"])
            cold = f"{measure.pair_ratio(runs['cold'], runs['floor_cold']):.1f}x" if runs["cold"] else "–"
            cold_ms = ms(measure.summary(runs["cold"])["median"]) if runs["cold"] else "–"
            out.append(row(label, f"{factor}x", case, f"**{ratio:.1f}x**", f"{target:.0f}x",
                           "yes" if ratio <= target else f"no (+{ratio / target - 1:.0%})",
                           cold, ms(w["median"]), ms(w["p95"]), cold_ms,
                           ms(unit_warm), measure.load_average(), "; ".join(runs["errors"]) or "none"))
            print(out[-1], flush=True)
    floor = (measure.summary(floor_warm)["median"], measure.summary(floor_cold)["median"] if floor_cold else None,
             measure.load_average())
    return out, floor


def warm_runs(quick, factor, repeat):
    """How many warm runs (each paired with a floor run) a case gets: `repeat`, but five at 1x in --quick, where a
    pair costs a tenth of a second and a ratio near its target needs more than three pairs to be settled."""
    return 5 if quick and factor == 1 else repeat


def cold_runs(quick, factor, change, repeat):
    """How many cold runs a case gets: `repeat` in the full run; in --quick one for each page's own filter at 1x,
    none for the Disparity page's other filters and none at 100x."""
    if not quick:
        return repeat
    return 1 if factor == 1 and change is None else 0


def query_section(folders, repeat):
    """Each query's time per scale as a multiple of the one-row query of the same scale, beside its median."""
    results = {f: measure.query_times(folder, repeat) for f, folder in folders.items()}
    one_row = {f: measure.summary(results[f].pop(measure.ONE_ROW))["median"] for f in folders}
    factors = list(folders)
    out = ["## Queries as multiples of a one-row query (median)", "",
           f"The one-row query (`{measure.ONE_ROW}`) runs the way every query does (a cursor, then a DataFrame), "
           "once before each run of every query. One-row query median: " +
           ", ".join(f"{f}x {m * 1000:.2f} ms" for f, m in one_row.items()) +
           f". Load average after the queries: {measure.load_average()}.", "",
           row("query", *[f"{f}x × one-row" for f in factors], *[f"{f}x (ms)" for f in factors],
               f"growth 1x→{factors[-1]}x"), row(*["---"] * (2 * len(factors) + 2))]
    for name in results[1]:
        if results[1][name] is None:
            out.append(row(name, *["no sample parameters"] * 2 * len(factors), "–"))
            continue
        medians = [measure.summary(results[f][name])["median"] for f in factors]
        out.append(row(name, *[times(m, one_row[f]) for m, f in zip(medians, factors)],
                       *[ms(m) for m in medians], f"{medians[-1] / medians[0]:.1f}x"))
    return out + [""]


def browser_section(folder, runs):
    """From a filter change to the updated chart drawn in Chromium, per page, as a multiple of the floor page's."""
    load = measure.load_average()
    results = measure.browser_changes(folder, runs)
    floor_ms = measure.summary(results["floor"])["median"]
    out = ["## In the browser: a filter change until the updated chart is drawn (Chromium, 1x)", "",
           "From the click on the new option (the browser's clock) until the page shows it: a chart title naming "
           "the new year or municipality, the floor's one line of text naming the year; median of "
           f"{runs} changes after two not counted, one server of bench/floor_app.py. Load average {load} at the "
           f"start, {measure.load_average()} at the end.", "",
           row("page (filter)", "× floor", "median (ms)", "max (ms)"), row(*["---"] * 4)]
    for name, (_, label, _, _) in measure.BROWSER_CHANGES.items():
        s = measure.summary(results[name])
        out.append(row(f"{name} ({label.lower()})", times(s["median"], floor_ms), f"{s['median']:.0f}",
                       f"{s['max']:.0f}"))
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
