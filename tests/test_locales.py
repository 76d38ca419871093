"""Locales: fi, sv and en have the same keys, no empty value and the same {placeholders}; every key is used and
every key used exists."""
import ast
import csv
import re
import string

import pytest

from conftest import DATA, ROOT
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


CODE = sorted(p for folder in ("app_pages", "ui", "ingest", "charts", "calc", "export", "queries")
              for p in (ROOT / folder).rglob("*.py")) + [ROOT / "dashboard.py"]


def key_argument(call):
    """The key a call passes: translate(lang, key), t(key) or ui/upload's t(lang, key); a constant or an f-string."""
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", None)
    if name not in {"t", "translate"}:
        return None
    args = call.args[1:] if name == "translate" or (len(call.args) > 1 and isinstance(call.args[0], ast.Name)) \
        else call.args
    return args[0] if args and isinstance(args[0], (ast.Constant, ast.JoinedStr)) else None


def key_pattern(joined):
    """An f-string key as a pattern, each {...} a code: f"vote.{label}_scale" -> vote\\.([a-z0-9_]+)_scale."""
    return "".join(re.escape(part.value) if isinstance(part, ast.Constant) else "([a-z0-9_]+)"
                   for part in joined.values)


def code_usage():
    """(keys passed literally, patterns of keys built by f-strings, every string constant in the code)."""
    literal, patterns, constants = set(), set(), set()
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.Call) and (key := key_argument(node)) is not None:
                if isinstance(key, ast.Constant):
                    literal.add(key.value)
                else:
                    patterns.add(key_pattern(key))
    return literal, patterns, constants


def data_words():
    """Codes the built tables carry (units, aggregations, figure types, funding sources, table names ...): an
    f-string key such as f"units.{unit}" is completed by them."""
    words = set()
    for path in (DATA).glob("*.csv"):
        for row in csv.reader(path.read_text(encoding="utf-8").splitlines()[1:]):
            words.update(cell for cell in row if re.fullmatch(r"[a-z0-9_]+", cell))
    return words


def built_by(key, pattern, words):
    """Whether an f-string key pattern gives `key` with codes the code or the data carries."""
    match = re.fullmatch(pattern, key)
    return bool(match) and all(part in words for part in match.groups())


def test_every_key_used_exists():
    """A key the code passes to translate()/t() is in the locale files; an f-string key's pattern matches one."""
    keys = set(strings("fi"))
    literal, patterns, _ = code_usage()
    assert literal and not literal - keys, literal - keys
    assert patterns and not [p for p in patterns if not any(re.fullmatch(p, k) for k in keys)]


def test_every_key_in_the_locale_files_is_used():
    """Each key stands whole in the code (passed to translate() or kept in a list such as the views'), or an
    f-string key gives it with codes the code or the data carries (f"disparity.{key}" with "measure_cv" in the code,
    f"units.{unit}" with "pct" in the data)."""
    _, patterns, constants = code_usage()
    words = constants | data_words()
    unused = [key for key in strings("fi") if key not in constants
              and not any(built_by(key, p, words) for p in patterns)]
    assert not unused, "\n".join(unused)


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("fi", "Vuodelta 2015 ", "Vuosilta 2015, 2016 "), ("sv", "För 2015 ", "För åren 2015, 2016 "),
    ("en", "amount finally granted is", "amounts finally granted are")])
def test_plural_forms_follow_the_language_rule(lang, one, two):
    """One year or several: the form comes from Babel's plural rule, not from 'n == 1' in a template."""
    from locales import plural

    forms = {"one": "funding.proposal_only_note_one", "other": "funding.proposal_only_note_other"}
    assert one in plural(lang, 1, forms, years="2015")
    assert two in plural(lang, 2, forms, years="2015, 2016")
