"""End-to-end meeting vote: an editor opens a round on the shared screen, two phones vote through the link shown,
the screen's results update by themselves; the server is then killed (SIGKILL) and restarted, and the ballots
are still there.

The server listens on all interfaces and the phones open exactly the link the screen shows (the machine's network
address), as phones on the meeting network would. Screenshots: tests/screenshots/vote-*.png.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page

from browser_helpers import (
    PASSWORD,
    SCREENSHOT_DIR,
    Server,
    assert_no_exception,
    count_runs,
    save_screenshot,
    wait_for_app,
    wait_for_fresh_run,
)
from conftest import DATA

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
LIVE_TIMEOUT_MS = 20_000
METRIC_JS = """() => Object.fromEntries([...document.querySelectorAll('[data-testid="stMetric"]')].map(m => [
  m.querySelector('[data-testid="stMetricLabel"]').innerText.trim(),
  m.querySelector('[data-testid="stMetricValue"]').innerText.trim()]))"""


@pytest.fixture
def server(tmp_path):
    """A running server for one test."""
    srv = Server(tmp_path)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


# The live results' two charts (Borda ranking, importance against feasibility), each with its SVG drawn.
RESULT_CHARTS_DRAWN_JS = """() => {
  const plots = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')];
  return plots.length >= 2 && plots.every(p => p.querySelector('.main-svg'));
}"""


def active(locator: Locator, timeout_s: float = 30) -> Locator:
    """The first match that is not inside an inert subtree: react-aria keeps hidden, inert copies of tabs and
    list items in the page, and Playwright would otherwise wait on those forever."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for candidate in locator.all():
            if candidate.evaluate("e => !e.closest('[inert]')"):
                return candidate
        time.sleep(0.2)
    raise AssertionError(f"no active element for {locator}")


def metrics(page: Page) -> dict:
    """The metrics on the page, label -> value."""
    return page.evaluate(METRIC_JS)


def wait_metric(page: Page, label: str, value: str) -> None:
    """Wait until the metric `label` shows `value` (the page refreshing itself, never reloaded)."""
    page.wait_for_function(f"() => ({METRIC_JS})()[{label!r}] === {value!r}", timeout=LIVE_TIMEOUT_MS)


def open_round_as_editor(page: Page, base: str, title: str) -> tuple[str, str]:
    """Log in on the Priorities page's vote tab and open a round; returns (join code, link shown)."""
    page.goto(f"{base}/priorities?lang=en", wait_until="domcontentloaded")
    wait_for_app(page)
    active(page.get_by_role("tab", name="Meeting vote")).click()
    active(page.locator('[data-testid="stExpander"] summary').filter(has_text="Editor login")).click()
    page.get_by_label("Password", exact=True).fill("wrong password")
    page.get_by_role("button", name="Log in").click()
    wait_for_app(page)
    page.get_by_text("Wrong password.").wait_for()
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    wait_for_app(page)
    page.get_by_label("Name of the round", exact=True).fill(title)
    page.get_by_role("button", name="Open the round").click()
    wait_for_app(page)
    code = metrics(page)["Join code"]
    link = page.locator('[data-testid="stCode"]').first.inner_text().strip()
    return code, link


def vote_on_phone(browser: Browser, link: str, places: list[int], name: str, shot: str | None) -> Page:
    """A phone in its own browser context opens the link (the light ballot page), fills a ballot, sends it and sees
    it received."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    phone = context.new_page()
    phone.goto(link, wait_until="domcontentloaded")
    if shot:
        phone.screenshot(path=str(SCREENSHOT_DIR / f"{shot}-empty.png"), full_page=True)
    if name:
        phone.get_by_label("Name (optional)", exact=True).fill(name)
    for place, area in enumerate(places, start=1):
        phone.get_by_label(f"Place {place}", exact=True).select_option(str(area))
    phone.locator('select[name="imp1"]').select_option("5")
    phone.locator('select[name="fea1"]').select_option("2")
    phone.get_by_role("button", name="Send").click()
    received = phone.locator("p.ok")
    received.wait_for()
    assert received.inner_text().startswith("Received")
    if shot:
        phone.screenshot(path=str(SCREENSHOT_DIR / f"{shot}-received.png"), full_page=True)
    return phone


def test_meeting_vote_end_to_end(server: Server, browser: Browser) -> None:
    """Editor opens a round; two phones vote; the shared screen shows 2 ballots and area 3 on top without a
    reload; after the server is SIGKILLed and restarted, both ballots are still counted."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    screen = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    code, link = open_round_as_editor(screen, server.url, "Development day 12 April 2019")
    assert re.fullmatch(r"[A-Z2-9]{4}", code)
    assert link.endswith(f":{server.port}/ballot?round={code}&lang=en"), link
    assert screen.locator('[data-testid="stImage"] img').count() == 1
    screen.evaluate("() => { window.__notReloaded = true; }")
    count_runs(screen)
    wait_metric(screen, "Ballots", "0")

    vote_on_phone(browser, link, [3, 7, 1, 11, 5], "Anna", shot="vote-phone")
    second = vote_on_phone(browser, link, [3, 1, 7, 2, 9], "", shot=None)

    wait_metric(screen, "Ballots", "2")
    wait_metric(screen, "Leading", "3.")
    assert screen.evaluate("() => window.__notReloaded === true"), "the shared screen was reloaded"
    screen.wait_for_function(RESULT_CHARTS_DRAWN_JS, timeout=LIVE_TIMEOUT_MS)
    assert_no_exception(screen)
    save_screenshot(screen, "vote-shared-screen")

    second.get_by_role("link", name="Change your ballot").click()
    second.get_by_role("button", name="Send").click()
    assert "replaced the earlier one" in second.locator("p.ok").inner_text()
    wait_for_fresh_run(screen)
    assert metrics(screen)["Ballots"] == "2"

    server.kill()
    server.start()
    after = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    after.goto(f"{server.url}/priorities?lang=en", wait_until="domcontentloaded")
    wait_for_app(after)
    wait_metric(after, "Ballots", "2")
    wait_metric(after, "Join code", code)
    assert metrics(after)["Leading"] == "3."


def test_a_phone_reads_every_focus_area_title_in_full(tmp_path: Path, browser: Browser) -> None:
    """On a 360 px phone the ballot lists the 11 titles in full within the screen, and a place's select, which
    shows only the start of a long title, has the chosen title in full under it (area 5's is 150 characters)."""
    import queries
    from queries import vote_store

    srv = Server(tmp_path)
    seeded = vote_store.open_store(tmp_path / "votes.duckdb")
    code = seeded.open_round("Titles")
    seeded.close()
    titles = dict(queries.run(queries.connect(DATA), "priorities")[["id", "title_fi"]].itertuples(
        index=False))
    srv.start()
    try:
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        phone = context.new_page()
        phone.goto(f"{srv.url}/ballot?round={code}", wait_until="domcontentloaded")
        listed = phone.locator("ol.areas li")
        assert listed.all_inner_texts() == [titles[a] for a in sorted(titles)]
        assert all(box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
                   for box in (item.bounding_box() for item in listed.all()))
        place = phone.locator("fieldset").nth(1)
        assert place.locator(".full:visible").count() == 0
        phone.get_by_label("2. sija", exact=True).select_option("5")
        shown = place.locator(".full:visible")
        assert shown.all_inner_texts() == [f"5. {titles[5]}"] and len(titles[5]) > 100
        box = shown.bounding_box()
        assert box["x"] + box["width"] <= PHONE["width"] and box["height"] > 40  # wrapped, not cut
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(SCREENSHOT_DIR / "ballot-phone-full-title-fi.png"), full_page=True)
        context.close()
    finally:
        srv.stop()
