"""Presentation mode (?present=<view>): a title slide, then the charts of the page it was started from, one per
screen, large, without the sidebar.

Decided: rather than re-laying out each page, the meeting room gets the charts the page drew in the run before
the button was pressed (exactly what was on screen, filters included); from the Overview, or from a link opened
afresh, the key charts of ui/keycharts.py for the current filters, as in the Overview's deck. A chart the filters
leave without figures gets a slide that says so. Previous/next buttons; the slide number is in the link.
The CSS below is constant; no user text is ever put into it. PRINT_CSS, on every page, also keeps a page title such
as "Painopisteäänestys" on one line of a 360 px phone, and sets chart titles in smaller type there, so that a line of
charts.theme.TITLE_CHARS characters fits the screen."""
import streamlit as st

from locales import translate
from ui import centres, frame
from ui.frame import plotly_config
from ui.keycharts import Missing, key_charts, page_key_charts
from ui.slides import filter_lines
from ui.votes.questions import QuestionSlide, present_slide, present_slides

# The charts drawn by the page presentation mode was started from: (view, [frame.Drawn]).
CAPTURED = "_present_charts"
# The open questions of the rounds the Priorities page had on screen (ui/votes/questions.py): the page's round
# choice is a widget's state, which Streamlit drops once the page is no longer drawn.
CAPTURED_QUESTIONS = "_present_questions"

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


def start(view):
    """Sidebar toggle: enter presentation mode at the title slide, with the charts the page drew in its last run
    (a callback runs before the next run resets them)."""
    st.session_state["present"], st.session_state["slide"] = view, None
    st.session_state[CAPTURED] = (view, frame.drawn())
    st.session_state[CAPTURED_QUESTIONS] = present_slides() if view == "priorities" else []


def leave():
    """Back to the dashboard, filters kept."""
    st.session_state["present"], st.session_state["slide"] = None, None


def move(step, count):
    """Previous/next: the slide number stays within the deck (it is 1-based in the link, None for the first)."""
    current = (st.session_state.get("slide") or 1) + step
    st.session_state["slide"] = min(max(current, 1), count)


def toggle(lang, view):
    """The sidebar's way into presentation mode, of this view."""
    st.sidebar.button(translate(lang, "present.start"), on_click=start, args=(view,),
                      icon=":material/present_to_all:", key="present-start",
                      help=translate(lang, "present.start_help"))


def charts_of(view, lang, state):
    """The slides after the title: the Overview's key charts of every page; another page's charts as it drew them
    (if presentation mode was started there in this session), else that page's key charts; started from the
    Priorities page, then a slide per question of the rounds it had on screen, its answers live."""
    filters = (state["year"], state["indicator"], state["scope"], state["area"], centres.chosen(lang))
    if view == "overview":
        return key_charts(lang, *filters)
    captured_view, captured = state.get(CAPTURED) or (None, [])
    questions = list(state.get(CAPTURED_QUESTIONS) or []) if view == "priorities" else []
    if captured_view == view and captured:
        return list(captured) + questions
    return page_key_charts(view, lang, *filters) + questions or [
        Missing(translate(lang, f"nav.{view}"), translate(lang, "present.no_charts"))]


def title_slide(lang, view, state):
    """The first slide: the centre, the page, the date and the filters the charts are drawn with."""
    st.title(translate(lang, "slides.deck_title", centre=centres.chosen(lang).short_name))
    st.subheader(translate(lang, f"nav.{view}"))
    indicator_and_scope = (state["indicator"], state["scope"]) if view in ("overview", "disparity") else ()
    for line in filter_lines(lang, state["year"], *indicator_and_scope):
        st.write(line)


def chart_slide(shown, index, lang):
    """One chart, larger; a ranking keeps its height, so that every row keeps its name."""
    fig = shown.fig.to_dict()
    height = max(720, fig["layout"].get("height") or 0)
    fig["layout"].update(height=height, font={**fig["layout"].get("font", {}), "size": LARGE_FONT})
    fig["layout"]["title"] = {**fig["layout"].get("title", {}), "font": {"size": LARGE_FONT + 8}}
    st.plotly_chart(fig, theme=None, key=f"present-chart-{index}", config=plotly_config(lang))
    st.caption(shown.footer)


def missing_slide(shown):
    """A chart the filters leave without figures: its title and why it is not drawn."""
    st.subheader(shown.title)
    st.info(shown.note)


def show(lang, view):
    """The title slide, then one chart per screen in larger type, previous/next and a way out; the filters come
    from the session. `view` is one of ui.shell.VIEWS."""
    st.html(PRESENT_CSS)
    state = st.session_state
    charts = charts_of(view, lang, state)
    count = len(charts) + 1
    index = min(max(state.get("slide") or 1, 1), count)
    if index == 1:
        title_slide(lang, view, state)
    elif isinstance(charts[index - 2], Missing):
        missing_slide(charts[index - 2])
    elif isinstance(charts[index - 2], QuestionSlide):
        present_slide(charts[index - 2], lang)
    else:
        chart_slide(charts[index - 2], index, lang)
    row = st.container(horizontal=True, vertical_alignment="center", key="present-nav")
    row.button(translate(lang, "present.previous"), on_click=move, args=(-1, count), disabled=index == 1,
               icon=":material/arrow_back:", key="present-previous")
    row.markdown(translate(lang, "present.position", index=index, count=count))
    row.button(translate(lang, "present.next"), on_click=move, args=(1, count), disabled=index == count,
               icon=":material/arrow_forward:", key="present-next")
    row.button(translate(lang, "present.leave"), on_click=leave, icon=":material/close:", key="present-leave")
