"""Server start-up and the page itself: get the first chart on screen sooner.

A script run after a fresh start spent ~1 s importing pandas, Plotly and DuckDB and opening the data connection
before its first chart could leave (bench/RESULTS.md). st.App's lifespan lets that happen in the background while the
server is already answering, so the first visitor after a start waits no longer than the next one.
"""
import threading
from contextlib import asynccontextmanager
from pathlib import Path

from streamlit.logger import get_logger

LOG = get_logger(__name__)


def warm():
    """Import what every view uses, open the DuckDB connection and load the number formats of each language."""
    import charts.basic  # noqa: F401  (imported for its side effect: Python's module cache)
    import ui.keycharts  # noqa: F401
    import ui.shell  # noqa: F401
    from locales import LANGUAGES, translate
    from ui import fmt
    from ui.data import connection

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


def plotly_bundle():
    """The file name of Streamlit's Plotly chunk (hashed per release), or None if this Streamlit has none."""
    import streamlit

    found = sorted((Path(streamlit.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"))
    return found[0].name if found else None


class PreloadPlotly:
    """ASGI middleware: the app's HTML page asks for Streamlit's Plotly chunk (~4.7 MB) at once.

    Streamlit's page fetches that chunk only when the script's first chart arrives, and the chart then waits while
    the browser downloads and compiles it (bench/RESULTS.md, "Where the first visitor's wait goes"). A standard
    `modulepreload` link lets the browser do that while the script is still running (~0.4 s sooner on this
    machine). Only HTML answers change; everything else passes through untouched.
    """

    def __init__(self, app, bundle=None):
        self.app = app
        name = bundle if bundle is not None else plotly_bundle()
        self.link = f'<link rel="modulepreload" crossorigin href="./static/js/{name}">'.encode() if name else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or self.link is None:
            await self.app(scope, receive, send)
            return
        held = {}

        async def rewrite(message):
            if message["type"] == "http.response.start" and is_plain_html(message):
                held["start"], held["body"] = message, []
                return
            if "start" in held and message["type"] == "http.response.body":
                held["body"].append(message.get("body", b""))
                if not message.get("more_body"):
                    await send_with_link(held, self.link, send)
                return
            await send(message)

        await self.app(scope, receive, rewrite)


def is_plain_html(start):
    """An uncompressed HTML answer (the app's page); anything else is passed on as it is."""
    headers = dict(start.get("headers", []))
    return headers.get(b"content-type", b"").startswith(b"text/html") and b"content-encoding" not in headers


async def send_with_link(held, link, send):
    """Send the held page with `link` put before </head> and its length corrected."""
    body = b"".join(held["body"]).replace(b"</head>", link + b"</head>", 1)
    start = held.pop("start")
    headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
    await send({**start, "headers": headers + [(b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
