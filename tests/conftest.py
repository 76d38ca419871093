"""Shared test fixtures: project paths, a data connection, and the browser tests' server and Chromium."""
import functools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright
from streamlit.components.v2 import manifest_scanner

ROOT = Path(__file__).resolve().parent.parent
LIVE_DATA = ROOT / "data"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
# The hand-kept tables that README's "Add a year of data" appends to, with the last year the suite was written for.
FROZEN_LAST_YEAR = {"sonet_botnia/funding.csv": 2019, "budget/budget_33_60_63_observed.csv": 2022}
# How this process came by its frozen copy, for the report header.
FROZEN_ORIGIN = []


def _up_to(text: str, last_year: int) -> str:
    """A CSV file's header and its lines of years up to `last_year` (the year is the first column), bytes kept."""
    lines = text.splitlines(keepends=True)
    return "".join(lines[:1] + [line for line in lines[1:] if int(line.split(",", 1)[0]) <= last_year])


def frozen_data() -> Path:
    """Today's data, built into a temporary folder: data/raw without the years added after
    the suite was written (FROZEN_LAST_YEAR) and without uploaded rows (raw/updates/). The tests that check today's
    figures and defaults read it, so adding a year as the README says breaks none of them. While those are the
    committed raw files and the committed tables their build (its stamp says so), the tables are copied instead;
    test_ingest checks that the committed tables equal a fresh build."""
    from ingest.build import STAMP, build, copy_build

    folder = Path(tempfile.mkdtemp(prefix="sonet-data-"))
    shutil.copytree(LIVE_DATA / "raw", folder / "raw", ignore=shutil.ignore_patterns("updates", "sotkanet"))
    for rel, last_year in FROZEN_LAST_YEAR.items():
        path = folder / "raw" / rel
        path.write_bytes(_up_to(path.read_bytes().decode("utf-8"), last_year).encode("utf-8"))
    if copy_build(LIVE_DATA, folder / "raw", folder):
        FROZEN_ORIGIN.append("copied from data/ (its build stamp is current)")
        prime_base_tables(folder / "raw")
    else:
        build(folder / "raw", folder)
        FROZEN_ORIGIN.append(f"built: data/{STAMP} names other raw files or code (`python -m ingest build` "
                             "refreshes it and saves the build)")
    return folder


def prime_base_tables(raw: Path) -> None:
    """Build the slow part of a build once, into the session's cache folder: every upload test plans a build of
    these raw files, and otherwise each xdist worker's first one would build it at the same time as the others."""
    from ingest.build import base_tables
    from ingest.readers import read_indicator_meta

    base_tables(raw, read_indicator_meta(raw))


def session_data() -> Path:
    """The frozen copy for this test session: built by the first process (pytest, or xdist's controller before it
    starts its workers), whose workers find it through SONET_TEST_DATA and only read it."""
    inherited = os.environ.get("SONET_TEST_DATA")
    if inherited and (Path(inherited) / "catalog.csv").exists():
        return Path(inherited)
    folder = frozen_data()
    os.environ["SONET_TEST_DATA"] = str(folder)
    return folder


# Indicator builds are kept on disk for the session, so xdist workers and the command-line runs tests start reuse
# the rows the first process built (ingest.build's cache is keyed by the raw files and the code a build depends on).
if "SONET_INDICATOR_CACHE" not in os.environ:
    os.environ["SONET_INDICATOR_CACHE"] = tempfile.mkdtemp(prefix="sonet-indicators-")
DATA = session_data()
RAW = DATA / "raw"
# The app in AppTests and the servers of browser tests read the same frozen copy.
os.environ["SONET_DATA_DIR"] = str(DATA)
# Meeting votes go to a throw-away file, never to data/state/ (servers started by tests inherit this): one file per
# test process, set here rather than inherited, since a DuckDB file held by one xdist worker (or a server it started)
# cannot be opened by another.
os.environ["SONET_VOTES_DB"] = str(Path(tempfile.mkdtemp(prefix="sonet-votes-")) / "votes.duckdb")

import queries  # noqa: E402

# Every new AppTest scans the metadata of every installed distribution for Streamlit components (0.1 s of CPU, a
# tenth of a short AppTest's); what is installed does not change during a session, so the scan's answer is kept for
# the process. The app itself scans once per server start and is not touched.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


@pytest.fixture(scope="session")
def con():
    """A DuckDB connection over the frozen copy of today's data tables."""
    connection = queries.connect(DATA)
    yield connection
    connection.close()


def pytest_report_header():
    """Say whether today's data was copied or built: a stale build stamp costs every run a full build."""
    return [f"today's data for the tests: {FROZEN_ORIGIN[0]}"] if FROZEN_ORIGIN else []


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config):
    """`-n auto` (pytest.ini): one worker more than the machine has cores, which fills a browser test's waits for
    Chromium and the server. More do not help: on 2 cores the CPU stays fully busy through the browser tests with
    four (vmstat), and the non-browser tests took 2 min 17 s with two or three workers, 2 min 42 s with four."""
    return (os.cpu_count() or 1) + 1


def pytest_collection_modifyitems(items):
    """Group tests for xdist: a module's tests share its fixtures (a browser module its server and Chromium) on one
    worker, but a parametrised browser test is a group of its own, which may start the module's server on another
    worker: test_browser.py alone would otherwise keep one worker busy for most of the run. The browser tests go
    out first, being the longest."""
    for item in items:
        item.add_marker(pytest.mark.xdist_group(xdist_group_of(item)))
    items.sort(key=lambda item: not item.get_closest_marker("browser"))


def xdist_group_of(item):
    """The module, or for a parametrised browser test the module and the test."""
    if item.get_closest_marker("browser") and hasattr(item, "callspec"):
        return f"{item.module.__name__}::{item.originalname}"
    return item.module.__name__


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}
HEALTH_TIMEOUT_S = 60


def _free_port() -> int:
    """Ask the OS for an unused port so parallel or repeated runs never collide."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _log_tail(log_path: Path, lines: int = 40) -> str:
    """Last lines of the server log, so a failed start explains itself."""
    text = log_path.read_text(errors="replace") if log_path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def _wait_healthy(proc: subprocess.Popen, base_url: str, log_path: Path) -> None:
    """Block until Streamlit's health endpoint says ok; fail fast if it died."""
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{_log_tail(log_path)}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200 and resp.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    pytest.fail(f"streamlit not healthy after {HEALTH_TIMEOUT_S}s:\n{_log_tail(log_path)}")


def _stop(proc: subprocess.Popen) -> None:
    """Terminate the server we started, killing it only if it ignores SIGTERM."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def chromium_path() -> str:
    """Debian's Chromium; in CI its absence is a failure, locally only a skip."""
    if CHROMIUM.exists():
        return str(CHROMIUM)
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing; CI must install it (apt-get install -y chromium)")
    pytest.skip(f"{CHROMIUM} not found; install it with: apt-get install -y chromium")


@pytest.fixture(scope="module")
def app_url(chromium_path: str, tmp_path_factory: pytest.TempPathFactory):
    """Run the dashboard for the whole module and yield its base URL."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    cmd = [
        sys.executable, "-m", "streamlit", "run", "dashboard.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]
    with log_path.open("wb") as log:
        # A votes file of the server's own: the test process may hold its own votes file open (a cached store of
        # an AppTest on the same worker), and DuckDB lets only one process open a file.
        env = {**os.environ, "SONET_VOTES_DB": str(log_path.parent / "votes.duckdb")}
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        _wait_healthy(proc, base_url, log_path)
        yield base_url
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def browser(chromium_path: str):
    """One headless Chromium for the module; a fresh page per test keeps tests independent."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Browser):
    """A new page in its own context, so no state leaks between tests."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def pg_cluster():
    """A throw-away PostgreSQL server for the session; in CI its absence is a failure, locally only a skip."""
    from bench import pgcluster

    if not pgcluster.available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server programs are missing; CI must install them: apt-get install -y postgresql")
        pytest.skip("PostgreSQL's server programs not found; install them with: apt-get install -y postgresql")
    cluster = pgcluster.Cluster().start()
    try:
        yield cluster
    finally:
        cluster.stop()


BACKENDS = ("duckdb", "postgresql")


@pytest.fixture(params=BACKENDS)
def vote_target(request, tmp_path):
    """Where a test's ballots go, once per backend: a DuckDB file of its own, or a PostgreSQL schema of its own."""
    if request.param == "duckdb":
        return tmp_path / "votes.duckdb"
    return request.getfixturevalue("pg_cluster").new_schema()


@pytest.fixture
def store(vote_target):
    """A fresh vote store for one test on each backend (DuckDB file, PostgreSQL schema), released afterwards."""
    from queries import vote_store

    yield vote_store.store(vote_target)
    vote_store.forget(vote_target)
