"""The corpus of refused uploads (tests/fixtures/bad_uploads): each file with the table it was offered as and the
problem it must be refused with (expected.csv); and the check of a refusal with one problem at a known place."""
import csv

from conftest import ROOT
from locales import LANGUAGES, translate

CORPUS = ROOT / "tests" / "fixtures" / "bad_uploads"
with open(CORPUS / "expected.csv", encoding="utf-8") as handle:
    CASES = list(csv.DictReader(handle))


def one_problem_texts(rejected, file, row, column, key):
    """Check that `rejected` holds exactly one problem, of kind `key` at file, row and column, and that its message
    names all three in every language; the messages by language, for a test's own further checks."""
    assert [(p.file, p.row, p.column, p.key) for p in rejected.problems] == [(file, row, column, key)]
    texts = {lang: rejected.problems[0].text(translate, lang) for lang in LANGUAGES}
    for text in texts.values():
        assert file in text and str(row) in text and column in text
    return texts
