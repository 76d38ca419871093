"""A participant named like Markdown: when someone opens the link their ballot was sent with, the ballot page's notice
shows the name as typed, with no link in it and no request to the address it names (issue 16). Screenshot:
tests/screenshots/vote-markdown-name-{phone,screen}.png."""
from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from browser_helpers import SCREENSHOT_DIR, Server
from queries import vote_store

pytestmark = pytest.mark.browser

NAME = "![](http://host/t)[again](http://host/)"


@pytest.fixture
def voted(tmp_path):
    """A vote file with one ballot sent under the Markdown name, and a server over it."""
    path = tmp_path / "votes.duckdb"
    store = vote_store.DuckDBStore(path)
    code = store.open_round("Kehittämispäivä")
    token = store.issue_token(code, ("their-phone", "127.0.0.1"))
    store.submit(code, token, [4, 2, 7], name=NAME)
    store.close()
    srv = Server(tmp_path)
    srv.start()
    try:
        yield srv, code, token
    finally:
        srv.stop()


@pytest.mark.parametrize("viewport, shot", [({"width": 360, "height": 740}, "phone"),
                                            ({"width": 1440, "height": 900}, "screen")])
def test_a_markdown_name_is_shown_as_text(voted, browser: Browser, viewport, shot) -> None:
    """The "already used" notice and the name line: the literal text is on the page; no <a> or <img> points at
    the host, and the browser never asks for it."""
    srv, code, token = voted
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{srv.url}/ballot?round={code}&voter={token}&lang=en", wait_until="load")
    page.get_by_text("This link has already been used").wait_for()
    page.get_by_text(f"Name: {NAME}", exact=True).wait_for()
    page.wait_for_timeout(1000)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"vote-markdown-name-{shot}.png"), full_page=True)
    assert page.locator('a[href*="host"], img[src*="host"]').count() == 0
    assert [u for u in requests if "//host" in u] == []
    context.close()
