"""Pure arithmetic the pages need beyond SQL (no Streamlit, no DuckDB), so it can be tested on its own."""
