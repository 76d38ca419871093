"""Presentation material in headless Chromium (#6): presentation mode, the slide and data downloads as the
server really runs their deferred callbacks, and the print layout.

Uses the server and browser fixtures of conftest.py.
"""
import io
import shutil
import subprocess
from functools import partial

import pandas as pd
import pytest
from playwright.sync_api import expect
from pptx import Presentation

from browser_helpers import assert_no_exception, open_page, save_screenshot, wait_for_app
from locales import translate

pytestmark = pytest.mark.browser

PLOT = '[data-testid="stPlotlyChart"] .js-plotly-plot'
SIDEBAR = '[data-testid="stSidebar"]'
CHART_TIMEOUT_MS = 30_000
DOWNLOAD_TIMEOUT_MS = 60_000


def chart_title(page):
    """The title of the one chart on screen, once Plotly has drawn it."""
    page.wait_for_selector(f"{PLOT} .main-svg .gtitle", timeout=CHART_TIMEOUT_MS)
    # A title wrapped onto lines is one <tspan class="line"> a line: joined with the spaces the breaks replaced.
    return page.locator(f"{PLOT} .gtitle").first.evaluate(
        "t => [...t.querySelectorAll('tspan.line')].map(l => l.textContent).join(' ') || t.textContent")


def click_and_wait(page, name):
    """Click a button by its label and wait for the rerun to finish."""
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_timeout(300)
    wait_for_app(page)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_presentation_mode_has_no_sidebar_and_steps_through_charts(app_url, page, lang):
    """?present=1: no sidebar, a title slide, then one chart a slide; Next and Previous move between the key charts
    and the link follows."""
    t = partial(translate, lang)
    open_page(page, f"{app_url}/?lang={lang}&year=2019&present=1")
    assert_no_exception(page)
    assert not page.locator(SIDEBAR).is_visible()
    assert page.locator(PLOT).count() == 0 and page.get_by_text(t("nav.overview"), exact=True).is_visible()
    assert page.get_by_text(t("present.position", index=1, count=5)).is_visible()
    save_screenshot(page, f"present-title-{lang}")
    click_and_wait(page, t("present.next"))
    assert chart_title(page) == t("funding.chart_mix", year=2019, centre="SONet BOTNIA") and "slide=2" in page.url
    click_and_wait(page, t("present.next"))
    assert chart_title(page) == t("funding.chart_national") and "slide=3" in page.url
    click_and_wait(page, t("present.next"))
    assert chart_title(page) == t("overview.chart_jobseekers")
    save_screenshot(page, f"present-{lang}")
    click_and_wait(page, t("present.previous"))
    assert chart_title(page) == t("funding.chart_national") and "slide=3" in page.url
    assert not page.locator(SIDEBAR).is_visible() and page.locator(PLOT).count() == 1
    click_and_wait(page, t("present.leave"))
    assert page.locator(SIDEBAR).is_visible() and "present" not in page.url


def test_sidebar_button_enters_presentation_mode_with_the_filters(app_url, page):
    """From the Disparity page with a region chosen, the sidebar button presents that page: a title slide, then its
    four charts as drawn (map, ranking, dispersion, pair); the ranking slide is the region's."""
    open_page(page, f"{app_url}/disparity?lang=sv&year=2017&scope=15")
    click_and_wait(page, translate("sv", "present.start"))
    assert "present=disparity" in page.url and "scope=15" in page.url and "year=2017" in page.url
    assert not page.locator(SIDEBAR).is_visible()
    assert page.get_by_text(translate("sv", "present.position", index=1, count=5)).is_visible()
    for _ in range(2):
        click_and_wait(page, translate("sv", "present.next"))
    assert "Österbotten" in chart_title(page) and "Södra" not in chart_title(page)
    save_screenshot(page, "present-disparity-ranking-sv")


def test_slides_and_data_downloads_from_the_running_server(app_url, page):
    """The deferred downloads as a user gets them: the Overview deck (5 slides, English titles) and the funding
    mix as Excel, equal to its CSV."""
    open_page(page, f"{app_url}/?lang=en&year=2019")
    page.wait_for_selector(f"{PLOT} .main-svg", timeout=CHART_TIMEOUT_MS)
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download:
        page.get_by_role("button", name=translate("en", "slides.download")).click()
    assert download.value.suggested_filename == "sonet-botnia-overview-2019-en.pptx"
    deck = Presentation(download.value.path())
    assert len(deck.slides) == 5
    assert translate("en", "overview.chart_jobseekers") in [s.text_frame.text for s in deck.slides[3].shapes
                                                             if s.has_text_frame]
    files = {}
    for label in ("common.download_csv", "export.download_xlsx"):
        with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download:
            page.get_by_role("button", name=translate("en", label)).first.click()
        files[download.value.suggested_filename] = download.value.path().read_bytes()
    assert set(files) == {"sonet-botnia-funding-mix-2019-en.csv", "sonet-botnia-funding-mix-2019-en.xlsx"}
    from_csv = pd.read_csv(io.BytesIO(files["sonet-botnia-funding-mix-2019-en.csv"]), encoding="utf-8-sig",
                           comment="#")
    from_xlsx = pd.read_excel(io.BytesIO(files["sonet-botnia-funding-mix-2019-en.xlsx"]))
    pd.testing.assert_frame_equal(from_csv, from_xlsx, check_dtype=False)
    assert list(from_xlsx["EUR"]) == [219_426, 22_125, 81_000, 40_120]


def test_print_layout_hides_widgets_and_keeps_charts(app_url, page, tmp_path):
    """Print media: no sidebar, buttons or select boxes; titles, charts and source lines stay; A4 landscape."""
    open_page(page, f"{app_url}/funding?lang=fi&year=2019")
    page.wait_for_selector(f"{PLOT} .main-svg", timeout=CHART_TIMEOUT_MS)
    page.emulate_media(media="print")
    for hidden in (SIDEBAR, '[data-testid="stDownloadButton"]', '[data-testid="stTextInput"]'):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("h1").first.is_visible()
    # Print lays the charts out afresh at the page's full width (the sidebar is gone): Plotly redraws each one, and
    # a chart is empty, so not visible, until its redraw is done.
    expect(page.locator(PLOT).first).to_be_visible(timeout=CHART_TIMEOUT_MS)
    assert page.get_by_text(translate("fi", "common.source", sources="")).first.is_visible()
    if shutil.which("pdfinfo"):
        pdf = tmp_path / "funding.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "841.92 x 594.96 pts (A4)" in info
        assert int(info.split("Pages:")[1].split()[0]) > 1
