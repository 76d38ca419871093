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


def plural(lang, count, forms, **values):
    """The string of `forms` (CLDR plural category -> key, 'other' required) that the language's plural rule picks
    for `count`, through Babel: '1 ballot', '2 ballots', 'Vuodelta 2015', 'Vuosilta 2015, 2016'. {count} is filled
    in as well."""
    key = forms.get(Locale.parse(lang).plural_form(count), forms["other"])
    return translate(lang, key, count=count, **values)
