"""Which indicators set a municipality apart from Finland's municipalities: the largest z-scores against their
mean (no Streamlit, no DuckDB)."""
# Counts grow with the municipality's size (population, labour force, land area ...): a large z-score there says
# "big municipality", not "different situation", so they are left out of the comparison.
SIZE_AGGREGATION = "sum"
# A distance to a centre is 0 for the centre itself: extreme by definition, so it says nothing about the place.
DISTANCE_AGGREGATION = "geodesic_distance"
NATIONWIDE_SHARE = 0.9


def trivially_extreme(rows, aggregation):
    """Rows where the municipality is the point the indicator is measured from (its own distance, 0)."""
    return (rows["indicator"].map(aggregation) == DISTANCE_AGGREGATION) & (rows["municipality"] == 0)


def largest_differences(profile, aggregation, count=3):
    """The `count` rows of `profile` with the largest |z|, largest first.

    `profile` is the municipality_profile query (indicator, z, municipalities, ...); `aggregation` maps an indicator
    to its aggregation rule. Only indicators measured in (nearly) every municipality of the country take part, so
    that z compares the municipality with all of them: an indicator defined only in a few regions does not. Counts
    and the trivially extreme (a centre's distance to itself) are left out.
    """
    rows = profile[profile["z"].notna()]
    rows = rows[(rows["indicator"].map(aggregation) != SIZE_AGGREGATION) & ~trivially_extreme(rows, aggregation)]
    if rows.empty:
        return rows
    rows = rows[rows["municipalities"] >= NATIONWIDE_SHARE * profile["municipalities"].max()]
    order = rows["z"].abs().sort_values(ascending=False, kind="stable").index
    return rows.loc[order].head(count).reset_index(drop=True)

