"""The corpus of refused uploads (tests/fixtures/bad_uploads): each file with the table it was offered as and the
problem it must be refused with (expected.csv)."""
import csv

from conftest import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "bad_uploads"
with open(CORPUS / "expected.csv", encoding="utf-8") as handle:
    CASES = list(csv.DictReader(handle))
