"""Entry point: `streamlit run dashboard.py`. Everything shared by the views lives in ui/shell.py."""
from ui.shell import run

run()
