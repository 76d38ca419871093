"""The Priorities page's action plan in Chromium, on a copy of data/ with the synthetic test plan of
tests/test_action_plan.py loaded: the chart of actions by status and the per-focus-area tables at 1440x900 (the
shared screen) and on a 360 px phone, in fi, sv and en; every chart element within the phone's screen.
Screenshots: tests/screenshots/priorities-plan-{screen,phone}-{lang}.png."""
from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from browser_helpers import (
    CHART_SVG,
    CHART_TIMEOUT_MS,
    LANGS,
    MAIN_OVERFLOW_JS,
    SCREENSHOT_DIR,
    SETTLE_MS,
    Server,
    assert_no_exception,
    open_page,
)
from datacopy import copy_data
from locales import translate
from plan_helpers import PLAN, upload

pytestmark = pytest.mark.browser
# Written last into the shared data copy with the plan: the copy is whole.
DONE = ".plan-loaded"
VIEWPORTS = {"screen": {"width": 1440, "height": 900}, "phone": {"width": 360, "height": 800}}


def planned_data(tmp_path_factory) -> Path:
    """A data copy with the test plan loaded, made once per session: the upload rebuilds every table (about 20 s
    of CPU), and each case is an xdist group of its own, so may run on another worker with a server of its own.
    Under xdist, the first worker to ask makes it in the session's shared temporary folder, holding a lock while
    the others wait; the servers only read it."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return make_planned(tmp_path_factory.mktemp("plan") / "data")
    shared = tmp_path_factory.getbasetemp().parent
    with (shared / "action-plan.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        folder = shared / "action-plan-data"
        if not (folder / DONE).exists():
            shutil.rmtree(folder, ignore_errors=True)
            make_planned(folder)
        return folder


def make_planned(folder: Path) -> Path:
    """`folder`: a copy of today's data with the test plan uploaded as the Data page does it, marked done."""
    copy_data(folder)
    upload(folder, PLAN)
    (folder / DONE).touch()
    return folder


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    """A server over the data with the test plan loaded."""
    srv = Server(tmp_path_factory.mktemp("plan-server"))
    srv.env["SONET_DATA_DIR"] = str(planned_data(tmp_path_factory))
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("shot", VIEWPORTS)
def test_priorities_shows_the_plan_on_the_screen_and_a_phone(planned, browser: Browser, lang, shot) -> None:
    """The 'Actions and progress' tab: its chart drawn, the late action marked, nothing off a phone's screen."""
    viewport = VIEWPORTS[shot]
    context = browser.new_context(viewport=viewport, is_mobile=shot == "phone")
    try:
        page = context.new_page()
        open_page(page, f"{planned.url}/priorities?lang={lang}")
        page.get_by_role("tab", name=translate(lang, "plan.tab")).click()
        page.wait_for_selector(CHART_SVG, timeout=CHART_TIMEOUT_MS)
        page.get_by_text(translate(lang, "plan.chart_title", centre="SONet BOTNIA")[:20]).first.wait_for()
        page.wait_for_timeout(SETTLE_MS)
        assert_no_exception(page)
        if shot == "phone":
            box = page.locator(CHART_SVG).first.bounding_box()
            assert box["x"] >= -0.5 and box["x"] + box["width"] <= 360.5, box
        height = viewport["height"] + int(page.evaluate(MAIN_OVERFLOW_JS))
        page.set_viewport_size({"width": viewport["width"], "height": min(height, 6000)})
        page.wait_for_timeout(SETTLE_MS)
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT_DIR / f"priorities-plan-{shot}-{lang}.png"), full_page=True)
    finally:
        context.close()
