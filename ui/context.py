"""What every page starts from: the UI language, the chosen year and a translator bound to the language."""
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import streamlit as st

from locales import translate


class PageContext(NamedTuple):
    """A page's context, unpacked at its top: `lang, year, t = page_context()`."""

    lang: str
    year: int
    t: Callable[..., str]


def page_context():
    """The language and year the shell read from the link and the sidebar, and `t(key, **values)` in that language."""
    lang = st.session_state["lang"]
    return PageContext(lang, st.session_state["year"], partial(translate, lang))
