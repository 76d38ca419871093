"""End-to-end open question: phones (360 px Chromium) answer and up-vote on the light ballot page, the shared screen
(the Priorities page, 1440x900 and 360 px, and its projector view) shows the answers by itself, most up-voted first,
in fi, sv and en. Screenshots: tests/screenshots/question-*.png."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, Page

from browser_helpers import SCREENSHOT_DIR, Server, assert_no_exception, wait_for_app
from locales import translate

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
SCREEN = {"width": 1440, "height": 900}
SIZES = {"screen": SCREEN, "narrow": PHONE}
LIVE_TIMEOUT_MS = 20_000
QUESTION = "Mikä on alueemme sosiaalipalvelujen suurin haaste?"


@pytest.fixture
def seeded(tmp_path):
    """A server whose vote file holds an open round with an open question: (server, code, question id)."""
    from queries import vote_store

    srv = Server(tmp_path)
    store = vote_store.open_store(tmp_path / "votes.duckdb")
    code = store.open_round("Kehittämispäivä 29.1.2019")
    qid = store.open_question(code, QUESTION)
    store.close()
    srv.start()
    try:
        yield srv, code, qid
    finally:
        srv.stop()


def phone(browser: Browser, base: str, code: str, lang: str) -> Page:
    """A phone in its own browser context on the round's ballot page, gone on to the question's page."""
    page = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    page.goto(f"{base}/ballot?round={code}&lang={lang}", wait_until="domcontentloaded")
    page.get_by_role("link", name=translate(lang, "question.phone_answer")).click()
    page.get_by_role("heading", name=QUESTION).wait_for()
    return page


def send_answer(page: Page, lang: str, text: str) -> None:
    """Type an answer in the new-answer box, send it and wait for its receipt."""
    page.get_by_label(translate(lang, "question.phone_new"), exact=True).fill(text)
    page.get_by_role("button", name=translate(lang, "question.phone_send")).click()
    page.locator("p.ok").wait_for()


def fits(page: Page) -> bool:
    """Nothing on the page is wider than the phone's screen."""
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


# The answer cards on the shared screen, in order, as their visible text with white space collapsed.
CARDS_JS = """() => [...document.querySelectorAll('[class*="st-key-answer-live-"]')].map(
  c => c.innerText.replace(/\\s+/g, ' ').trim())"""


def cards(screen: Page) -> list[str]:
    """The answer cards on the shared screen, in order, as their visible text."""
    return [re.sub(r"\s+", " ", t).strip() for t in
            screen.locator('[class*="st-key-answer-live-"]').all_inner_texts()]


def test_phones_answer_and_upvote_and_the_shared_screen_follows(seeded, browser: Browser) -> None:
    """Ben sends one answer (sv); Anna sends two (fi) and up-votes Ben's, never her own; the shared screen, never
    reloaded, lists Ben's first with one up-vote, then Anna's two. Screenshots of the phones (fi, sv, en) and the
    screen (fi, sv, en at 1440x900 and 360 px, and the projector view)."""
    server, code, qid = seeded
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    screen = browser.new_context(viewport=SCREEN).new_page()
    screen.goto(f"{server.url}/priorities?lang=fi", wait_until="domcontentloaded")
    wait_for_app(screen)
    screen.get_by_text(QUESTION).first.wait_for()
    screen.evaluate("() => { window.__notReloaded = true; }")

    ben = phone(browser, server.url, code, "sv")
    send_answer(ben, "sv", "Långa avstånd <b>överallt</b>")
    anna = phone(browser, server.url, code, "fi")
    send_answer(anna, "fi", "Henkilöstöpula")
    send_answer(anna, "fi", "Digitalisaation hitaus")
    assert anna.locator('form.own input[name="text"]').count() == 2
    upvotes = anna.locator("ul.answers li").filter(has_text="Långa avstånd")
    assert "<b>överallt</b>" in upvotes.inner_text()
    upvotes.get_by_role("button", name=re.compile(translate("fi", "question.phone_upvote"))).click()
    anna.locator("p.ok").filter(has_text=translate("fi", "question.phone_upvote_done")).wait_for()
    assert anna.locator("ul.answers li").filter(has_text="Henkilöstöpula").count() == 0  # own: under "yours"
    assert fits(anna) and fits(ben)
    anna.screenshot(path=str(SCREENSHOT_DIR / "question-phone-fi.png"), full_page=True)
    ben.reload()
    assert ben.locator("ul.answers li").filter(has_text="Henkilöstöpula").get_by_role("button").count() == 1
    ben.screenshot(path=str(SCREENSHOT_DIR / "question-phone-sv.png"), full_page=True)
    english = phone(browser, server.url, code, "en")
    english.screenshot(path=str(SCREENSHOT_DIR / "question-phone-en.png"), full_page=True)

    expected = ["▲ 1 Långa avstånd <b>överallt</b>", "▲ 0 Henkilöstöpula", "▲ 0 Digitalisaation hitaus"]
    screen.wait_for_function(f"() => JSON.stringify(({CARDS_JS})()) === JSON.stringify({json.dumps(expected)})",
                             timeout=LIVE_TIMEOUT_MS)
    assert cards(screen) == expected
    assert screen.evaluate("() => window.__notReloaded === true"), "the shared screen was reloaded"
    assert_no_exception(screen)
    screen.context.close()
    # Each language at both sizes: the two pages of a language load side by side, in a context each that the next
    # language reuses.
    pages = {name: browser.new_context(viewport=viewport).new_page() for name, viewport in SIZES.items()}
    for lang in ("fi", "sv", "en"):
        for page in pages.values():
            page.goto(f"{server.url}/priorities?lang={lang}", wait_until="domcontentloaded")
        for name, page in pages.items():
            wait_for_app(page)
            page.locator('[class*="st-key-answer-live-"]').nth(2).wait_for(timeout=LIVE_TIMEOUT_MS)
            assert_no_exception(page)
            page.locator('[class*="st-key-answer-live-"]').first.scroll_into_view_if_needed()
            page.screenshot(path=str(SCREENSHOT_DIR / f"question-{name}-{lang}.png"))
            if name == "narrow":
                assert page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth"
                                     " <= window.innerWidth + 1")
            if name == "screen" and lang == "fi":
                page.locator(f".st-key-question-projector-{qid} button").click()
                page.locator('[class*="st-key-answer-projector-"]').nth(2).wait_for(timeout=LIVE_TIMEOUT_MS)
                wait_for_app(page)
                page.screenshot(path=str(SCREENSHOT_DIR / "question-projector-fi.png"))
    for page in pages.values():
        page.context.close()
