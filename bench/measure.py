"""The individual measurements: each returns a list of seconds (or bytes) for the report."""
import contextlib
import gc
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pandas as pd

import queries
from ui.data import forget_built

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
SAMPLE = {"year": 2016, "centre": "SB", "country": "SSS", "indicator": "unemployment_rate",
          "areas": ["SB", "SSS", "14", "905"], "scope": "SB", "area": "905", "table": "areas",
          "x": "unemployment_rate", "y": "education_tertiary_pct", "year_x": 2016, "year_y": 2016}
PAGES = {"overview": "/", "funding": "/funding", "priorities": "/priorities", "disparity": "/disparity",
         "profile": "/profile", "data": "/data"}


def summary(values):
    """Median, p95 and max of a list of numbers."""
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"median": statistics.median(ordered), "p95": p95, "max": ordered[-1], "n": len(ordered)}


def pair_ratio(runs, floors):
    """The median of the ratios of each run to the floor run taken beside it (page_reruns pairs them): one short
    floor run moves one ratio, not the case's, where a ratio of medians followed whichever floor run fell in the
    middle."""
    return statistics.median(run / floor for run, floor in zip(runs, floors, strict=True))


def timed(func, repeat):
    """Wall-clock seconds of `repeat` calls."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        out.append(time.perf_counter() - start)
    return out


def query_names():
    """Every query file except the view definitions."""
    return sorted(p.stem for p in (ROOT / "queries").glob("*.sql") if p.stem != "views" and
                  not p.stem.startswith("vote_"))


def sample_params(name):
    """Sample values for the $parameters a query uses, or None if one is unknown to the bench."""
    names = set(re.findall(r"\$([a-z_]+)", queries.sql(name)))
    if not names <= set(SAMPLE):
        return None
    return {n: SAMPLE[n] for n in names}


# The unit of the queries' times.
ONE_ROW = "SELECT 1 AS one"


def query_times(folder, repeat):
    """Seconds per query over the data in `folder`, and under ONE_ROW those of the one-row query, each run just
    before one of the queries' runs (so their ratio holds while the machine's load changes)."""
    con = queries.connect(folder)
    out = {ONE_ROW: []}
    for name in query_names():
        params = sample_params(name)
        if params is None:
            out[name] = None
            continue
        queries.run(con, name, **params)
        out[name] = []
        for _ in range(repeat):
            out[ONE_ROW] += timed(lambda: one_row(con), 1)
            out[name] += timed(lambda: queries.run(con, name, **params), 1)
    con.close()
    return out


def engines(folder, repeat):
    """The same aggregation (mean value per indicator and year over municipalities) in DuckDB and pandas."""
    path = str(Path(folder) / "indicators.parquet")
    con = duckdb.connect()
    sql = "SELECT indicator, year, avg(value) AS v FROM read_parquet($p) WHERE length(area_code) >= 3 GROUP BY ALL"
    duck = timed(lambda: con.execute(sql, {"p": path}).df(), repeat)

    def with_pandas():
        frame = pd.read_parquet(path)
        frame = frame[frame["area_code"].str.len() >= 3]
        return frame.groupby(["indicator", "year"])["value"].mean()

    panda = timed(with_pandas, repeat)
    con.close()
    return duck, panda


# The filter each page's rerun changes: (its widget key, the values set in turn); None reruns the page with nothing
# changed (Priorities and Data have no filter of their own). The floor is bench/floor_page.py.
FILTERS = {"floor": ("_widget_year", (2019, 2016)), "overview": ("_widget_year", (2019, 2016)),
           "funding": ("_widget_year", (2019, 2016)), "priorities": None,
           "disparity": ("_widget_year", (2019, 2016)), "profile": ("_widget_area", ("499", "905")), "data": None}
# The disparity page's other filters: the indicator (every chart), the second indicator (the scatter alone) and the
# highlighted municipality (the map's outline and the bars).
DISPARITY_FILTERS = {"indicator": ("_widget_indicator", ("unemployment_rate", "education_tertiary_pct")),
                     "versus": ("_widget_versus", ("pensioners_pct", "employment_rate")),
                     "highlight": ("_widget_area", ("499", "905"))}
# Every page is measured for the centre with the most municipalities in its area (the Pohjois-Suomi cooperation
# area's, 67) with that area in scope, and with the whole country in scope.
LARGEST_CENTRE, LARGEST_AREA = "yta_pohjois_suomi", "YTA5"
CASES = {"largest centre's area": {"centre": LARGEST_CENTRE, "scope": LARGEST_AREA},
         "whole country": {"centre": LARGEST_CENTRE, "scope": "SSS"}}
FLOOR_APP = ROOT / "bench" / "floor_app.py"


@contextlib.contextmanager
def compiled_once():
    """Inside, every AppTest run shares one script cache, as a server's sessions share the Runtime's: a server
    compiles a page file once (again only when the file changes), but AppTest makes a new cache on every run, so
    each measured rerun would also compile its page file (2-14 ms a page at 1x, against the floor page's 0.1 ms),
    which no visitor waits for. Yields the shared cache."""
    from streamlit.testing.v1 import app_test, local_script_runner

    # The page files' cache (AppTest's) and the entry point's (its script runner's), each made anew per run.
    modules = (app_test, local_script_runner)
    made = [module.ScriptCache for module in modules]
    scripts = made[0]()
    for module in modules:
        module.ScriptCache = lambda: scripts
    try:
        yield scripts
    finally:
        for module, original in zip(modules, made):
            module.ScriptCache = original


def app_test(folder, page, params):
    """An AppTest of `page` (or of the floor) over the data in `folder`, caches cleared, after its first run."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["SONET_DATA_DIR"] = str(folder)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(FLOOR_APP if page == "floor" else ROOT / "dashboard.py"), default_timeout=120)
    for key, value in {"year": "2016", **params}.items():
        at.query_params[key] = value
    if page == "floor":
        at.switch_page("floor_page.py")
    at.run()
    if page not in ("floor", "overview"):
        at.switch_page(f"app_pages/{page}.py").run()
    return at


def open_page(at, page):
    """Switch an AppTest of the dashboard (from app_test) to `page` and run it: one AppTest serves every page of a
    case, so its connection, shell and look-ups are set up once, not once per page and filter."""
    at.switch_page(f"app_pages/{page}.py").run()
    return at


def page_reruns(folder, page, repeat, params=None, change=None, floor=None, cold_repeat=None, app=None):
    """AppTest reruns of a page after its filter changes (FILTERS, or `change`): cold and warm seconds, errors.

    `cold_repeat` (default `repeat`) cold runs start with Streamlit's data caches and the built figures
    (ui.data.derived) cleared, as for filter values no visitor has asked for since the server started; then
    `repeat` warm ones follow two unmeasured runs. Given `floor` (the floor's AppTest, from app_test), each of the
    page's runs follows one of the floor's, under the same conditions, and the floor's seconds come back too:
    {"cold", "warm", "floor_cold", "floor_warm", "errors"}. A ratio of runs taken side by side holds when the
    machine's load changes during the bench. Given `app` (an AppTest of the dashboard with the same `params`), the
    page opens in it instead of a new one.
    """
    import streamlit as st

    at = open_page(app, page) if app is not None else app_test(folder, page, params or {})
    runs = [(at, change or FILTERS[page])] + ([(floor, FILTERS["floor"])] if floor else [])
    out = {"cold": [], "warm": [], "floor_cold": [], "floor_warm": []}

    def rerun(app, what, i):
        if what:
            app.selectbox(key=what[0]).set_value(what[1][i % 2])
        start = time.perf_counter()
        app.run()
        return time.perf_counter() - start

    for i in range(repeat if cold_repeat is None else cold_repeat):
        for (app, what), key in zip(runs, ("cold", "floor_cold")):
            st.cache_data.clear()
            forget_built()
            out[key].append(rerun(app, what, i))
    for i in range(repeat + 2):
        for (app, what), key in zip(runs, ("warm", "floor_warm")):
            seconds = rerun(app, what, i)
            if i >= 2:
                out[key].append(seconds)
    out["errors"] = [e.value for e in at.exception] + ([e.value for e in floor.exception] if floor else [])
    gc.collect()
    return out


def one_row(con):
    """A one-row DuckDB query the way every query runs (queries.run: a cursor, then a DataFrame)."""
    cursor = con.cursor()
    try:
        return cursor.execute(ONE_ROW).df()
    finally:
        cursor.close()


def machine_facts():
    """CPU model (from /proc/cpuinfo), cores and the load average now: every measurement's context."""
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "unknown CPU")
    return {"cpu": model, "cores": os.cpu_count(), "load": load_average()}


def load_average():
    """'1-min / 5-min / 15-min' load average."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def free_port():
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(folder, script=ROOT / "dashboard.py"):
    """Start streamlit on loopback; return (process, base url, seconds to a healthy /_stcore/health)."""
    port = free_port()
    env = dict(os.environ, SONET_DATA_DIR=str(folder))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script),
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    while time.perf_counter() - start < 60:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.read().strip() == b"ok":
                    return proc, url, time.perf_counter() - start
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("server did not become healthy in 60 s")


def peak_rss(pid):
    """Peak resident memory (VmHWM) of a process in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return None


# Where a first chart's time goes, on the browser's own clock (ms since the navigation started): the page and
# Streamlit's JavaScript loaded; the Plotly bundle requested and downloaded; the page's title, then the chart's
# element, then its drawn SVG appearing in the document (seen by a MutationObserver installed before the page loads).
MARKS_JS = """(() => { const marks = window.__benchMarks = {};
  const seen = {title: 'h1', element: '[data-testid="stPlotlyChart"]', svg: '[data-testid="stPlotlyChart"] .main-svg'};
  new MutationObserver(() => { for (const [k, sel] of Object.entries(seen))
    if (!(k in marks) && document.querySelector(sel)) marks[k] = performance.now(); })
  .observe(document, {subtree: true, childList: true}); })()"""
TIMELINE_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const plotly = performance.getEntriesByType('resource').find(e => /PlotlyChart[^/]*[.]js$/.test(e.name));
  const m = window.__benchMarks || {};
  return {page_loaded: nav.loadEventEnd, plotly_requested: plotly ? plotly.startTime : NaN,
          plotly_downloaded: plotly ? plotly.responseEnd : NaN, title: m.title ?? NaN, element: m.element ?? NaN,
          svg: m.svg ?? NaN};
}"""


def first_chart_seconds(browser, url):
    """A visitor with an empty browser cache opens the Overview: seconds from the request to its first chart, and
    the browser's timeline of that wait (TIMELINE_JS)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.add_init_script(MARKS_JS)
    page.add_init_script(RUNS_JS)
    start = time.perf_counter()
    page.goto(url + "/")
    page.wait_for_selector(CHART, timeout=60_000)
    seconds = time.perf_counter() - start
    split = page.evaluate(TIMELINE_JS)
    return {"seconds": seconds, **{k: v / 1000 for k, v in split.items()}}, context, page


# The runs the document has seen finish (the app's root turning 'notRunning'; Streamlit marks it 'initial' until the
# first run starts, then 'running'), so a page opened from the navigation, in the same document, is known drawn.
RUNS_JS = """(() => { window.__runsDone = 0; let last = null;
  new MutationObserver(() => { const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.getAttribute('data-test-script-state');
    if (state !== last) { if (state === 'notRunning') window.__runsDone += 1; last = state; } })
  .observe(document, {subtree: true, childList: true, attributes: true,
                      attributeFilter: ['data-test-script-state']}); })()"""


def open_from_navigation(page, path, seconds=15):
    """Open the page at `path` from the sidebar's navigation, as a visitor does (the same document: Streamlit's and
    Plotly's JavaScript are not loaded and evaluated again), and wait until the browser shows its run finished, at
    most `seconds`. The root says 'running' until Chromium has handled the run's last message, so a page whose
    charts take long to draw stays 'running' after the server's run ended: at 100x the Disparity page's dispersion
    panels once took most of a minute (270 year labels, see charts.disparity.year_step)."""
    from playwright.sync_api import TimeoutError as Timeout

    done = page.evaluate("() => window.__runsDone")
    page.locator(f'[data-testid="stSidebarNavLink"][href$="{path}"]').first.click()
    try:
        page.wait_for_function("done => window.__runsDone > done", arg=done, timeout=seconds * 1000)
    except Timeout:
        pass


def server_run(folder, visit_all):
    """Health time; first chart for the first visitor after the start and for the next one (a new browser
    context, server warm); peak RSS after visiting every page (if asked)."""
    from playwright.sync_api import sync_playwright

    proc, url, health = start_server(folder)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            first, context, page = first_chart_seconds(browser, url)
            if visit_all:
                # The first visitor is on the Overview; every other page follows from the navigation.
                for path in list(PAGES.values())[1:]:
                    open_from_navigation(page, path)
            context.close()
            following, context, _ = first_chart_seconds(browser, url)
            context.close()
            browser.close()
        return health, first, following, peak_rss(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


# A filter change in Chromium: (path and link, the selectbox's label, the two options set in turn, what the updated
# page shows for each: text in a chart's title, or for the floor its one line). English labels (lang=en).
BROWSER_CHANGES = {
    "floor": ("/floor_page?lang=en&year=2016", "Year", ("2019", "2016"), ('[data-testid="stText"]',)),
    "disparity": (f"/disparity?lang=en&year=2016&centre={LARGEST_CENTRE}&scope={LARGEST_AREA}", "Year",
                  ("2019", "2016"), (".gtitle",)),
    "profile": (f"/profile?lang=en&year=2016&centre={LARGEST_CENTRE}&area=905", "Municipality", ("Oulu", "Vaasa"),
                (".gtitle",)),
    "funding": ("/funding?lang=en&year=2020", "Year", ("2019", "2020"), (".gtitle",)),
}
# The moment an option is clicked, on the page's clock (a listener before Streamlit's own).
CLICK_JS = """() => { window.__changedAt = null; document.addEventListener('mousedown', e => {
  if (e.target.closest('[role="option"]')) window.__changedAt = performance.now(); }, true); }"""
# True (and the moment noted) once an element of `sel` shows `text`: the updated page drawn.
SHOWN_JS = """([sel, text]) => {
  const hit = [...document.querySelectorAll(sel)].some(e => e.textContent.includes(text));
  if (hit && !window.__shownAt) window.__shownAt = performance.now(); return hit; }"""


def pick(page, label, option):
    """Choose `option` in the selectbox labelled `label`, as a user does (open it, type, click the option: a long
    list draws only the options in view)."""
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first.click()
    page.keyboard.type(option)
    page.locator('[role="option"]').filter(has_text=option).first.click()


def filter_change_ms(page, label, option, selector):
    """Milliseconds on the browser's clock from the click on `option` until the page shows it (SHOWN_JS)."""
    page.evaluate("() => { window.__changedAt = null; window.__shownAt = null; }")
    pick(page, label, option)
    page.wait_for_function(SHOWN_JS, arg=[selector, option], polling="raf", timeout=60_000)
    return page.evaluate("() => window.__shownAt - window.__changedAt")


def browser_changes(folder, runs):
    """Per page of BROWSER_CHANGES: milliseconds from a filter change to the updated chart drawn in Chromium, over
    `runs` changes each (the first two, which compile the page's code, not counted), one server of the floor's app
    (bench/floor_app.py: the dashboard's shell and pages, and the floor page) and one browser tab."""
    from playwright.sync_api import sync_playwright

    proc, url, _ = start_server(folder, FLOOR_APP)
    out = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # One tab for every page: the pages share Streamlit's and Plotly's JavaScript, downloaded once.
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            page = context.new_page()
            for name, (path, label, options, (selector,)) in BROWSER_CHANGES.items():
                page.goto(url + path)
                page.wait_for_selector(CHART if selector == ".gtitle" else selector, timeout=60_000)
                page.evaluate(CLICK_JS)
                times = [filter_change_ms(page, label, options[i % 2], selector) for i in range(runs + 2)]
                out[name] = times[2:]
            context.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return out
