"""Locales: fi, sv and en have the same keys, no empty value and the same {placeholders}."""
import re
import string

import pytest

from conftest import ROOT
from locales import LANGUAGES, strings


def placeholders(text):
    """The {names} used in a string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_same_keys_everywhere():
    """No language lacks a key another has."""
    keys = {lang: set(strings(lang)) for lang in LANGUAGES}
    for lang in LANGUAGES:
        assert keys[lang] == keys["fi"], f"{lang}: missing {keys['fi'] - keys[lang]}, extra {keys[lang] - keys['fi']}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_empty_values(lang):
    """Every string has text."""
    empty = [k for k, v in strings(lang).items() if not str(v).strip()]
    assert not empty


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_same_placeholders(lang):
    """A translation fills the same {placeholders} as the Finnish original."""
    fi = strings("fi")
    for key, text in strings(lang).items():
        assert placeholders(text) == placeholders(fi[key]), key


def test_every_key_used_in_code_exists():
    """Literal keys passed to translate()/t() in pages and ui exist in the Finnish file."""
    keys = set(strings("fi"))
    pattern = re.compile(r'\bt(?:ranslate)?\((?:lang, )?"([a-z_]+\.[a-z_0-9]+)"')
    used = set()
    for path in list((ROOT / "app_pages").glob("*.py")) + list((ROOT / "ui").rglob("*.py")) + [ROOT / "dashboard.py"]:
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used and used <= keys, used - keys
