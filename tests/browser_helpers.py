"""What the browser tests share: waiting for the app's run to finish, catching an exception box, full-page
screenshots, what counts as a local address, and a server with an editor of its own that can be killed and
restarted. The module-wide server and Chromium fixtures are in conftest.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from conftest import ROOT, VIEWPORT, _free_port, _wait_healthy
from ui.auth import hash_password

SCREENSHOT_DIR = Path(__file__).resolve().parent / "screenshots"
MAX_SCREENSHOT_HEIGHT = 12000
RUN_TIMEOUT_MS = 60_000
CHART_TIMEOUT_MS = 30_000
SETTLE_MS = 750
# The editor password of a Server started here.
PASSWORD = "correct horse battery staple"

LANGS = ("fi", "sv", "en")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
INLINE_SCHEMES = {"data", "blob", "about"}

EXCEPTION = '[data-testid="stException"]'
CHART_SVG = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
WARNING = '[data-testid="stAlertContentWarning"]'
APP_IDLE = (
    '[data-testid="stApp"]'
    '[data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)
RUNNING_ICON = (
    '[data-testid="stStatusWidgetRunningIcon"], '
    '[data-testid="stStatusWidgetRunningManIcon"]'
)

# Height hidden by the scrolling ancestors of the main block; inner scrollers
# such as dataframe grids are deliberately ignored.
MAIN_OVERFLOW_JS = """() => {
  let el = document.querySelector('[data-testid="stMainBlockContainer"]');
  let hidden = 0;
  for (; el; el = el.parentElement) {
    hidden = Math.max(hidden, el.scrollHeight - el.clientHeight);
  }
  return hidden;
}"""



def wait_for_app(page: Page) -> None:
    """Wait until the script has finished and stays finished.

    Streamlit may rerun right after the first run (navigation, query params),
    so idleness must hold across a short settle period, not just once.
    """
    page.wait_for_selector('[data-testid="stApp"]', timeout=RUN_TIMEOUT_MS)
    deadline = time.monotonic() + RUN_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        page.wait_for_selector(APP_IDLE, timeout=RUN_TIMEOUT_MS)
        page.wait_for_timeout(SETTLE_MS)
        if page.locator(APP_IDLE).count() and not page.locator(RUNNING_ICON).count():
            return
    pytest.fail(f"app still running after {RUN_TIMEOUT_MS} ms: {page.url}")


# Counts the app's finished script runs (fragment reruns included) from the moment it is evaluated on a page.
RUN_COUNTER_JS = """() => {
  window.__runsFinished = 0;
  new MutationObserver(changes => {
    for (const c of changes)
      if (c.target.getAttribute(c.attributeName) === 'notRunning' && c.oldValue !== 'notRunning')
        window.__runsFinished += 1;
  }).observe(document.querySelector('[data-testid="stApp"]'),
             {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
}"""


def count_runs(page: Page) -> None:
    """Start counting the page's finished script runs (see wait_for_fresh_run)."""
    page.evaluate(RUN_COUNTER_JS)


def wait_for_fresh_run(page: Page, timeout_ms: float = RUN_TIMEOUT_MS) -> None:
    """Wait until a run that began after this call has finished (the page counts runs since count_runs): the second
    run to finish from now on, since the first may have begun before. A page's self-refreshing fragments then show
    what the server held at this call."""
    seen = page.evaluate("() => window.__runsFinished")
    page.wait_for_function(f"() => window.__runsFinished >= {seen + 2}", timeout=timeout_ms)


def open_page(page: Page, url: str) -> None:
    """Navigate and wait for the app's run to complete."""
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app(page)


def assert_no_exception(page: Page) -> None:
    """A Streamlit exception box means the page crashed, even if it looks rendered."""
    boxes = page.locator(EXCEPTION)
    details = boxes.first.inner_text() if boxes.count() else ""
    assert boxes.count() == 0, f"stException on {page.url}:\n{details}"


def assert_chart_rendered(page: Page) -> None:
    """Plotly draws asynchronously, so wait for its SVG rather than the container."""
    page.wait_for_selector(CHART_SVG, timeout=CHART_TIMEOUT_MS)
    assert page.locator(CHART_SVG).count() >= 1


def save_screenshot(page: Page, name: str) -> Path:
    """Capture the whole page for a human to look at.

    Streamlit scrolls inside its own container, so a plain full-page shot would
    stop at the viewport; grow the viewport to the content height first.
    """
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    overflow = page.evaluate(MAIN_OVERFLOW_JS)
    height = min(VIEWPORT["height"] + int(overflow), MAX_SCREENSHOT_HEIGHT)
    if height > VIEWPORT["height"]:
        page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
        page.wait_for_timeout(SETTLE_MS)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(VIEWPORT)
    return path


# Counts every DOM change that leaves a dialog on the page, from the first script on: a dialog that opens and closes
# again during the load (Streamlit's "Page not found" on a fresh server) is still seen.
DIALOG_WATCH_JS = """new MutationObserver(() => {
  if (document.querySelector('[role="dialog"]')) window.__dialogs = (window.__dialogs || 0) + 1;
}).observe(document, {subtree: true, childList: true});"""


def dialogs_seen(page: Page) -> int:
    """How many DOM changes showed a dialog since the page's load began (the page needs DIALOG_WATCH_JS)."""
    return page.evaluate("() => window.__dialogs || 0")


def is_local(url: str) -> bool:
    """Only the app itself may be contacted; inline data/blob URLs never leave the machine."""
    parts = urlsplit(url)
    if parts.scheme in INLINE_SCHEMES:
        return True
    return parts.hostname in LOCAL_HOSTS


class Server:
    """The dashboard on a free port with a vote file and secrets of its own; can be killed and started again."""

    def __init__(self, tmp: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp / "server.log"
        self.secrets = tmp / "secrets.toml"
        self.secrets.write_text(f'[editors]\npassword_hash = "{hash_password(PASSWORD)}"\n', encoding="utf-8")
        self.env = {**os.environ, "SONET_VOTES_DB": str(tmp / "votes.duckdb")}
        self.env.pop("SONET_PUBLIC_URL", None)
        self.proc = None

    def start(self):
        """Start streamlit on all interfaces (phones use the network address) and wait until healthy."""
        cmd = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
               "--server.port", str(self.port), "--server.address", "0.0.0.0",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
               "--secrets.files", str(self.secrets)]
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=self.env)
        _wait_healthy(self.proc, self.url, self.log)

    def kill(self):
        """SIGKILL: no shutdown code runs, as in a power cut of the process."""
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        """Terminate the server if it still runs."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
