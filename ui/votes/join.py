"""How phones join a round: the server's address they can reach, the join link and its QR code on the shared
screen. Participants reach the ballot page <server>/ballot?round=CODE (ui/ballot_page.py), or type the code at
<server>/ballot; old links to <server>/vote lead there too."""
import io
import os
import socket
from urllib.parse import urlencode, urlsplit

import segno
import streamlit as st

from locales import translate

LOOPBACK = {"localhost", "127.0.0.1", "::1", "0.0.0.0", None}


def lan_address():
    """This machine's address on the local network (no packet is sent; the socket only picks a route)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()


def configured_base():
    """The server's address for phones, when set: SONET_PUBLIC_URL, else [meeting] public_url in secrets."""
    value = os.environ.get("SONET_PUBLIC_URL")
    if not value:
        try:
            value = st.secrets.get("meeting", {}).get("public_url")
        except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
            value = None
    return value.rstrip("/") if value else None


def public_base():
    """(base address phones can reach, whether it was guessed): the configured one, else the one this browser
    used with 'localhost' replaced by the machine's network address."""
    configured = configured_base()
    if configured:
        return configured, False
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    host, port = parts.hostname, parts.port or st.get_option("server.port")
    guessed = host in LOOPBACK
    if guessed:
        host = lan_address() or host
    prefix = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{parts.scheme or 'http'}://{host}:{port}" + (f"/{prefix}" if prefix else ""), guessed


def ballot_page_path():
    """The light ballot page's path (ui/ballot_page.py), where the QR code and link send phones."""
    from ui.ballot_page import PATH

    return PATH


def join_link(code, lang):
    """The participant's link for a round (the light ballot page), in the shared screen's language."""
    base, _ = public_base()
    params = {"round": code} if lang == "fi" else {"round": code, "lang": lang}
    return f"{base}{ballot_page_path()}?{urlencode(params)}"


@st.cache_data(show_spinner=False, max_entries=32)
def qr_png(link):
    """A QR code of the link as PNG bytes, large enough to scan from the back of a meeting room."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=10, border=2)
    return buffer.getvalue()


def join_panel(vote_round, lang):
    """What the shared screen shows to let people join: the code, the QR code and the link."""
    link = join_link(vote_round["code"], lang)
    left, right = st.columns([2, 1])
    with left:
        st.metric(translate(lang, "vote.join_code"), vote_round["code"])
        base, guessed = public_base()
        st.text(translate(lang, "vote.join_how", address=f"{base}{ballot_page_path()}"))
        st.code(link, language=None)
        if guessed:
            st.caption(translate(lang, "vote.link_guessed", base=base))
    with right:
        st.image(qr_png(link), caption=translate(lang, "vote.qr_caption"), width=260)


# The projector view: the sidebar and header hidden, the join code in type readable from the back of a room (a
# 4-character code at 9rem is ~10 cm high on a 2 m wide screen). Constant CSS; no user text goes into it.
PROJECTOR_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"] { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 1rem !important; max-width: 100% !important; }
.st-key-projector-code [data-testid="stText"] { font-size: 9rem; font-weight: 700; line-height: 1.05;
  letter-spacing: .08em; }
.st-key-projector-join [data-testid="stText"] { font-size: 1.4rem; line-height: 1.35; }
</style>"""


def projector_panel(vote_round, lang):
    """The join side of the projector view: the code in very large type, the QR code as wide as the column and
    the address to type it at."""
    link = join_link(vote_round["code"], lang)
    base, _ = public_base()
    st.html(PROJECTOR_CSS)
    st.text(translate(lang, "vote.join_code"))
    st.container(key="projector-code").text(vote_round["code"])
    st.image(qr_png(link), width="stretch")
    st.container(key="projector-join").text(translate(lang, "vote.join_how_projector",
                                                      address=f"{base}{ballot_page_path()}"))
