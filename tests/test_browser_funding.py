"""The Funding page in headless Chromium: all four charts drawn, the what-if from a link, in every language.

Uses the server and browser fixtures of conftest.py.
"""
import pytest

from browser_helpers import LANGS, assert_no_exception, open_page, save_screenshot

pytestmark = pytest.mark.browser

PLOT = '[data-testid="stPlotlyChart"] .js-plotly-plot'
SCENARIO_STATE = {"fi": "225\u00a0175\u00a0€", "sv": "225\u00a0175\u00a0€", "en": "€225,175"}
CHART_TIMEOUT_MS = 30_000
# The page's plots (national bars, the mix sunburst, fair share, the scenario, every centre's shares), each with its
# SVG drawn (Plotly draws asynchronously, several .main-svg per plot): waiting for fewer let a test count too early.
FUNDING_CHARTS = 5
ALL_DRAWN = f"""() => {{
  const plots = [...document.querySelectorAll('{PLOT}')];
  return plots.length >= {FUNDING_CHARTS} && plots.every(p => p.querySelector('.main-svg'));
}}"""


@pytest.mark.parametrize("lang", LANGS)
def test_funding_page_draws_its_charts_and_the_scenario(app_url, page, lang):
    """National bars, the mix sunburst, the fair-share bars, the scenario bars and every centre's shares all
    render; the 2020 proposal in the link gives the scenario's 225,175 EUR in the language's format."""
    open_page(page, f"{app_url}/funding?lang={lang}&year=2019&wi_total=2750000")
    assert_no_exception(page)
    page.wait_for_function(ALL_DRAWN, timeout=CHART_TIMEOUT_MS)
    assert page.locator(PLOT).count() == FUNDING_CHARTS
    assert page.locator(f"{PLOT} .sunburstlayer path.surface").count() == 7
    assert page.locator(f"{PLOT} .barlayer .point").count() >= 10 + 5 + 4  # one best-known bar a year
    metric = page.locator('[data-testid="stMetricValue"]', has_text=SCENARIO_STATE[lang])
    assert metric.count() == 1
    assert "wi_total=2750000" in page.url
    save_screenshot(page, f"funding-whatif-{lang}")
    assert_no_exception(page)


ENGLISH_TOOLBAR = {"Download plot as a PNG", "Zoom", "Pan", "Zoom in", "Zoom out", "Autoscale", "Reset axes",
                   "Fullscreen", "Box Select", "Lasso Select"}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_chart_toolbar_has_no_english_in_finnish_or_swedish(app_url, page, lang):
    """The toolbar's tooltips, read from the drawn buttons (Plotly's own through its locale, Streamlit's full-screen
    button through CSS), are in the UI language; the '10,5' typed in the share field is 10.5 %."""
    open_page(page, f"{app_url}/funding?lang={lang}&year=2019")
    page.wait_for_function(ALL_DRAWN, timeout=CHART_TIMEOUT_MS)
    page.locator(PLOT).first.hover()
    buttons = page.locator(f"{PLOT} .modebar-btn")
    buttons.first.wait_for(state="attached", timeout=CHART_TIMEOUT_MS)
    titles = [buttons.nth(i).get_attribute("data-title") for i in range(buttons.count())]
    shown = [page.evaluate("(b) => getComputedStyle(b, '::after').content", buttons.nth(i).element_handle())
             for i in range(buttons.count())]
    assert titles and not (set(titles) - {"Fullscreen"}) & ENGLISH_TOOLBAR
    assert not {s.strip('"') for s in shown} & ENGLISH_TOOLBAR, shown
    save_screenshot(page, f"funding-toolbar-{lang}")
