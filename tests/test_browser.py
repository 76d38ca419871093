"""End-to-end checks: every page renders in every language in headless Chromium.

The app is started once per module with `streamlit run dashboard.py` on a free
port, and Debian's Chromium is driven through Playwright's sync API (Playwright's
own browser download is never used).
"""

from __future__ import annotations

import urllib.request
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_helpers import (
    CHART_SVG,
    CHART_TIMEOUT_MS,
    LANGS,
    RUN_TIMEOUT_MS,
    SETTLE_MS,
    WARNING,
    assert_chart_rendered,
    assert_no_exception,
    is_local,
    open_page,
    save_screenshot,
    wait_for_app,
)

pytestmark = pytest.mark.browser

PAGES = {
    "overview": "/",
    "funding": "/funding",
    "priorities": "/priorities",
    "disparity": "/disparity",
    "profile": "/profile",
    "data": "/data",
}
CHART_PAGES = {"overview", "funding", "disparity", "profile"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_and_fetches_nothing_from_outside(app_url: str, page: Page, name: str, lang: str) -> None:
    """Every page in every language renders without an exception (and with a chart where expected), and works
    offline: of the requests its load made, up to the full-page screenshot, none leaves the machine."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, f"{app_url}{PAGES[name]}?lang={lang}")
    assert_no_exception(page)
    if name in CHART_PAGES:
        assert_chart_rendered(page)
    save_screenshot(page, f"{name}-{lang}")
    assert_no_exception(page)
    external = sorted({url for url in requested if not is_local(url)})
    assert requested, "no requests were recorded"
    assert not external, f"external requests from {name} ({lang}): {external}"


def test_bad_query_params_fall_back_with_warning(app_url: str, page: Page) -> None:
    """Garbage in the URL must give the default view plus a warning, never a crash."""
    open_page(page, f"{app_url}/?year=abc&lang=xx&area=;drop")
    assert_no_exception(page)
    assert page.locator(WARNING).count() >= 1, "no warning shown for bad query params"
    assert_chart_rendered(page)
    save_screenshot(page, "overview-bad-params")


MAP_CANVAS = '[data-testid="stPlotlyChart"] canvas.maplibregl-canvas'
# Plotly's hover and click on a Choroplethmap need each municipality's polygons; they exist once the map has drawn.
MAP_POLYGONS_JS = """() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g._fullLayout && g._fullLayout.map);
  return gd ? gd.calcdata[0].filter(p => p._polygons && p._polygons.length).length : 0;
}"""


def block_the_internet(page: Page) -> list[str]:
    """Abort every request to a host other than the app's, recording its address."""
    blocked: list[str] = []

    def route(route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return blocked


def wait_for_map(page: Page) -> int:
    """Wait until the map canvas is there and its municipalities are drawn; return how many are."""
    page.wait_for_selector(MAP_CANVAS, timeout=CHART_TIMEOUT_MS)
    page.wait_for_function(f"({MAP_POLYGONS_JS})() > 0", timeout=CHART_TIMEOUT_MS)
    return page.evaluate(MAP_POLYGONS_JS)


def selected_area(page: Page) -> str:
    """The `area` parameter of the current link."""
    return dict(p.split("=", 1) for p in urlsplit(page.url).query.split("&"))["area"]


# The map ignores clicks while MapLibre is still fitting its view or loading tiles of its own.
MAP_IDLE_JS = """() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g._fullLayout && g._fullLayout.map);
  const map = gd && gd._fullLayout.map._subplot && gd._fullLayout.map._subplot.map;
  return !!map && map.loaded() && !map.isMoving();
}"""
CLICK_ATTEMPTS = 3


def click_until_area_changes(page: Page, click, before: str) -> str:
    """Click, then wait for the link's `area` to change; on a busy machine the first click may land mid-rerun."""
    for _ in range(CLICK_ATTEMPTS):
        click()
        try:
            page.wait_for_function(
                f"() => new URLSearchParams(location.search).get('area') !== {before!r}",
                timeout=RUN_TIMEOUT_MS / CLICK_ATTEMPTS,
            )
        except PlaywrightTimeout:
            continue
        wait_for_app(page)
        return selected_area(page)
    pytest.fail(f"{CLICK_ATTEMPTS} clicks did not change the selected area from {before}: {page.url}")


@pytest.mark.parametrize("scope, municipalities", [("SB", 40), ("SSS", 308)])
def test_map_renders_with_the_internet_blocked(app_url: str, page: Page, scope: str, municipalities: int) -> None:
    """Every host but the app's is cut off: the map still draws every municipality, and nothing was asked for."""
    blocked = block_the_internet(page)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    # 2016's unemployment rate has a figure for every municipality (the jobseeker share lacks small Åland ones).
    open_page(page, f"{app_url}/disparity?lang=en&scope={scope}&indicator=unemployment_rate&year=2016")
    assert_no_exception(page)
    assert wait_for_map(page) == municipalities
    page.wait_for_timeout(SETTLE_MS)
    assert requested and not blocked, f"requests that would leave the machine: {blocked}"
    assert not [url for url in requested if not is_local(url)]
    save_screenshot(page, f"disparity-map-{scope}")


def test_clicks_on_map_and_bars_highlight_and_open_the_profile(app_url: str, page: Page) -> None:
    """A click on the map, then on a bar, picks that municipality; the button opens its profile in Swedish."""
    open_page(page, f"{app_url}/disparity?lang=sv&year=2016&scope=SB&area=905")
    wait_for_map(page)
    page.wait_for_function(MAP_IDLE_JS, timeout=CHART_TIMEOUT_MS)
    box = page.locator(MAP_CANVAS).bounding_box()
    on_map = click_until_area_changes(
        page, lambda: page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2), "905")
    assert on_map != "905"
    bars = page.locator('[data-testid="stPlotlyChart"]').nth(1).locator("g.point")
    on_bars = click_until_area_changes(page, lambda: bars.nth(0).click(force=True), on_map)
    assert on_bars not in ("905", on_map)
    button = page.get_by_role("button", name="Öppna kommunprofilen")
    name = button.inner_text().split(": ", 1)[1]
    button.click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/profile", timeout=RUN_TIMEOUT_MS)
    wait_for_app(page)
    assert urlsplit(page.url).path == "/profile" and selected_area(page) == on_bars
    assert page.locator("h3").first.inner_text().startswith(f"{name}:")
    assert_chart_rendered(page)


def test_profile_of_a_municipality_with_a_swedish_name(app_url: str, page: Page) -> None:
    """Korsholm (Mustasaari, 499) in Swedish: its Swedish name, the generated text and both charts."""
    open_page(page, f"{app_url}/profile?lang=sv&area=499")
    assert_no_exception(page)
    assert_chart_rendered(page)
    assert page.locator("h3").first.inner_text().startswith("Korsholm:")
    assert page.get_by_text("Där Korsholm skiljer sig mest från Finlands kommuner, jämfört med kommunernas "
                            "medelvärde samma år:").count() == 1
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 2
    save_screenshot(page, "profile-korsholm-sv")


def test_unknown_indicator_in_the_link_falls_back_with_a_notice(app_url: str, page: Page) -> None:
    """?indicator=nope on the disparity page: a warning naming the parameter, then the default indicator's map."""
    open_page(page, f"{app_url}/disparity?lang=en&indicator=nope")
    assert_no_exception(page)
    assert "“indicator”" in page.locator(WARNING).first.inner_text()
    wait_for_map(page)
    assert "indicator=jobseekers_pct" in page.url


def test_the_served_page_preloads_plotly_from_the_app_itself(app_url: str) -> None:
    """`streamlit run dashboard.py` serves through st.App: a deep link's page names the Plotly bundle to preload,
    and the app serves that file."""
    from ui.warm import plotly_bundle

    page = urllib.request.urlopen(f"{app_url}/funding", timeout=10).read().decode("utf-8")
    link = f'<link rel="modulepreload" crossorigin href="./static/js/{plotly_bundle()}"></head>'
    assert page.count(link) == 1
    with urllib.request.urlopen(f"{app_url}/static/js/{plotly_bundle()}", timeout=10) as bundle:
        assert bundle.status == 200 and len(bundle.read()) > 1_000_000


def test_the_finnish_vote_title_stays_on_one_line_on_a_phone(browser: Browser, app_url: str) -> None:
    """On a 360 px phone, the ballot page's "Painopisteäänestys" is not broken in the middle of the word."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, is_mobile=True)
    try:
        phone = context.new_page()
        phone.goto(f"{app_url}/ballot?lang=fi", wait_until="load")
        title = phone.locator("h1").first
        assert title.inner_text() == "Painopisteäänestys"
        # Line boxes of the title's own text.
        lines = title.evaluate("""h => {
          const text = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
          const tops = new Set();
          for (let node = text.nextNode(); node; node = text.nextNode()) {
            const r = document.createRange(); r.selectNodeContents(node);
            for (const box of r.getClientRects()) tops.add(Math.round(box.top));
          }
          return tops.size; }""")
        assert lines == 1
    finally:
        context.close()


# Every text drawn in the charts' SVG (titles, axis and bar labels, line labels, colour bar) and the map's own
# canvas, as boxes on the page: what a phone would cut off at its edges.
CHART_BOXES_JS = """() => {
  const boxes = [];
  for (const el of document.querySelectorAll(
      '.js-plotly-plot .main-svg text, .js-plotly-plot .infolayer text, .js-plotly-plot .maplibregl-canvas')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (el.textContent || el.tagName === 'CANVAS'))
      boxes.push({text: (el.textContent || el.tagName).slice(0, 60), left: r.left, right: r.right});
  }
  return boxes; }"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["disparity?", "?year=2019&", "funding?year=2019&", "profile?"])
def test_the_charts_fit_a_360_px_phone(browser: Browser, app_url: str, lang: str, path: str) -> None:
    """On a 360 px phone every title, label, legend line and the map itself lie within the screen on the
    Disparity, Overview, Funding and Profile pages (titles, bar labels and legend lines ran off the edges, the map
    lost both of its sides, and the profile's row labels took the width of its bands)."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, is_mobile=True)
    try:
        phone = context.new_page()
        open_page(phone, f"{app_url}/{path}lang={lang}")
        phone.wait_for_selector(CHART_SVG, timeout=CHART_TIMEOUT_MS)
        if path.startswith("disparity"):
            phone.wait_for_selector(".js-plotly-plot .maplibregl-canvas", timeout=CHART_TIMEOUT_MS)
        phone.wait_for_timeout(SETTLE_MS)
        boxes = phone.evaluate(CHART_BOXES_JS)
        assert any(b["text"] == "CANVAS" for b in boxes) or not path.startswith("disparity")
        outside = [b for b in boxes if b["left"] < -0.5 or b["right"] > 360.5]
        assert not outside, outside
    finally:
        context.close()
