"""Numbers as people type them: '10,5' and '2 950 000' in Finnish and Swedish, '10.5' and '2,950,000' in English.

st.number_input takes only a decimal point, so a Finnish '10,5' became 105; a typed number is read here instead.
"""
import re
from decimal import Decimal, InvalidOperation

SPACES = re.compile(r"[\s\u00a0\u202f]")
UNITS = re.compile(r"^€|(€|eur|%)$", re.IGNORECASE)
# After spaces are removed: English thousands commas, a Finnish/Swedish decimal comma, then a plain decimal.
EN_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
DECIMAL_COMMA = re.compile(r"[+-]?\d+(,\d+)?")
PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def parse_number(text, lang):
    """The Decimal a user typed, or None when it is not a number.

    Finnish and Swedish: a decimal comma (or point) and spaces between thousands ('2 950 000', '10,5').
    English: a decimal point and commas between thousands ('2,950,000', '10.5'). A € before or after the number,
    or a trailing %, is allowed.
    """
    body = UNITS.sub("", SPACES.sub("", str(text or "")).replace("\u2212", "-"))
    if lang == "en":
        if EN_GROUPED.fullmatch(body):
            body = body.replace(",", "")
    elif DECIMAL_COMMA.fullmatch(body):
        body = body.replace(",", ".")
    if not PLAIN.fullmatch(body):
        return None
    try:
        return Decimal(body)
    except InvalidOperation:
        return None
