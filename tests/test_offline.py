"""The server makes no request outside the machine: started as a user starts it, through a guard that logs any."""
import subprocess
import sys

import pytest

from browser_helpers import CHART_SVG, DIALOG_WATCH_JS, EXCEPTION, dialogs_seen, open_page
from conftest import ROOT, VIEWPORT, _free_port, _stop, _wait_healthy

GUARD = ROOT / "tests" / "netguard.py"


def guarded(log, *command):
    """The command line that runs `command` (python's arguments) under the network guard."""
    return [sys.executable, str(GUARD), str(log), *command]


def test_the_guard_sees_an_outbound_request(tmp_path):
    """A program that asks for an outside address is logged (so an empty log below means something)."""
    log = tmp_path / "net.log"
    script = (
        "import urllib.request\n"
        "try:\n    urllib.request.urlopen('http://checkip.example.org', timeout=1)\nexcept OSError:\n    pass\n"
    )
    subprocess.run(guarded(log, str(_write(tmp_path, script))), check=True)
    assert "lookup 'checkip.example.org'" in log.read_text()


def _write(folder, text):
    """A throw-away script file."""
    path = folder / "probe.py"
    path.write_text(text)
    return path


@pytest.mark.browser
def test_a_fresh_server_opens_a_deep_link_whole_and_reaches_nothing_outside(tmp_path, browser):
    """`streamlit run dashboard.py` (no address given, as in the README) serving three pages logs no outbound
    attempt. Its very first request is a deep link: that page shows whole, and no 'Page not found' dialog opens at
    any moment of its load (the other browser tests rely on this and open deep links on fresh servers)."""
    log, port = tmp_path / "net.log", _free_port()
    base_url = f"http://127.0.0.1:{port}"
    server_log = tmp_path / "server.log"
    with server_log.open("wb") as out:
        proc = subprocess.Popen(
            guarded(log, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port)),
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        _wait_healthy(proc, base_url, server_log)
        page = browser.new_page(viewport=VIEWPORT)
        page.add_init_script(DIALOG_WATCH_JS)
        open_page(page, base_url + "/funding?lang=en")
        assert dialogs_seen(page) == 0
        assert page.locator('[role="dialog"]').count() == 0
        assert page.locator(EXCEPTION).count() == 0
        assert page.locator("h1").first.inner_text() == "Funding"
        assert page.locator('[data-testid="stSidebarNav"]').inner_text().count("Data and sources") == 1
        open_page(page, base_url + "/")
        page.wait_for_selector(CHART_SVG)
        open_page(page, base_url + "/priorities?lang=sv")
        page.close()
    finally:
        _stop(proc)
    attempts = log.read_text() if log.exists() else ""
    assert not attempts, attempts
    assert "external IP" not in server_log.read_text()
