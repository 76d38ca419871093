"""Editor login: a password checked against a salted scrypt hash from secrets, or OIDC through st.login.

Secrets (.streamlit/secrets.toml, git-ignored):
    [editors]
    password_hash = "scrypt$16384$8$1$<salt hex>$<hash hex>"   # made by: python -m ui.auth
    emails = ["director@example.fi"]                          # only with OIDC: who may edit
    [auth]                                                     # Streamlit's OIDC settings, see st.login
Participants never log in. Wrong passwords are counted per client (browser session and network address): after
three in a row that client waits before its next try is checked (5 s, doubling up to 5 min). Another client, the
editor on the same meeting network included, is never held up by someone else's failures. A try is counted the moment
it is let through, under a lock, so twenty tries at once from one client cannot all be checked. Every failure is
logged with the address and a short hash of the session.
"""
import getpass
import hashlib
import hmac
import logging
import secrets
import sys
import threading
import time
from dataclasses import dataclass

import streamlit as st

from locales import translate

SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}
FREE_TRIES = 3
FIRST_PAUSE_S = 5
MAX_PAUSE_S = 300
SESSION_KEY = "_editor"


def hash_password(password, salt=None, n=SCRYPT["n"], r=SCRYPT["r"], p=SCRYPT["p"]):
    """'scrypt$n$r$p$salt$hash' for a password, with a fresh random salt unless one is given."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def verify_password(password, stored):
    """Whether `password` matches a stored 'scrypt$...' hash (compared in constant time); False if malformed."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = bytes.fromhex(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                                dklen=len(expected))
    except (ValueError, AttributeError):
        return False
    return hmac.compare_digest(actual, expected)


LOG = logging.getLogger("sonet.auth")
# Clients remembered at most; beyond this, those whose last failure is older than the longest pause are forgotten.
MAX_CLIENTS = 10_000


@dataclass
class Tries:
    """One client's consecutive failed tries and until when its next try waits."""

    failures: int = 0
    blocked_until: float = 0.0
    last: float = 0.0


def pause_s(failures):
    """The pause after `failures` consecutive failures: none for the free tries, then 5 s doubling, at most 5 min."""
    if failures < FREE_TRIES:
        return 0.0
    return float(min(FIRST_PAUSE_S * 2 ** min(failures - FREE_TRIES, 16), MAX_PAUSE_S))


class Throttle:
    """Failed tries per client; `admit` and `settle` bracket each password check."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.lock = threading.Lock()
        self.clients = {}

    def wait_s(self, client):
        """Seconds until this client's next try is checked (0 when it may be checked now)."""
        with self.lock:
            tries = self.clients.get(client)
            return max(0.0, tries.blocked_until - self.clock()) if tries else 0.0

    def admit(self, client):
        """Let a try through, counting it as failed until `settle` says otherwise; or the seconds left to wait.

        Counting before the check is what makes it atomic: tries that arrive together see each other's count.
        """
        with self.lock:
            now = self.clock()
            tries = self.clients.get(client)
            if tries and tries.blocked_until > now:
                return tries.blocked_until - now
            if tries is None:
                self._forget_old(now)
                tries = self.clients[client] = Tries()
            tries.failures += 1
            tries.last = now
            tries.blocked_until = now + pause_s(tries.failures)
            return 0.0

    def settle(self, client, ok):
        """After the check: a right password clears the client's count, a wrong one stays counted (and logged)."""
        with self.lock:
            tries = self.clients.get(client)
            if ok:
                self.clients.pop(client, None)
                return
            failures = tries.failures if tries else 0
        LOG.warning("editor login failed: address %s, session %s, %d in a row", client[1],
                    hashlib.sha256(str(client[0]).encode()).hexdigest()[:8], failures)

    def reset(self):
        """Forget every client (tests)."""
        with self.lock:
            self.clients.clear()

    def _forget_old(self, now):
        """Keep the table bounded: drop clients whose last failure is older than the longest pause."""
        if len(self.clients) >= MAX_CLIENTS:
            for key in [k for k, t in self.clients.items() if now - t.last > MAX_PAUSE_S]:
                del self.clients[key]


THROTTLE = Throttle()


def check(password, stored, client, throttle=THROTTLE):
    """'ok', 'wrong' or ('wait', seconds) for one client's try; a try during its pause is refused unchecked."""
    wait = throttle.admit(client)
    if wait > 0:
        return ("wait", int(wait) + 1)
    ok = verify_password(password, stored)
    throttle.settle(client, ok)
    return "ok" if ok else "wrong"


def client():
    """This browser session and the address it connects from: the unit the login throttle counts."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    session = context.session_id if context else "-"
    try:
        address = st.context.ip_address or "-"
    except (AttributeError, RuntimeError):
        address = "-"
    return session, address


def _section(name):
    """A section of st.secrets as a dict; empty when there is no secrets file or no such section."""
    try:
        return dict(st.secrets.get(name, {}))
    except (FileNotFoundError, KeyError, AttributeError, st.errors.StreamlitSecretNotFoundError):
        return {}


def password_hash():
    """The configured editor password hash, or None."""
    return _section("editors").get("password_hash") or None


def oidc_configured():
    """Whether Streamlit's OIDC login is set up in secrets ([auth] with a client id, directly or per provider)."""
    auth = _section("auth")
    return bool(auth.get("client_id") or any(isinstance(v, dict) and v.get("client_id") for v in auth.values()))


def oidc_editors():
    """E-mail addresses allowed to edit when logging in through OIDC (lower case)."""
    return {str(e).strip().lower() for e in _section("editors").get("emails", [])}


def mode():
    """How editors log in here: 'oidc', 'password' or None (no editor configured)."""
    if oidc_configured():
        return "oidc"
    return "password" if password_hash() else None


def is_editor():
    """Whether this session may open and close rounds."""
    if mode() == "oidc":
        email = str(getattr(st.user, "email", "") or "").lower()
        return bool(st.user.is_logged_in) and email in oidc_editors()
    return bool(st.session_state.get(SESSION_KEY)) and mode() == "password"


def log_in(password):
    """Check a password for this session: 'ok', 'wrong', ('wait', seconds) or 'unconfigured'."""
    stored = password_hash()
    if not stored:
        return "unconfigured"
    outcome = check(password, stored, client())
    st.session_state[SESSION_KEY] = outcome == "ok"
    return outcome


def log_out():
    """End this session's editor rights (and the OIDC login, where that is used)."""
    st.session_state.pop(SESSION_KEY, None)
    if mode() == "oidc" and st.user.is_logged_in:
        st.logout()


OUTCOME_KEY = "_editor_login_outcome"


def _try_password():
    """Form callback: check the typed password before the page runs again, and keep the outcome to show."""
    st.session_state[OUTCOME_KEY] = log_in(st.session_state.get("editor-password", ""))


def _show_outcome(lang):
    """Say why the last login attempt failed (once)."""
    outcome = st.session_state.pop(OUTCOME_KEY, None)
    if isinstance(outcome, tuple):
        st.warning(translate(lang, "editor.wait", seconds=outcome[1]))
    elif outcome in ("wrong", "unconfigured"):
        st.error(translate(lang, f"editor.login_{outcome}"))


def login_box(lang, not_configured="editor.not_configured"):
    """The editor's login or logout; says how to configure an editor when none is (`not_configured`: what the
    editor is needed for, the vote's text unless told). Returns is_editor()."""
    how = mode()
    if how is None:
        st.info(translate(lang, not_configured))
        st.code("python -m ui.auth", language="bash")
        return False
    if is_editor():
        st.button(translate(lang, "editor.logout"), key="editor-logout", on_click=log_out)
        return True
    if how == "oidc":
        if st.user.is_logged_in:
            st.warning(translate(lang, "editor.not_allowed"))
        elif st.button(translate(lang, "editor.login_oidc"), key="editor-oidc"):
            st.login()
        return False
    with st.expander(translate(lang, "editor.login"), expanded=OUTCOME_KEY in st.session_state):
        with st.form("editor-login", clear_on_submit=True):
            st.text_input(translate(lang, "editor.password"), type="password", key="editor-password")
            st.form_submit_button(translate(lang, "editor.login_button"), on_click=_try_password)
        _show_outcome(lang)
    return False


def main():
    """`python -m ui.auth`: ask for a password twice and print the secrets lines that hold its hash."""
    first = getpass.getpass("Editor password: ")
    if len(first) < 10 or first != getpass.getpass("Again: "):
        sys.exit("The two entries differ or the password is shorter than 10 characters; nothing was printed.")
    print("# add to .streamlit/secrets.toml")
    print("[editors]")
    print(f'password_hash = "{hash_password(first)}"')


if __name__ == "__main__":
    main()
