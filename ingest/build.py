"""Build every table of DESIGN.md section 4 from data/raw into data/, all in memory first, then replace files.

Nothing under the output folder is touched unless the whole build succeeded; each file is written to a
temporary name and moved into place, so a reader never sees half a file.
"""
import hashlib
import io
import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from ingest import aggregate as agg
from ingest import distance, geo, updates
from ingest.errors import SourceError
from ingest.readers import (
    CENTRE,
    CENTRE_REGIONS,
    COUNTRY,
    MERGED_INTO,
    REGION_CHANGES_2021,
    read_budget,
    read_centres,
    read_employment_2016,
    read_funding,
    read_indicator_meta,
    read_key_figures,
    read_municipal_borders,
    read_municipality_key,
    read_paavo,
    read_population_2019_2020,
    read_population_2022_2023,
    read_region_borders,
    read_sources,
    read_titled,
    write_csv,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RAW = DATA / "raw"

# Raw files that the indicator rows are not built from (uploads change these, or the registry's dates): an upload
# of funding, of the national subsidy or of indicator rows reuses the indicator rows built before.
NOT_INDICATOR_INPUTS = ("sonet_botnia/funding.csv", "budget/", "sources.csv", "sotkanet/", updates.ROWS, "README.md")
_built_indicators = {}

EXACT_WEIGHTED = {"urbanisation_rate", "pensioners_pct"}
CENTRE_NAMES = {"name_fi": "SONet BOTNIAn alue", "name_sv": "SONet BOTNIAs område", "name_en": "SONet BOTNIA area"}
COUNTRY_NAMES = {"name_fi": "Koko maa", "name_sv": "Hela landet", "name_en": "Whole country"}


def build_areas(raw):
    """Municipalities (2021 division) with their 2021 region, the 19 regions, the centre's area and the country."""
    _, munis = read_municipal_borders(raw)
    _, regions = read_region_borders(raw)
    key = read_municipality_key(raw)
    region_of = dict(zip(key["kunta_code"], key["maakunta_code"]))
    region_of.update(REGION_CHANGES_2021)
    missing = sorted(set(munis["code"]) - set(region_of))
    if missing:
        raise SourceError(raw / "statfi" / "municipality_key_2020.csv", f"no region for municipality {missing[0]}",
                          column="kunta_code")
    region_en = dict(zip(key["maakunta_code"], key["maakunta_name_en"]))
    muni_rows = munis.assign(
        level="municipality",
        name_en=munis["name_fi"].where(munis["code"] != "599", munis["name_sv"]),
        region_code=munis["code"].map(region_of),
    )
    muni_rows["centre_code"] = muni_rows["region_code"].map(lambda r: CENTRE if r in CENTRE_REGIONS else "")
    region_rows = regions.assign(level="region", name_en=regions["code"].map(region_en), region_code="",
                                 centre_code=regions["code"].map(lambda r: CENTRE if r in CENTRE_REGIONS else ""))
    if region_rows["name_en"].isna().any():
        raise SourceError(raw / "statfi" / "municipality_key_2020.csv", "a region has no English name",
                          column="maakunta_name_en")
    extra = pd.DataFrame([
        {"code": CENTRE, "level": "centre", **CENTRE_NAMES, "region_code": "", "centre_code": ""},
        {"code": COUNTRY, "level": "country", **COUNTRY_NAMES, "region_code": "", "centre_code": ""},
    ])
    columns = ["code", "level", "name_fi", "name_sv", "name_en", "region_code", "centre_code"]
    order = {"country": 0, "centre": 1, "region": 2, "municipality": 3}
    areas = pd.concat([extra, region_rows[columns], muni_rows[columns]], ignore_index=True)
    areas = areas.sort_values(["level", "code"], key=lambda s: s.map(order) if s.name == "level" else s)
    return areas.reset_index(drop=True), munis


def groupings(units, areas, file):
    """For unit codes of a source division: unit -> 2021 municipality, region, centre and country.

    Every 2021 municipality must be covered, else a region total would silently be partial.
    """
    munis = areas[areas["level"] == "municipality"].set_index("code")
    units = pd.Series(sorted(set(units) - {COUNTRY}))
    target = units.map(lambda u: MERGED_INTO.get(u, u))
    unknown = units[~target.isin(munis.index)]
    if len(unknown):
        raise SourceError(file, f"municipality code {unknown.iloc[0]} is not in the 2021 division")
    absent = sorted(set(munis.index) - set(target))
    if absent:
        raise SourceError(file, f"no row for municipality {absent[0]} ({munis.loc[absent[0], 'name_fi']})")
    muni = pd.Series(target.values, index=units.values)
    region = muni.map(munis["region_code"])
    centre = region[region.isin(CENTRE_REGIONS)].map(lambda _: CENTRE)
    country = muni.map(lambda _: COUNTRY)
    return {"municipality": muni, "region": region, "centre": centre, "country": country}


def tagged(frame, indicator, source):
    """Turn a group/year/value frame into indicator rows."""
    return frame.rename(columns={"group": "area_code"}).assign(indicator=indicator, source=source)[
        ["area_code", "year", "indicator", "value", "source"]]


def one(long, indicator):
    """The unit/year/value rows of one indicator."""
    return long.loc[long["indicator"] == indicator, ["unit", "year", "value"]]


def key_figure_rows(raw, meta, areas):
    """The 12 key figures plus 2016 unemployment counts, carried to the 2021 division and aggregated."""
    labels = dict(zip(meta["source_label"], meta["indicator"]))
    labels.pop("", None)
    long, names = read_key_figures(raw, labels)
    name_to_code = {name: code for code, name in names.items() if code != COUNTRY}
    counts = read_employment_2016(raw, name_to_code)
    groups = groupings(long["unit"], areas, raw / "statfi" / "kuntien_avainluvut_2000_2017_coded.csv")
    method = dict(zip(meta["indicator"], meta["aggregation"]))
    population = one(long, "population")
    src = "statfi_key_figures"
    out = [tagged(one(long[long["unit"] == COUNTRY], ind).rename(columns={"unit": "group"}), ind, src)
           for ind in labels.values()]
    for level in ("municipality", "region", "centre"):
        g = groups[level]
        alone = agg.singletons(g) if level == "municipality" else set()
        for indicator in labels.values():
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
            if indicator == "unemployment_rate":
                exact = unemployment_from_counts(counts, g, alone)
                out.append(tagged(exact, indicator, "statfi_employment_2016"))
                res = res.merge(exact[["group", "year"]], how="left", indicator=True)
                res = res[res.pop("_merge") == "left_only"]
            out.append(tagged(res, indicator, src))
    for indicator in ("unemployed", "labour_force"):
        for level in ("municipality", "region", "centre", "country"):
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
    """Official populations 2019, 2020, 2022, 2023; the 2022/2023 country figure as the source gives it."""
    out = []
    frames = [(raw / "statfi" / "population_2019_2020_all.csv", read_population_2019_2020(raw)),
              (raw / "statfi" / "population_2022_2023_coded.csv", read_population_2022_2023(raw))]
    by_year = [(file, frame[frame["year"] == year]) for file, frame in frames for year in sorted(set(frame["year"]))]
    for file, frame in by_year:
        groups = groupings(frame["unit"], areas, file)
        for level in ("municipality", "region", "centre", "country"):
            if level == "country" and (frame["unit"] == COUNTRY).any():
                res = frame.loc[frame["unit"] == COUNTRY, ["unit", "year", "value"]].rename(columns={"unit": "group"})
            else:
                res = agg.sum_by(frame[frame["unit"] != COUNTRY][["unit", "year", "value"]], groups[level])
            out.append(tagged(res, "population", "statfi_population"))
    return pd.concat(out, ignore_index=True)


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
        pop = pop[pop["group"].isin(set(g.values))][["group", "year", "value"]]
        density = pop.merge(area[["group", "value"]].rename(columns={"value": "land"}), on="group")
        density["value"] = density["value"] / density["land"]
        out.append(tagged(density[["group", "year", "value"]], "population_density",
                          "statfi_population;nls_borders_2021"))
    return pd.concat(out, ignore_index=True)


def build_indicators(raw, meta, areas, munis):
    """All indicator rows, rounded to remove float noise, checked for one value per area, year and indicator."""
    parts = [key_figure_rows(raw, meta, areas), population_rows(raw, areas), paavo_rows(raw, areas)]
    population = pd.concat(parts)
    population = population[population["indicator"] == "population"]
    parts.append(land_rows(raw, munis, areas, population))
    parts.append(distance.distance_rows(read_municipal_borders(raw)[0], areas))
    rows = pd.concat(parts, ignore_index=True)
    rows["year"] = rows["year"].astype("int32")
    rows["value"] = rows["value"].astype("float64").round(6)
    dupes = rows.duplicated(subset=["area_code", "year", "indicator"], keep=False)
    if dupes.any():
        first = rows[dupes].iloc[0]
        raise ValueError(f"two values for {first['area_code']} {first['year']} {first['indicator']}")
    unknown = set(rows["indicator"]) - set(meta["indicator"])
    if unknown:
        raise ValueError(f"indicator without metadata: {sorted(unknown)}")
    return rows.sort_values(["indicator", "area_code", "year"]).reset_index(drop=True)


def inputs_digest(raw, skipped):
    """A digest of every raw file's path and bytes but the skipped ones: equal digests, equal inputs."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(raw).rglob("*") if p.is_file()):
        rel = path.relative_to(raw).as_posix()
        if not rel.startswith(skipped):
            digest.update(f"{rel}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def indicator_rows(raw, meta, areas, munis):
    """build_indicators, reused while the raw files it reads are unchanged (the slow part of a rebuild)."""
    key = inputs_digest(raw, NOT_INDICATOR_INPUTS)
    if key not in _built_indicators:
        _built_indicators.clear()
        _built_indicators[key] = build_indicators(raw, meta, areas, munis)
    return _built_indicators[key].copy()


def build_meta(meta, indicators, sources):
    """indicator_meta: curated names plus the sources, licences and years actually present."""
    licence = dict(zip(sources["source_id"], sources["licence"]))
    present = indicators.groupby("indicator").agg(
        source=("source", lambda s: ";".join(sorted({p for v in s for p in v.split(";")}))),
        first_year=("year", "min"), last_year=("year", "max"))
    out = meta.drop(columns=["source_label"]).join(present, on="indicator")
    out["licence"] = out["source"].map(lambda s: "; ".join(sorted({licence[p] for p in s.split(";")})))
    out["first_year"] = out["first_year"].astype(int)
    out["last_year"] = out["last_year"].astype(int)
    return out


def period_of(years):
    """'2000–2017' or '2019' from a list of years."""
    years = sorted(set(int(y) for y in years))
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


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
    meta = updates.with_meta(read_indicator_meta(raw), raw)
    areas, munis = build_areas(raw)
    indicators = updates.with_rows(indicator_rows(raw, meta, areas, munis), raw, meta, areas, sources)
    indicator_meta = build_meta(meta, indicators, sources)
    subsidy = read_budget(raw)
    funding = read_funding(raw, subsidy)
    priorities = read_titled(raw, "priorities.csv", 11)
    goals = read_titled(raw, "strategy_goals.csv", 7)
    centres = read_centres(raw)
    muni_geo, region_geo = geo.simplified_borders(raw)
    ind_sources = ";".join(sorted({p for v in indicators["source"].unique() for p in v.split(";")}))
    tables = {
        "areas": ("areas.csv", areas, "nls_borders_2021;statfi_classification", "2021"),
        "indicators": ("indicators.parquet", indicators, ind_sources, period_of(indicators["year"])),
        "indicator_meta": ("indicator_meta.csv", indicator_meta, ind_sources, period_of(indicators["year"])),
        "national_subsidy": ("national_subsidy.csv", subsidy, "budget_33_60_63", period_of(subsidy["year"])),
        "funding": ("funding.csv", funding, "sonet_botnia_funding", period_of(funding["year"])),
        "centres": ("centres.csv", centres, "decree_1411_2001", "2002–2025"),
        "priorities": ("priorities.csv", priorities, "sonet_botnia_deck_2019", "2019"),
        "strategy_goals": ("strategy_goals.csv", goals, "sonet_botnia_deck_2019", "2019"),
        "sources": ("sources.csv", sources, ";".join(sources["source_id"]), "2000–2023"),
        "municipality_borders": ("geo/municipalities.geojson", muni_geo["features"], "nls_borders_2021", "2021"),
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
            files[file] = csv_bytes(frame)
    files["catalog.csv"] = csv_bytes(build_catalog(tables, sources))
    return files


def csv_bytes(frame):
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


def build(raw=RAW, out=DATA):
    """Build everything in memory, then write it; a bad source leaves `out` untouched."""
    files = build_all(raw)
    write_files(files, out)
    return files
