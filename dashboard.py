"""Entry point: `streamlit run dashboard.py`. Everything shared by the views lives in ui/shell.py.

`streamlit run` finds the `app` below and serves the dashboard through st.App, whose start-up hook (ui/warm.py) does
the slow imports before the first visitor arrives, whose middleware has the page preload Plotly's bundle, and
whose routes serve the light ballot page phones vote on (ui/ballot_page.py). Each
visitor's script run is this file run as `__main__`.
"""
import streamlit as st

if __name__ == "__main__":
    from ui.shell import run

    run()
else:
    from starlette.middleware import Middleware

    from ui import ballot_page
    from ui.warm import PreloadPlotly, lifespan

    app = st.App(__file__, lifespan=lifespan, middleware=[Middleware(PreloadPlotly)], routes=ballot_page.ROUTES)
