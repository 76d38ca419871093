"""Independent readings of the raw source files with the csv module, to check the built tables against."""
import csv

from conftest import RAW

CENTRE_REGIONS = {"14", "15", "16"}


def rows(rel, delimiter=","):
    """All rows of a raw CSV as dicts."""
    with open(RAW / rel, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def region_2021():
    """Municipality code -> 2021 region, from the 2020 key with Isokyrö (152) moved to Etelä-Pohjanmaa."""
    mapping = {r["kunta_code"]: r["maakunta_code"] for r in rows("statfi/municipality_key_2020.csv")}
    mapping["152"] = "14"
    return mapping


def centre_municipalities():
    """The municipality codes (2020 key incl. Isokyrö's move) in the centre's three regions."""
    return {code for code, region in region_2021().items() if region in CENTRE_REGIONS}


def key_figure(code, label, year):
    """One value of the key-figures file, as a float."""
    for r in rows("statfi/kuntien_avainluvut_2000_2017_coded.csv"):
        if r["area_code"] == code and r["indicator_fi"] == label:
            return float(r[str(year)])
    raise KeyError((code, label, year))
