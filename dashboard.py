"""Entry point: `streamlit run dashboard.py`. Everything shared by the views lives in ui/shell.py.

`streamlit run` finds the `app` below and serves the dashboard through st.App, whose start-up hook (ui/warm.py) does
the slow imports before the first visitor arrives, and whose middleware has the page preload Plotly's bundle. Each
visitor's script run is this file run as `__main__`.
"""
import streamlit as st

if __name__ == "__main__":
    from ui.shell import run

    run()
else:
    from starlette.middleware import Middleware

    from ui.warm import PreloadPlotly, lifespan

    app = st.App(__file__, lifespan=lifespan, middleware=[Middleware(PreloadPlotly)])
