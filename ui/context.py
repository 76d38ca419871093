"""What every page starts from: the UI language, a translator bound to the language and the chosen competence centre
(whose area the page shows). A page picks its own year (ui.filters), since each page's years differ."""
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import streamlit as st

from locales import translate
from ui import centres


class PageContext(NamedTuple):
    """A page's context, unpacked at its top: `lang, t, centre = page_context()`."""

    lang: str
    t: Callable[..., str]
    centre: centres.Centre


def page_context():
    """The language and centre the shell read from the link and the sidebar, and `t(key, **values)` in that
    language."""
    lang = st.session_state["lang"]
    return PageContext(lang, partial(translate, lang), centres.chosen(lang))
