"""Presentation mode (?present=1): the key charts of every page, one per screen, large, without the sidebar.

Decided: rather than re-laying out each page, the meeting room gets the same key charts as the Overview's deck
(ui/keycharts.py) for the current filters, with previous/next buttons and the slide number in the link.
The CSS below is constant; no user text is ever put into it. PRINT_CSS, on every page, also keeps a page title such
as "Painopisteäänestys" on one line of a 360 px phone, and sets chart titles in smaller type there, so that a line of
charts.theme.TITLE_CHARS characters fits the screen."""
import streamlit as st

from locales import translate
from ui import centres
from ui.frame import plotly_config
from ui.keycharts import key_charts

PRESENT_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarNav"], header[data-testid="stHeader"] { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 1rem !important; max-width: 100% !important; }
[data-testid="stMain"] p, [data-testid="stMain"] button p { font-size: 1.35rem !important; }
[data-testid="stCaptionContainer"] p { font-size: 1.1rem !important; }
</style>"""
PRINT_CSS = """<style>
@media (max-width: 480px) { h1 { font-size: 1.75rem !important; }
  .js-plotly-plot .gtitle { font-size: 12.5px !important; } }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  section[data-testid="stSidebar"], header[data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stExpandSidebarButton"], [data-testid="stDownloadButton"], [data-testid="stButton"],
  [data-testid="stSelectbox"], [data-testid="stNumberInput"], [data-testid="stTextInput"],
  [data-testid="stCheckbox"], [data-testid="stToggle"], [data-testid="stPageLink"], [data-testid="stForm"],
  [data-testid="stExpander"], [data-testid="stTabs"] [role="tablist"], .modebar-container
  { display: none !important; }
  html, body, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"], .block-container
  { height: auto !important; overflow: visible !important; position: static !important; }
  [data-testid="stMain"], [data-testid="stMainBlockContainer"], .block-container
  { padding: 0 !important; margin: 0 !important; max-width: 100% !important; width: 100% !important; }
  [data-testid="stPlotlyChart"], [data-testid="stCaptionContainer"], [data-testid="stMetric"]
  { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>"""
LARGE_FONT = 20


def start():
    """Sidebar toggle: enter presentation mode at the first slide."""
    st.session_state["present"], st.session_state["slide"] = 1, None


def leave():
    """Back to the dashboard, filters kept."""
    st.session_state["present"], st.session_state["slide"] = None, None


def move(step, count):
    """Previous/next: the slide number stays within the deck (it is 1-based in the link, None for the first)."""
    current = (st.session_state.get("slide") or 1) + step
    st.session_state["slide"] = min(max(current, 1), count)


def toggle(lang):
    """The sidebar's way into presentation mode."""
    st.sidebar.button(translate(lang, "present.start"), on_click=start, icon=":material/present_to_all:",
                      key="present-start", help=translate(lang, "present.start_help"))


def show(lang):
    """One key chart per screen, larger type, previous/next and a way out; the filters come from the session."""
    st.html(PRESENT_CSS)
    state = st.session_state
    charts = key_charts(lang, state["year"], state["indicator"], state["scope"], state["area"], centres.chosen(lang))
    count = len(charts)
    index = min(max(state.get("slide") or 1, 1), count)
    shown = charts[index - 1]
    fig = shown.fig.to_dict()
    fig["layout"].update(height=720, font={**fig["layout"].get("font", {}), "size": LARGE_FONT})
    fig["layout"]["title"] = {**fig["layout"].get("title", {}), "font": {"size": LARGE_FONT + 8}}
    st.plotly_chart(fig, theme=None, key=f"present-chart-{index}", config=plotly_config(lang))
    st.caption(shown.footer)
    row = st.container(horizontal=True, vertical_alignment="center", key="present-nav")
    row.button(translate(lang, "present.previous"), on_click=move, args=(-1, count), disabled=index == 1,
               icon=":material/arrow_back:", key="present-previous")
    row.markdown(translate(lang, "present.position", index=index, count=count))
    row.button(translate(lang, "present.next"), on_click=move, args=(1, count), disabled=index == count,
               icon=":material/arrow_forward:", key="present-next")
    row.button(translate(lang, "present.leave"), on_click=leave, icon=":material/close:", key="present-leave")
