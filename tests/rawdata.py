"""Independent readings of the raw source files with the csv module, to check the built tables against."""
import csv
import functools

from conftest import RAW

CENTRE_REGIONS = {"14", "15", "16"}


def rows(rel, delimiter=","):
    """All rows of a raw CSV as dicts, fresh ones for every caller."""
    return [dict(row) for row in _read(rel, delimiter)]


@functools.cache
def _read(rel, delimiter):
    """The file read once per process: the frozen raw files do not change during a session."""
    with open(RAW / rel, encoding="utf-8-sig", newline="") as handle:
        return tuple(csv.DictReader(handle, delimiter=delimiter))


# Mergers into the 2025 division: Honkajoki -> Kankaanpää, Valtimo -> Nurmes, Pertunmaa -> Mäntyharju.
MERGED = {"099": "214", "911": "541", "588": "507"}


def key_2025():
    """The 2025 classification key rows by municipality code."""
    return {r["kunta_code"]: r for r in rows("geofi/municipality_key_2025.csv")}


def region_2025():
    """Municipality code (2025 division, or a municipality merged into one) -> region code (two digits)."""
    mapping = {code: r["maakunta_code"].zfill(2) for code, r in key_2025().items()}
    mapping.update({old: mapping[new] for old, new in MERGED.items()})
    return mapping


@functools.cache
def centre_municipalities():
    """The municipality codes (2025 key, plus merged ones) in the centre's three regions."""
    return frozenset(code for code, region in region_2025().items() if region in CENTRE_REGIONS)


def population_11re(year):
    """code -> population on 31 Dec of `year` from the raw 11re file (2024 division, 'SSS' = the country)."""
    return {r["kunta_code"]: int(r["population_31_12"]) for r in rows("statfi/vaerak_11re_population_1972_2023.csv")
            if r["year"] == str(year)}


def key_figure(code, label, year):
    """One value of the key-figures file, as a float."""
    for r in rows("statfi/kuntien_avainluvut_2000_2017_coded.csv"):
        if r["area_code"] == code and r["indicator_fi"] == label:
            return float(r[str(year)])
    raise KeyError((code, label, year))
