"""The Funding page in headless Chromium: all four charts drawn, the what-if from a link, in every language.

Reuses the server and browser fixtures of test_browser.py (one server for this module).
"""
import pytest

from test_browser import LANGS, assert_no_exception, open_page, save_screenshot

pytestmark = pytest.mark.browser

PLOT = '[data-testid="stPlotlyChart"] .js-plotly-plot'
SCENARIO_STATE = {"fi": "225\u00a0175\u00a0€", "sv": "225\u00a0175\u00a0€", "en": "€225,175"}
CHART_TIMEOUT_MS = 30_000
# Four plots, each with its SVG drawn (Plotly draws asynchronously, several .main-svg per plot).
ALL_DRAWN = f"""() => {{
  const plots = [...document.querySelectorAll('{PLOT}')];
  return plots.length >= 4 && plots.every(p => p.querySelector('.main-svg'));
}}"""


@pytest.fixture(scope="module")
def warmed(app_url, browser):
    """Open the app's root once: a fresh server answers the very first deep link with a "Page not found" dialog
    before routing to the page (a Streamlit start-up effect on every page), which would cover the screenshot."""
    context = browser.new_context()
    open_page(context.new_page(), app_url)
    context.close()
    return app_url


@pytest.mark.parametrize("lang", LANGS)
def test_funding_page_draws_its_charts_and_the_scenario(warmed, page, lang):
    """National bars, the mix sunburst, the fair-share bars and the scenario bars all render; the 2020 proposal
    in the link gives the scenario's 225,175 EUR in the language's format."""
    open_page(page, f"{warmed}/funding?lang={lang}&year=2019&wi_total=2750000")
    assert_no_exception(page)
    page.wait_for_function(ALL_DRAWN, timeout=CHART_TIMEOUT_MS)
    assert page.locator(PLOT).count() == 4
    assert page.locator(f"{PLOT} .sunburstlayer path.surface").count() == 7
    assert page.locator(f"{PLOT} .barlayer .point").count() >= 12 + 5 + 4
    metric = page.locator('[data-testid="stMetricValue"]', has_text=SCENARIO_STATE[lang])
    assert metric.count() == 1
    assert "wi_total=2750000" in page.url
    save_screenshot(page, f"funding-whatif-{lang}")
    assert_no_exception(page)
