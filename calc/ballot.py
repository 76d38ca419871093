"""The rules of a meeting-vote ballot: join codes, participant tokens, names and titles, places and ratings.

Pure checks without DuckDB or Streamlit, shared by the vote store (which refuses a bad ballot, so no page can store
one) and the URL filters (which parse ?round= and ?voter=). A refusal names its reason as a locale key
(vote.refused_<reason>) with the values the message needs.
"""
import re
import secrets
import unicodedata

# The deck's 11 focus areas (SONet BOTNIA's, and every round opened before a round kept its own list); a centre's
# uploaded list numbers its areas with ids 1..MAX_AREA_ID.
AREAS = range(1, 12)
MAX_AREA_ID = 99
MAX_CHOICES = 5
RATINGS = range(1, 6)
MAX_NAME = 60
MAX_TITLE = 120
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 4
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


class BallotRefused(ValueError):
    """A ballot or round request the store will not accept; `reason` is a locale key suffix, `values` fill it."""

    def __init__(self, reason, **values):
        super().__init__(reason, values)
        self.reason = reason
        self.values = values


def normalise_code(raw):
    """A join code as typed on a phone: spaces dropped, upper case; None when it cannot be one."""
    code = re.sub(r"\s+", "", str(raw or "")).upper()
    return code if len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code) else None


def typed_code(raw):
    """What a participant typed as a code, reduced to letters and digits (safe to show back), or None."""
    kept = re.sub(r"[^A-Z0-9]", "", str(raw or "").upper())[:8]
    return kept or None


def new_token():
    """A participant token: random, URL-safe, not guessable."""
    return secrets.token_urlsafe(16)


def clean_text(raw, limit, reason):
    """User text without control characters or surrounding space; None when empty; refused when too long."""
    text = "".join(ch for ch in str(raw or "") if unicodedata.category(ch)[0] != "C").strip()
    if len(text) > limit:
        raise BallotRefused(reason, limit=limit)
    return text or None


def _is_int(value):
    """A whole number that is not a bool (True would otherwise pass as 1)."""
    return isinstance(value, int) and not isinstance(value, bool)


def numbers_text(ids):
    """The ids of a round's focus areas as a message gives them: '1–11' when they run without a gap, else listed."""
    ids = sorted(ids)
    return f"{ids[0]}–{ids[-1]}" if ids == list(range(ids[0], ids[-1] + 1)) else ", ".join(map(str, ids))


def round_areas(stored):
    """The focus-area ids a round offers: those it was opened with, the deck's 11 for a round from before."""
    return tuple(stored) if stored else tuple(AREAS)


def check_round_areas(ids):
    """The focus areas a round is opened with: at least one, distinct whole numbers 1..MAX_AREA_ID."""
    ids = list(ids or [])
    if not ids or any(not _is_int(i) or not 1 <= i <= MAX_AREA_ID for i in ids) or len(set(ids)) < len(ids):
        raise BallotRefused("no_areas")
    return sorted(ids)


def check_areas(areas, allowed=AREAS):
    """The chosen focus areas in order: 1 to 5 distinct ids, each one of the round's (`allowed`)."""
    areas = list(areas or [])
    if not areas:
        raise BallotRefused("empty")
    if len(areas) > MAX_CHOICES:
        raise BallotRefused("too_many", count=len(areas), limit=MAX_CHOICES)
    for area in areas:
        if not _is_int(area) or area not in allowed:
            raise BallotRefused("area_range", area=area, numbers=numbers_text(allowed))
    repeated = sorted({a for a in areas if areas.count(a) > 1})
    if repeated:
        raise BallotRefused("duplicate", area=repeated[0])
    return tuple(areas)


def check_ratings(ratings, count):
    """Ratings for the chosen areas, position by position: None (not rated) or 1-5."""
    ratings = list(ratings) if ratings is not None else [None] * count
    if len(ratings) != count:
        raise BallotRefused("ratings_count", count=len(ratings), areas=count)
    for value in ratings:
        if value is not None and (not _is_int(value) or value not in RATINGS):
            raise BallotRefused("rating_range", rating=value)
    return tuple(ratings)


def valid_token(raw):
    """The token if it looks like one new_token made, else None (a link's ?voter= is checked with this)."""
    return raw if isinstance(raw, str) and TOKEN_PATTERN.fullmatch(raw) else None


def check_token(token):
    """A participant token as made by new_token (so a URL cannot smuggle in anything else)."""
    if valid_token(token) is None:
        raise BallotRefused("token")
    return token
