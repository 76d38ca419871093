"""Material for presentations: chart images (kaleido + system chromium), PowerPoint decks, Excel tables.

No Streamlit here: the functions take figures and tables and return bytes, so they are tested directly.
"""
