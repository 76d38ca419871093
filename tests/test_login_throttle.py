"""The editor login throttle (issue 16): counted per client (session and address), atomic under parallel tries, a
bounded pause that doubles, failures logged, and never a pause for a client that has not failed itself."""
import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ui import auth
from vote_helpers import released_together

PASSWORD = "correct horse battery staple"
STORED = auth.hash_password(PASSWORD)
EDITOR = ("editor-session", "192.168.1.10")
ATTACKER = ("attacker-session", "192.168.1.10")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def throttle(clock):
    return auth.Throttle(clock=clock)


def test_three_wrong_tries_pause_that_client_then_the_right_one_is_accepted(throttle, clock):
    """Three wrong, then even the right password waits 5 s; after the pause it is accepted and the count cleared."""
    assert [auth.check("nope", STORED, EDITOR, throttle) for _ in range(3)] == ["wrong"] * 3
    assert auth.check(PASSWORD, STORED, EDITOR, throttle) == ("wait", 6)
    clock.now += 5.5
    assert auth.check("again wrong", STORED, EDITOR, throttle) == "wrong"
    assert auth.check(PASSWORD, STORED, EDITOR, throttle)[0] == "wait"
    clock.now += 10.5
    assert auth.check(PASSWORD, STORED, EDITOR, throttle) == "ok"
    assert throttle.wait_s(EDITOR) == 0


def test_the_pause_doubles_and_is_bounded():
    """5, 10, 20 ... seconds, never more than five minutes however many failures."""
    assert [auth.pause_s(n) for n in range(1, 9)] == [0, 0, 5, 10, 20, 40, 80, 160]
    assert auth.pause_s(9) == auth.pause_s(10_000) == auth.MAX_PAUSE_S == 300


def test_someone_elses_burst_does_not_keep_the_editor_out(throttle):
    """After twenty wrong tries from another session on the same network, the editor's right password works."""
    for _ in range(20):
        auth.check("guess", STORED, ATTACKER, throttle)
    assert auth.check(PASSWORD, STORED, EDITOR, throttle) == "ok"


def test_one_wrong_try_every_five_minutes_never_blocks_the_editor(throttle, clock):
    """The meeting-long trickle of the probe: the editor can log in at any point of it."""
    for _ in range(12):
        assert auth.check("guess", STORED, ATTACKER, throttle) in ("wrong", ("wait", 301))
        clock.now += 300
        assert throttle.wait_s(EDITOR) == 0
    assert auth.check(PASSWORD, STORED, EDITOR, throttle) == "ok"


def test_twenty_simultaneous_tries_from_one_client_are_not_all_checked(throttle, monkeypatch):
    """Twenty threads at once: only the free tries reach scrypt, the others are told to wait."""
    checked = []

    def slow_verify(password, stored):
        checked.append(password)
        return False

    monkeypatch.setattr(auth, "verify_password", slow_verify)
    outcomes = released_together([lambda: auth.check("guess", STORED, ATTACKER, throttle)] * 20)
    assert len(checked) == auth.FREE_TRIES
    assert sorted(o for o in outcomes if o == "wrong") == ["wrong"] * auth.FREE_TRIES
    assert sum(1 for o in outcomes if isinstance(o, tuple)) == 20 - auth.FREE_TRIES


@settings(max_examples=200, deadline=None)
@given(others=st.lists(st.tuples(st.sampled_from(["s1", "s2", "s3"]), st.sampled_from(["10.0.0.1", "10.0.0.2"]),
                                 st.floats(0, 400)), max_size=40))
def test_a_client_that_has_not_failed_is_never_paused(others):
    """Whatever other clients do and whenever, a fresh client's first try is checked."""
    clock = Clock()
    throttle = auth.Throttle(clock=clock)
    for session, address, gap in others:
        clock.now += gap
        throttle.admit((session, address))
        throttle.settle((session, address), False)
    assert throttle.admit(("fresh", "10.0.0.1")) == 0.0


def test_failed_tries_are_logged_with_the_address(throttle, caplog):
    """A wrong password leaves a warning naming the address and a hash of the session, never the password."""
    with caplog.at_level(logging.WARNING, logger="sonet.auth"):
        auth.check("hunter2-wrong", STORED, ATTACKER, throttle)
    assert "editor login failed: address 192.168.1.10" in caplog.text
    assert "hunter2" not in caplog.text and "attacker-session" not in caplog.text
