"""Synthetic scaled copies of the data folder for benchmarks only, written to a temporary folder, never to data/.

The indicator table grows by `factor` = municipalities x years: every municipal row is copied to synthetic
municipalities (codes 'X<k><code>', same region) and to shifted synthetic years. The copies are labelled
SYNTHETIC in their names and source.
"""
import math
import shutil
import tempfile
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parent.parent / "data"


def split(factor):
    """Factor -> (municipality copies, year copies), as even as possible (100 -> 10 x 10, 10 -> 10 x 1)."""
    munis = int(math.sqrt(factor)) if factor >= 4 else factor
    while factor % munis:
        munis -= 1
    return munis, factor // munis


def scaled_copy(factor, target=None):
    """A temporary data folder whose indicators table is about `factor` times the shipped one."""
    target = Path(target or tempfile.mkdtemp(prefix=f"sonet-bench-{factor}x-"))
    shutil.copytree(DATA, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("raw", "state", "history"))
    if factor == 1:
        return target
    munis, years = split(factor)
    areas = pd.read_csv(DATA / "areas.csv", dtype=str, keep_default_na=False)
    indicators = pd.read_parquet(DATA / "indicators.parquet")
    base = areas[areas["level"] == "municipality"]
    new_areas = [areas]
    for k in range(1, munis):
        copy = base.assign(code="X" + str(k) + base["code"], name_fi=base["name_fi"] + f" SYNTHETIC {k}",
                           name_sv=base["name_sv"] + f" SYNTHETIC {k}", name_en=base["name_en"] + f" SYNTHETIC {k}")
        new_areas.append(copy)
    muni_rows = indicators[indicators["area_code"].isin(set(base["code"]))]
    parts = [indicators]
    span = int(indicators["year"].max() - indicators["year"].min() + 1)
    for k in range(munis):
        for j in range(years):
            if k == 0 and j == 0:
                continue
            rows = muni_rows if k else indicators
            parts.append(rows.assign(
                area_code=("X" + str(k) + rows["area_code"]) if k else rows["area_code"],
                year=(rows["year"] - span * j).astype("int32"),
                source="synthetic_benchmark"))
    pd.concat(new_areas).to_csv(target / "areas.csv", index=False, lineterminator="\n")
    register_synthetic_source(target)
    pd.concat(parts, ignore_index=True).to_parquet(target / "indicators.parquet", index=False)
    return target


def register_synthetic_source(folder):
    """Name the synthetic rows' source in the copy's registry, so pages label them as synthetic."""
    sources = pd.read_csv(folder / "sources.csv", dtype=str, keep_default_na=False)
    label = "SYNTHETIC benchmark data (bench/scale.py)"
    row = {"source_id": "synthetic_benchmark", "title_fi": label, "title_sv": label, "title_en": label,
           "producer": "bench", "licence": "none", "url": "", "updated": "", "raw_files": ""}
    pd.concat([sources, pd.DataFrame([row])]).to_csv(folder / "sources.csv", index=False, lineterminator="\n")


def rows(folder):
    """Rows of the indicators table in a data folder."""
    return len(pd.read_parquet(Path(folder) / "indicators.parquet", columns=["year"]))
