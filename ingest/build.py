"""Build every table of docs/ARCHITECTURE.md section 3 from data/raw into data/, all in memory first, then replace
files.

Nothing under the output folder is touched unless the whole build succeeded; each file is written to a
temporary name and moved into place, so a reader never sees half a file.
"""
import functools
import hashlib
import io
import json
import os
import pickle
import tempfile
from pathlib import Path

import pandas as pd

from domain import COUNTRY, FUNDING_FILE
from ingest import aggregate as agg
from ingest import centres as centre_data
from ingest import distance, geo, updates
from ingest.centre_lists import build_action_plan, build_focus_areas
from ingest.errors import SourceError
from ingest.readers import (
    DIVISION_YEAR,
    MERGED_INTO,
    read_budget,
    read_employment_2016,
    read_funding,
    read_indicator_meta,
    read_jobseekers_12r5,
    read_key_figures,
    read_key_figures_2019,
    read_municipal_borders,
    read_municipality_key,
    read_net_migration_12w7,
    read_paavo,
    read_population_11lj_december,
    read_population_11re,
    read_population_2025,
    read_region_borders,
    read_sources,
    read_titled,
    write_csv,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RAW = DATA / "raw"

# Raw files that the base tables (areas, indicator rows, borders) are not built from (uploads change these, or the
# registry's dates): an upload of funding, of the national subsidy, of indicator rows and their descriptions or of a
# centre's lists (all raw/updates/) reuses the base tables built before.
NOT_BASE_INPUTS = (FUNDING_FILE, "budget/", "sources.csv", "sotkanet/", updates.FOLDER, "README.md")
# The last few base builds by input digest: a test or an upload that restores earlier inputs, or whose build
# failed, finds the good tables still here.
_built_bases = {}
KEPT_BASE_BUILDS = 3
# A folder where builds are also kept across processes (the test suite sets it, so that xdist workers and the
# command-line runs it starts reuse the tables its first process built); unset, builds are kept in memory only.
INDICATOR_CACHE_ENV = "SONET_INDICATOR_CACHE"
# Written beside a build's files: the digests of the raw files and the code it was built from.
STAMP = "build_stamp.json"
# The code a build depends on: ingest itself and the codes and paths it takes from domain/.
BUILD_CODE = (Path(__file__).resolve().parent, ROOT / "domain")

EXACT_WEIGHTED = {"urbanisation_rate", "pensioners_pct", "swedish_speakers_pct", "foreign_citizens_pct",
                  "social_health_net_costs_eur", "education_culture_net_costs_eur"}
COUNTRY_NAMES = {"name_fi": "Koko maa", "name_sv": "Hela landet", "name_en": "Whole country"}
# Area levels made of whole municipalities, with the column of areas.csv that names each municipality's area.
AREA_LEVELS = {"region": "region_code", "hva": "hva_code", "yta": "yta_code", "centre": "centre_code"}
LEVELS = ("municipality", "region", "hva", "yta", "centre", "country")
# Our codes for the key's wellbeing services counties and cooperation areas (the key numbers each from 1).
HVA_PREFIX, YTA_PREFIX = "HVA", "YTA"
AREA_COLUMNS = ["code", "level", "name_fi", "name_sv", "name_en", "region_code", "hva_code", "yta_code",
                "centre_code", "language_code", "language_fi", "language_sv", "language_en", "urban_code",
                "urban_fi", "urban_sv", "urban_en"]
LABOUR_FORCE_MIN_SHARE = 0.99


def hva(code):
    """Our code of a wellbeing services county: 'HVA' and the key's number in two digits."""
    return f"{HVA_PREFIX}{int(code):02d}"


def yta(code):
    """Our code of a cooperation area: 'YTA' and the key's number."""
    return f"{YTA_PREFIX}{int(code)}"


def key_areas(key, kind, code_of, level):
    """One row per wellbeing services county or cooperation area of the key, with fi/sv/en names."""
    rows = key.drop_duplicates(f"{kind}_code")
    return pd.DataFrame({"code": rows[f"{kind}_code"].map(code_of), "level": level,
                         **{f"name_{lang}": rows[f"{kind}_name_{lang}"] for lang in ("fi", "sv", "en")}})


def parent_of(munis, column, parent):
    """area -> its `parent` area when all its municipalities share one, else ''."""
    pairs = munis.groupby(column)[parent].agg(lambda s: s.iloc[0] if s.nunique() == 1 else "")
    return pairs.to_dict()


def build_areas(raw):
    """Municipalities of the 2025 division with their region, wellbeing services county (hva), cooperation area
    (yta), language status, urban/rural group and regional competence centre; the regions, counties, cooperation
    areas, each regional centre's area and the country."""
    _, munis = read_municipal_borders(raw)
    _, regions = read_region_borders(raw)
    key = read_municipality_key(raw).set_index("kunta_code")
    path = raw / "geofi" / "municipality_key_2025.csv"
    for code in sorted(set(munis["code"]) ^ set(key.index)):
        where = "the key" if code in set(munis["code"]) else "the borders"
        raise SourceError(path, f"municipality {code} is not in {where}", column="kunta_code")
    k = key.loc[munis["code"]]
    muni_rows = pd.DataFrame({
        "code": munis["code"].values, "level": "municipality",
        "name_fi": munis["name_fi"].values, "name_sv": munis["name_sv"].values,
        "name_en": k["municipality_name_en"].values,
        "region_code": k["maakunta_code"].values,
        "hva_code": k["hyvinvointialue_code"].map(hva).values, "yta_code": k["yhteistyoalue_code"].map(yta).values,
        "language_code": k["kielisuhde_code"].values, "urban_code": k["kuntaryhmitys_code"].values,
        **{f"language_{lang}": k[f"kielisuhde_name_{lang}"].values for lang in ("fi", "sv", "en")},
        **{f"urban_{lang}": k[f"kuntaryhmitys_name_{lang}"].values for lang in ("fi", "sv", "en")},
    })
    centre_files = centre_data.read_centre_files(raw)
    muni_rows["centre_code"] = muni_rows["region_code"].map(centre_data.regional_centre_of(*centre_files)).fillna("")
    region_en = dict(zip(key["maakunta_code"], key["maakunta_name_en"]))
    region_rows = regions.assign(level="region", name_en=regions["code"].map(region_en))
    if region_rows["name_en"].isna().any():
        raise SourceError(path, "a region has no English name", column="maakunta_name_en")
    hva_rows = key_areas(key, "hyvinvointialue", hva, "hva")
    yta_rows = key_areas(key, "yhteistyoalue", yta, "yta")
    for rows, column in ((region_rows, "region_code"), (hva_rows, "hva_code"), (yta_rows, "yta_code")):
        for parent in ("region_code", "hva_code", "yta_code", "centre_code"):
            if parent != column:
                rows[parent] = rows["code"].map(parent_of(muni_rows, column, parent)).fillna("")
    extra = pd.concat([centre_data.centre_area_rows(*centre_files),
                       pd.DataFrame([{"code": COUNTRY, "level": "country", **COUNTRY_NAMES}])])
    order = {"country": 0, "centre": 1, "yta": 2, "hva": 3, "region": 4, "municipality": 5}
    areas = pd.concat([extra, yta_rows, hva_rows, region_rows, muni_rows], ignore_index=True)
    areas = areas.reindex(columns=AREA_COLUMNS).fillna("")
    areas = areas.sort_values(["level", "code"], key=lambda s: s.map(order) if s.name == "level" else s)
    return areas.reset_index(drop=True), munis


def groupings(units, areas, file):
    """For unit codes of a source division: unit -> 2025 municipality and each area level it belongs to.

    Every 2025 municipality must be covered, else an area's total would silently be partial.
    """
    munis = areas[areas["level"] == "municipality"].set_index("code")
    units = pd.Series(sorted(set(units) - {COUNTRY}))
    target = units.map(lambda u: MERGED_INTO.get(u, u))
    unknown = units[~target.isin(munis.index)]
    if len(unknown):
        raise SourceError(file, f"municipality code {unknown.iloc[0]} is not in the 2025 division")
    absent = sorted(set(munis.index) - set(target))
    if absent:
        raise SourceError(file, f"no row for municipality {absent[0]} ({munis.loc[absent[0], 'name_fi']})")
    muni = pd.Series(target.values, index=units.values)
    out = {"municipality": muni}
    for level, column in AREA_LEVELS.items():
        parent = muni.map(munis[column])
        out[level] = parent[parent != ""]
    out["country"] = muni.map(lambda _: COUNTRY)
    return out


def tagged(frame, indicator, source):
    """Turn a group/year/value frame into indicator rows."""
    return frame.rename(columns={"group": "area_code"}).assign(indicator=indicator, source=source)[
        ["area_code", "year", "indicator", "value", "source"]]


def one(long, indicator):
    """The unit/year/value rows of one indicator."""
    return long.loc[long["indicator"] == indicator, ["unit", "year", "value"]]


def edition_labels(meta, column):
    """Source label -> indicator for one key-figure edition (its label `column` of indicator_meta); an indicator
    the edition does not print has no label there."""
    labels = dict(zip(meta[column].fillna(""), meta["indicator"]))
    labels.pop("", None)
    return labels


def key_figure_long(raw, meta):
    """The key figures of both editions (2000-2017 file, 2019 edition) as one long unit/year/indicator frame.

    Where both give the same indicator and year, that is an error: an edition must never silently win.
    """
    labels, labels_2019 = edition_labels(meta, "source_label"), edition_labels(meta, "label_2019_edition")
    old, names = read_key_figures(raw, labels)
    new = read_key_figures_2019(raw, labels_2019)
    both = old.merge(new[["unit", "year", "indicator"]], on=["unit", "year", "indicator"])
    if len(both):
        first = both.iloc[0]
        raise SourceError(raw / "statfi" / "kuntien_avainluvut_2019_edition.csv",
                          f"{first['indicator']} {first['year']} is also in the 2000-2017 file")
    long = pd.concat([old.assign(source="statfi_key_figures"), new.assign(source="statfi_key_figures_2019")],
                     ignore_index=True)
    return long, names, sorted(set(labels.values()) | set(labels_2019.values()))


def key_figure_rows(raw, meta, areas):
    """The key figures plus 2016 unemployment counts, carried to the 2025 division and aggregated to every level.

    Population itself comes from the population tables (11re and later); the key files' population is used here
    only as the weight of their own rates, in their own division. The country keeps the source's own row where it
    has one (the 2019 edition has none: there the country is aggregated like any area).
    """
    long, names, indicators = key_figure_long(raw, meta)
    name_to_code = {name: code for code, name in names.items() if code != COUNTRY}
    counts = read_employment_2016(raw, name_to_code)
    groups = groupings(long["unit"], areas, raw / "statfi" / "kuntien_avainluvut_2000_2017_coded.csv")
    method = dict(zip(meta["indicator"], meta["aggregation"]))
    population = one(long, "population")
    source_of = long.drop_duplicates(["indicator", "year"]).set_index(["indicator", "year"])["source"]
    out = []
    for level in LEVELS:
        g = groups[level]
        alone = agg.singletons(g) if level == "municipality" else set()
        for indicator in indicators:
            if indicator == "population":
                continue
            values = one(long, indicator)
            rule = method[indicator]
            if rule == "sum":
                res = agg.sum_by(values, g)
            elif indicator == "population_change_pct":
                res = agg.change_pct(agg.sum_by(population, g))
            elif level == "municipality" and indicator not in EXACT_WEIGHTED:
                res = agg.weighted_mean_by(values, population, g)
                res = res[res["group"].isin(alone)]
            else:
                res = agg.weighted_mean_by(values, population, g)
            if indicator == "population_change_pct" and level == "municipality":
                direct = agg.sum_by(values, g)
                res = pd.concat([direct[direct["group"].isin(alone)], res[~res["group"].isin(alone)]])
            if level == "country":
                own = one(long[long["unit"] == COUNTRY], indicator).rename(columns={"unit": "group"})
                res = pd.concat([own, res[~res["year"].isin(set(own["year"]))]])
            if indicator == "unemployment_rate" and level != "country":
                exact = unemployment_from_counts(counts, g, alone)
                out.append(tagged(exact, indicator, "statfi_employment_2016"))
                res = res.merge(exact[["group", "year"]], how="left", indicator=True)
                res = res[res.pop("_merge") == "left_only"]
            res = res.assign(source=res["year"].map(source_of.xs(indicator)))
            out.append(res.rename(columns={"group": "area_code"}).assign(indicator=indicator)[
                ["area_code", "year", "indicator", "value", "source"]])
    for indicator in ("unemployed", "labour_force"):
        for level in LEVELS:
            out.append(tagged(agg.sum_by(one(counts, indicator), groups[level]), indicator,
                              "statfi_employment_2016"))
    return pd.concat(out, ignore_index=True)


def unemployment_from_counts(counts, groups, alone):
    """Unemployment rate from unemployed / labour force where counts exist (2016): exact for merged areas.

    A municipality that was never merged keeps the source's own published rate.
    """
    exact = agg.ratio_of_sums(one(counts, "unemployed"), one(counts, "labour_force"), groups, 100.0)
    return exact[~exact["group"].isin(alone)]


def population_rows(raw, areas):
    """Population on 31 Dec: 1972-2023 final (11re, its country row), 2024 preliminary (11lj December) and 2025.

    Each year is summed into the 2025 division and every area level; where the source gives the country, its own
    figure is kept.
    """
    statfi = raw / "statfi"
    frames = [(statfi / "vaerak_11re_population_1972_2023.csv", read_population_11re(raw), "statfi_population_11re"),
              (statfi / "vamuu_11lj_preliminary_population_monthly_2024M01_2025M01.csv",
               read_population_11lj_december(raw, 2024), "statfi_population_11lj_preliminary"),
              (statfi / "vakiluku_2025_kunnat.csv", read_population_2025(raw), "statfi_population_2025")]
    out = []
    for file, frame, source in frames:
        groups = groupings(frame["unit"], areas, file)
        municipal = frame[frame["unit"] != COUNTRY][["unit", "year", "value"]]
        for level in LEVELS:
            res = agg.sum_by(municipal, groups[level])
            if level == "country" and (frame["unit"] == COUNTRY).any():
                res = frame.loc[frame["unit"] == COUNTRY, ["unit", "year", "value"]].rename(columns={"unit": "group"})
            out.append(tagged(res, "population", source))
    return pd.concat(out, ignore_index=True)


def net_migration_rows(raw, areas):
    """Net migration between municipalities 2022-2023 (12w7, yearly sums), summed into every area level.

    The country's figure is 0 by definition (a move between municipalities leaves the country's total unchanged).
    """
    frame = read_net_migration_12w7(raw)
    groups = groupings(frame["unit"], areas, raw / "statfi" / "muutl_12w7_intermunicipal_net_migration_monthly_"
                                                           "2022_2023.csv")
    municipal = frame[frame["unit"] != COUNTRY]
    return pd.concat([tagged(agg.sum_by(municipal, groups[level]), "net_migration", "statfi_net_migration_12w7")
                      for level in LEVELS], ignore_index=True)


def labour_force_weights(raw, names, areas):
    """Each 2025 municipality's labour force at the end of 2016 (employment statistics), the weight of 12r5."""
    name_to_code = {name: code for code, name in names.items() if code != COUNTRY}
    counts = read_employment_2016(raw, name_to_code)
    force = one(counts, "labour_force")
    groups = groupings(force["unit"], areas, raw / "statfi" / "tyovoima_2016.csv")
    return agg.sum_by(force, groups["municipality"]).set_index("group")["value"]


def jobseeker_rows(raw, areas, names):
    """Unemployed jobseekers, % of the labour force (12r5): monthly and yearly means, municipalities as published,
    areas as estimates weighted by the 2016 labour force (see the indicator's method)."""
    monthly = read_jobseekers_12r5(raw)
    file = raw / "tem" / "tyonv_12r5_tyotosuus_monthly_2007M01_2025M01.csv"
    groups = groupings(monthly["unit"], areas, file)
    weights = labour_force_weights(raw, names, areas)
    out = [monthly.rename(columns={"unit": "area_code"}).assign(source="tem_jobseekers_12r5")]
    for level in LEVELS[1:]:
        out.append(agg.weighted_share_estimate(monthly, weights, groups[level], LABOUR_FORCE_MIN_SHARE)
                   .rename(columns={"group": "area_code"}).assign(source="tem_jobseekers_12r5;statfi_employment_2016"))
    rows = pd.concat(out, ignore_index=True).assign(indicator="jobseekers_pct")
    rows = rows[["area_code", "year", "month", "indicator", "value", "source"]]
    full = rows[rows.groupby(["area_code", "year"])["value"].transform("size") == 12]
    yearly = full.groupby(["area_code", "year", "indicator", "source"], as_index=False)["value"].mean()
    return rows.reset_index(drop=True), yearly[["area_code", "year", "indicator", "value", "source"]]


def paavo_rows(raw, areas):
    """Income (2017) and age structure (2018) from Paavo counts, as ratios of sums at every level."""
    paavo = read_paavo(raw)
    groups = groupings(paavo["unit"], areas, raw / "paavo" / "paavo_municipality_demographics_coded.csv")

    def series(columns, year):
        return pd.DataFrame({"unit": paavo["unit"], "year": year, "value": paavo[list(columns)].sum(axis=1,
                                                                                                    min_count=1)})

    income_total = pd.DataFrame({"unit": paavo["unit"], "year": 2017,
                                 "value": paavo["mean_income"] * paavo["adults"]})
    adults, people = series(["adults"], 2017), series(["inhabitants"], 2018)
    specs = {
        "mean_income": (income_total, adults, 1.0),
        "low_income_class_pct": (series(["low_income"], 2017), adults, 100.0),
        "high_income_class_pct": (series(["high_income"], 2017), adults, 100.0),
        "children_0_17_pct": (series(["age_0_2", "age_3_6", "age_7_12", "age_13_15", "age_16_17"], 2018),
                              people, 100.0),
        "aged_65_plus_pct": (series(["age_65_69", "age_70_74", "age_75_79", "age_80_84", "age_85_plus"], 2018),
                             people, 100.0),
        "aged_75_plus_pct": (series(["age_75_79", "age_80_84", "age_85_plus"], 2018), people, 100.0),
    }
    out = []
    for level, g in groups.items():
        for indicator, (top, bottom, scale) in specs.items():
            out.append(tagged(agg.ratio_of_sums(top, bottom, g, scale), indicator, "paavo_2020"))
    median = series(["median_income"], 2017)
    alone = agg.singletons(groups["municipality"])
    res = agg.sum_by(median, groups["municipality"])
    out.append(tagged(res[res["group"].isin(alone)], "median_income", "paavo_2020"))
    return pd.concat(out, ignore_index=True)


def land_rows(raw, munis, areas, population):
    """Land area (NLS, 2021 division) and population density for the years with official populations."""
    land = pd.DataFrame({"unit": munis["code"], "year": 2021, "value": munis["land_area_km2"]})
    groups = groupings(land["unit"], areas, raw / "nls" / "kuntarajat.2021.json")
    out = []
    for level, g in groups.items():
        area = agg.sum_by(land, g)
        out.append(tagged(area, "land_area_km2", "nls_borders_2021"))
        pop = population[(population["year"] >= 2019)].rename(columns={"area_code": "group"})
        pop = pop[pop["group"].isin(set(g.values))][["group", "year", "value", "source"]]
        density = pop.merge(area[["group", "value"]].rename(columns={"value": "land"}), on="group")
        density["value"] = density["value"] / density["land"]
        density["source"] = density["source"] + ";nls_borders_2021"
        out.append(density.rename(columns={"group": "area_code"}).assign(indicator="population_density")[
            ["area_code", "year", "indicator", "value", "source"]])
    return pd.concat(out, ignore_index=True)


def checked_rows(rows, keys, meta):
    """Rows rounded to remove float noise, checked for one value per key and for described indicators."""
    rows["year"] = rows["year"].astype("int32")
    rows["value"] = rows["value"].astype("float64").round(6)
    dupes = rows.duplicated(subset=keys, keep=False)
    if dupes.any():
        first = rows[dupes].iloc[0]
        raise ValueError(f"two values for {' '.join(str(first[k]) for k in keys)}")
    unknown = set(rows["indicator"]) - set(meta["indicator"])
    if unknown:
        raise ValueError(f"indicator without metadata: {sorted(unknown)}")
    return rows.sort_values(["indicator", "area_code", *keys[1:-1]]).reset_index(drop=True)


def build_indicators(raw, meta, areas, munis):
    """All yearly indicator rows and the monthly ones (jobseekers), each checked by `checked_rows`.

    Population and migration, the quickest parts, run first: a bad file there stops the build within a second.
    """
    population = population_rows(raw, areas)
    parts = [population, net_migration_rows(raw, areas), paavo_rows(raw, areas)]
    monthly, jobseekers_yearly = jobseeker_rows(raw, areas, key_figure_long(raw, meta)[1])
    parts += [key_figure_rows(raw, meta, areas), jobseekers_yearly]
    parts.append(land_rows(raw, munis, areas, population))
    parts.append(distance.distance_rows(read_municipal_borders(raw)[0], areas))
    rows = checked_rows(pd.concat(parts, ignore_index=True), ["area_code", "year", "indicator"], meta)
    monthly["month"] = monthly["month"].astype("int32")
    return rows, checked_rows(monthly, ["area_code", "year", "month", "indicator"], meta)


def inputs_digest(raw, skipped):
    """A digest of every raw file's path and bytes but the skipped ones: equal digests, equal inputs."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(raw).rglob("*") if p.is_file()):
        rel = path.relative_to(raw).as_posix()
        if not rel.startswith(skipped):
            digest.update(f"{rel}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.cache
def code_digest():
    """A digest of the code a build depends on, read once per process: rows kept on disk by other code are never
    reused."""
    digest = hashlib.sha256()
    for path in sorted(p for folder in BUILD_CODE for p in folder.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _cache_file(key):
    """Where the build with digest `key` is kept across processes, or None when no folder is set."""
    folder = os.environ.get(INDICATOR_CACHE_ENV)
    return Path(folder) / f"base-{key}-{code_digest()[:16]}.pickle" if folder else None


def _kept(key):
    """The base tables of an earlier build with these inputs, from memory or the cache folder, or None."""
    if key in _built_bases:
        return _built_bases[key]
    cached = _cache_file(key)
    if not (cached and cached.exists()):
        return None
    base = pickle.loads(cached.read_bytes())
    _remember(key, base)
    return base


def _remember(key, base):
    """Keep a build in memory, the last few only."""
    while len(_built_bases) >= KEPT_BASE_BUILDS:
        del _built_bases[next(iter(_built_bases))]
    _built_bases[key] = base


def _keep(key, base):
    """Keep a build in memory and in the cache folder when one is set."""
    _remember(key, base)
    cached = _cache_file(key)
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_files({cached.name: pickle.dumps(base)}, cached.parent)


def base_tables(raw, curated):
    """(areas, municipalities, indicator rows, monthly rows, municipal borders, regional borders): the slow part
    of a build, reused while the raw files it reads are unchanged. The frames are copies; the two GeoJSON
    collections are shared and only read."""
    key = inputs_digest(raw, NOT_BASE_INPUTS)
    base = _kept(key)
    if base is None:
        areas, munis = build_areas(raw)
        rows, monthly = build_indicators(raw, curated, areas, munis)
        base = (areas, munis, rows, monthly, *geo.simplified_borders(raw))
        _keep(key, base)
    return (*(frame.copy() for frame in base[:4]), *base[4:])


def build_meta(meta, indicators, monthly, sources):
    """indicator_meta: curated names plus the sources, licences, first and last year actually present, the
    latest month of a monthly indicator, and the release date of the newest source behind the indicator."""
    licence = dict(zip(sources["source_id"], sources["licence"]))
    updated = dict(zip(sources["source_id"], sources["updated"]))
    present = indicators.groupby("indicator").agg(first_year=("year", "min"), last_year=("year", "max"))
    # Joined over each indicator's distinct source labels, not its 10^5 rows.
    pairs = indicators[["indicator", "source"]].drop_duplicates()
    present.insert(0, "source", pairs.groupby("indicator")["source"].agg(
        lambda s: ";".join(sorted({p for v in s for p in v.split(";")}))))
    latest = monthly.sort_values(["year", "month"]).groupby("indicator").tail(1).set_index("indicator")
    out = meta.drop(columns=["source_label", "label_2019_edition"], errors="ignore").join(present, on="indicator")
    out["licence"] = out["source"].map(lambda s: "; ".join(sorted({licence[p] for p in s.split(";")})))
    out["first_year"] = out["first_year"].astype(int)
    out["last_year"] = out["last_year"].astype(int)
    out["last_month"] = out["indicator"].map(lambda i: f"{latest.loc[i, 'year']}-{latest.loc[i, 'month']:02d}"
                                             if i in latest.index else "")
    out["released"] = out["source"].map(lambda s: max((updated[p] for p in s.split(";") if updated[p]),
                                                      default=""))
    return out


def period_of(years):
    """'2000–2017' or '2019' from a list of years."""
    years = sorted({int(y) for y in pd.Series(years).unique()})
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def plan_period(plan):
    """The years the action plans' actions run over ('' while no plan has been uploaded)."""
    return period_of(list(plan["start"].str[:4]) + list(plan["due"].str[:4])) if len(plan) else ""


def build_catalog(tables, sources):
    """One row per table: what it is, where it comes from, its licence, period, last update and row count."""
    updated = dict(zip(sources["source_id"], sources["updated"]))
    licence = dict(zip(sources["source_id"], sources["licence"]))
    rows = []
    for name, (file, frame, source_ids, period) in tables.items():
        ids = source_ids.split(";")
        rows.append({"name": name, "file": file, "source": source_ids,
                     "licence": "; ".join(sorted({licence[i] for i in ids})), "period": period,
                     "updated": max(updated[i] for i in ids), "rows": len(frame)})
    return pd.DataFrame(rows)


def build_all(raw=RAW):
    """Every output file as bytes, keyed by its path under data/. Raises SourceError on a bad source."""
    raw = Path(raw)
    sources = updates.with_sources(read_sources(raw), raw)
    curated = read_indicator_meta(raw)
    meta = updates.with_meta(curated, raw)
    # Built from the curated descriptions: those an upload brings describe only the uploaded rows.
    areas, _, built, monthly, muni_geo, region_geo = base_tables(raw, curated)
    indicators = updates.with_rows(built, raw, meta, areas, sources)
    indicator_meta = build_meta(meta, indicators, monthly, sources)
    subsidy = read_budget(raw)
    funding = read_funding(raw, subsidy)
    priorities = read_titled(raw, "priorities.csv", 11)
    goals = read_titled(raw, "strategy_goals.csv", 7)
    centres = centre_data.build_centres(*centre_data.read_centre_files(raw), areas)
    centre_data.check_funding_centres(funding, centres, raw / FUNDING_FILE)
    focus_areas = build_focus_areas(raw, priorities, centres)
    action_plan = build_action_plan(raw, focus_areas, indicator_meta["indicator"])
    ind_sources = ";".join(sorted({p for v in indicators["source"].unique() for p in v.split(";")}))
    month_span = monthly.sort_values(["year", "month"]).iloc[[0, -1]]
    month_period = "–".join(f"{y}-{m:02d}" for y, m in zip(month_span["year"], month_span["month"]))
    tables = {
        "areas": ("areas.csv", areas, "nls_borders_2021;statfi_classification", str(DIVISION_YEAR)),
        "indicators": ("indicators.parquet", indicators, ind_sources, period_of(indicators["year"])),
        "indicators_monthly": ("indicators_monthly.parquet", monthly, "tem_jobseekers_12r5;statfi_employment_2016",
                               month_period),
        "indicator_meta": ("indicator_meta.csv", indicator_meta, ind_sources, period_of(indicators["year"])),
        "national_subsidy": ("national_subsidy.csv", subsidy, "budget_33_60_63", period_of(subsidy["year"])),
        "funding": ("funding.csv", funding, "sonet_botnia_funding", period_of(funding["year"])),
        "centres": ("centres.csv", centres, "decree_1411_2001", "2002–2025"),
        "priorities": ("priorities.csv", priorities, "sonet_botnia_deck_2019", "2019"),
        "focus_areas": ("focus_areas.csv", focus_areas, "sonet_botnia_deck_2019;centre_own_lists", "2019–"),
        "action_plan": ("action_plan.csv", action_plan, "centre_own_lists", plan_period(action_plan)),
        "strategy_goals": ("strategy_goals.csv", goals, "sonet_botnia_deck_2019", "2019"),
        "sources": ("sources.csv", sources, ";".join(sources["source_id"]), ""),
        "municipality_borders": ("geo/municipalities.geojson", muni_geo["features"], "nls_borders_2021",
                                 str(DIVISION_YEAR)),
        "region_borders": ("geo/regions.geojson", region_geo["features"], "nls_borders_2021", "2023"),
    }
    files = {}
    for name, (file, frame, _, _) in tables.items():
        if file.endswith(".parquet"):
            buffer = io.BytesIO()
            frame.to_parquet(buffer, index=False)
            files[file] = buffer.getvalue()
        elif file.endswith(".geojson"):
            files[file] = json.dumps(muni_geo if name == "municipality_borders" else region_geo,
                                     ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        else:
            files[file] = stored_csv(frame)
    files["catalog.csv"] = stored_csv(build_catalog(tables, sources))
    return files


def stored_csv(frame):
    """A frame as UTF-8 CSV bytes in the project's one dialect."""
    buffer = io.StringIO()
    write_csv(frame, buffer)
    return buffer.getvalue().encode("utf-8")


def write_files(files, out):
    """Write each file next to its target, then atomically replace the target."""
    out = Path(out)
    for rel, content in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def stamp_of(raw):
    """What a build follows from: the digests of every raw file and of the build code."""
    return {"inputs": inputs_digest(raw, ()), "code": code_digest()}


def build(raw=RAW, out=DATA):
    """Build everything in memory, then write it with its stamp; a bad source leaves `out` untouched."""
    files = build_all(raw)
    files[STAMP] = json.dumps({**stamp_of(raw), "files": sorted(files)}, indent=1).encode("utf-8")
    write_files(files, out)
    return files


def copy_build(built, raw, out):
    """Copy the build in `built` to `out` when its stamp says it was made from files equal to `raw` by this code,
    which is what building them again would write (the test suite's copy of today's data skips its build so);
    False, copying nothing, otherwise."""
    stamp_file = Path(built) / STAMP
    if not stamp_file.exists():
        return False
    stamp = json.loads(stamp_file.read_text(encoding="utf-8"))
    if {key: stamp.get(key) for key in ("inputs", "code")} != stamp_of(raw):
        return False
    if not all((Path(built) / rel).is_file() for rel in stamp["files"]):
        return False
    write_files({rel: (Path(built) / rel).read_bytes() for rel in [*stamp["files"], STAMP]}, out)
    return True
