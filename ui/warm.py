"""Server start-up: do the first visitor's slow, shareable work before anyone connects.

A script run after a fresh start spent ~1 s importing pandas, Plotly and DuckDB and opening the data connection
before its first chart could leave (bench/RESULTS.md). st.App's lifespan lets that happen in the background while the
server is already answering, so the first visitor after a start waits no longer than the next one.
"""
import threading
from contextlib import asynccontextmanager

from streamlit.logger import get_logger

LOG = get_logger(__name__)


def warm():
    """Import what every view uses, open the DuckDB connection and load the number formats of each language."""
    import charts.basic  # noqa: F401  (imported for its side effect: Python's module cache)
    import ui.keycharts  # noqa: F401
    import ui.shell  # noqa: F401
    from ui import fmt
    from ui.data import connection
    from ui.i18n import LANGUAGES, translate

    connection()
    for lang in LANGUAGES:
        fmt.eur(1234.5, lang), fmt.pct(12.5, lang), translate(lang, "nav.overview")


def warm_in_background():
    """Run warm() on a daemon thread; a failure is logged, never raised: the first visitor then just waits longer."""
    def guarded():
        try:
            warm()
        except Exception:  # noqa: BLE001  (warming is an optimisation; the script run reports real errors)
            LOG.exception("warming up at start failed")

    thread = threading.Thread(target=guarded, name="sonet-warm-up", daemon=True)
    thread.start()
    return thread


@asynccontextmanager
async def lifespan(app):
    """st.App's start-up hook: start warming, then serve at once."""
    warm_in_background()
    yield
