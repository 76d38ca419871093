"""The first visitor's wait: st.App's warm start and the page's preload of Streamlit's Plotly bundle."""
import asyncio
import importlib
from pathlib import Path

import streamlit as st
from streamlit.web.server.app_discovery import discover_asgi_app

import queries
from conftest import ROOT
from ui import data, warm

PAGE = b"<html><head><title>x</title></head><body></body></html>"
LINK = b'<link rel="modulepreload" crossorigin href="./static/js/PlotlyChart.abc.js">'


def served(body, content_type, extra_headers=(), bundle="PlotlyChart.abc.js", chunks=1):
    """What a browser receives from the middleware around an app answering `body` in `chunks` pieces."""
    async def app(scope, receive, send):
        headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode()), *extra_headers]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        size = -(-len(body) // chunks)
        for i in range(chunks):
            await send({"type": "http.response.body", "body": body[i * size:(i + 1) * size],
                        "more_body": i < chunks - 1})

    sent = []

    async def send(message):
        sent.append(message)

    asyncio.run(warm.PreloadPlotly(app, bundle=bundle)({"type": "http"}, None, send))
    headers = dict(sent[0]["headers"])
    return headers, b"".join(m.get("body", b"") for m in sent[1:])


def test_the_page_preloads_the_plotly_bundle_once_with_its_length_corrected():
    """The HTML page, even when it arrives in pieces, gets the link right before </head>, and the length fits."""
    headers, body = served(PAGE, b"text/html; charset=utf-8", chunks=3)
    assert body == PAGE.replace(b"</head>", LINK + b"</head>")
    assert int(headers[b"content-length"]) == len(body)


def test_everything_else_passes_through_untouched():
    """Scripts, compressed HTML, and a Streamlit without a Plotly chunk: bytes and headers as the app sent them."""
    script = b"console.log('</head>')"
    assert served(script, b"application/javascript") == (
        {b"content-type": b"application/javascript", b"content-length": str(len(script)).encode()}, script)
    _, body = served(PAGE, b"text/html", extra_headers=[(b"content-encoding", b"gzip")])
    assert body == PAGE
    middleware = warm.PreloadPlotly(None, bundle="")
    assert middleware.link is None


def test_this_streamlit_has_the_plotly_chunk_the_page_names():
    """The hashed file name is found in the installed Streamlit, so the preload is not silently off."""
    name = warm.plotly_bundle()
    assert name and name.startswith("PlotlyChart.") and name.endswith(".js")
    assert (Path(st.__file__).parent / "static" / "static" / "js" / name).is_file()


def test_streamlit_run_serves_the_dashboard_through_st_app_with_a_warm_start(monkeypatch):
    """`streamlit run dashboard.py` finds an st.App (so its start-up hook runs); importing dashboard as a module,
    as the server does, draws nothing; the warm-up opens the shared DuckDB connection that later runs reuse."""
    found = discover_asgi_app(ROOT / "dashboard.py")
    assert found.is_asgi_app and found.app_name == "app"
    assert isinstance(importlib.import_module("dashboard").app, st.App)
    opened = []
    monkeypatch.setattr(queries, "connect", lambda connect=queries.connect: opened.append(1) or connect())
    st.cache_resource.clear()
    thread = warm.warm_in_background()
    thread.join(timeout=60)
    assert not thread.is_alive() and len(opened) == 1
    cursor = data.connection().cursor()
    assert cursor.execute("SELECT count(*) FROM areas WHERE level = 'municipality'").fetchone()[0] == 308
    assert len(opened) == 1
