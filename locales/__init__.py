"""UI strings from locales/{fi,sv,en}.toml, looked up by dotted key in the current language.

A package of its own, below ui/ and ingest/, so that both show messages in the user's language while the arrows of
docs/ARCHITECTURE.md still go one way (ui -> locales, ingest -> locales; locales imports nothing of ours)."""
import tomllib
from functools import cache
from pathlib import Path

from babel import Locale

LOCALES = Path(__file__).resolve().parent
LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"


def _flatten(table, prefix=""):
    """Nested TOML tables -> {"a.b.c": text}."""
    flat = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


@cache
def strings(lang):
    """All strings of one language, flattened."""
    with open(LOCALES / f"{lang}.toml", "rb") as handle:
        return _flatten(tomllib.load(handle))


def translate(lang, key, **values):
    """The string for `key` in `lang`, with {placeholders} filled; a missing key fails loudly in tests."""
    text = strings(lang)[key]
    return text.format(**values) if values else text


def plural(lang, key, count, **values):
    """`key_one` or `key_other` by the language's plural rule (CLDR through Babel): '1 ballot', '2 ballots',
    'Vuodelta 2015', 'Vuosilta 2015, 2016'. {count} is filled in as well."""
    form = Locale.parse(lang).plural_form(count)
    table = strings(lang)
    chosen = f"{key}_{form}" if f"{key}_{form}" in table else f"{key}_other"
    return translate(lang, chosen, count=count, **values)
