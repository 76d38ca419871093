"""Which indicators set a municipality apart from the whole country: the largest z-scores (no Streamlit, no DuckDB)."""
# Counts grow with the municipality's size (population, labour force, land area ...): a large z-score there says
# "big municipality", not "different situation", so they are left out of the comparison.
SIZE_AGGREGATION = "sum"
NATIONWIDE_SHARE = 0.9


def largest_differences(profile, aggregation, count=3):
    """The `count` rows of `profile` with the largest |z|, largest first.

    `profile` is the municipality_profile query (indicator, z, municipalities, ...); `aggregation` maps an indicator
    to its aggregation rule. Only indicators measured in (nearly) every municipality of the country take part, so
    that z compares the municipality with the whole country: an indicator defined only in a few regions does not.
    """
    rows = profile[profile["z"].notna()]
    rows = rows[rows["indicator"].map(aggregation) != SIZE_AGGREGATION]
    if rows.empty:
        return rows
    rows = rows[rows["municipalities"] >= NATIONWIDE_SHARE * profile["municipalities"].max()]
    order = rows["z"].abs().sort_values(ascending=False, kind="stable").index
    return rows.loc[order].head(count).reset_index(drop=True)

