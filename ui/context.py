"""What every page starts from: the UI language, the chosen year, a translator bound to the language and the chosen
competence centre (whose area the page shows)."""
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import streamlit as st

from locales import translate
from ui import centres


class PageContext(NamedTuple):
    """A page's context, unpacked at its top: `lang, year, t, centre = page_context()`."""

    lang: str
    year: int
    t: Callable[..., str]
    centre: centres.Centre


def page_context():
    """The language, year and centre the shell read from the link and the sidebar, and `t(key, **values)` in that
    language."""
    lang = st.session_state["lang"]
    return PageContext(lang, st.session_state["year"], partial(translate, lang), centres.chosen(lang))
