"""Aggregation of unit-level figures to municipalities (2021 division), regions, the centre's area and the country.

A group gets a value for a year only when every unit of the group has one: a partial sum is never shown as a total.
"""


def _complete(frame, groups, key):
    """Keep (group, year) cells where all units of the group reported; `frame` has unit, year, `key` columns."""
    sizes = groups.groupby(groups).size().rename("_size")
    counted = frame.dropna(subset=[key]).groupby(["group", "year"])["unit"].nunique().rename("_n").reset_index()
    counted = counted.join(sizes, on="group")
    return counted.loc[counted["_n"] == counted["_size"], ["group", "year"]]


def _attach(frame, groups):
    """Add the group of each unit; units outside the grouping are dropped."""
    mapped = frame.assign(group=frame["unit"].map(groups))
    return mapped.dropna(subset=["group"])


def sum_by(values, groups):
    """Counts: group total = sum of its units."""
    data = _attach(values, groups)
    keep = _complete(data, groups, "value")
    totals = data.groupby(["group", "year"], as_index=False)["value"].sum()
    return totals.merge(keep, on=["group", "year"])


def weighted_mean_by(values, weights, groups):
    """Rates: group value = sum(value * weight) / sum(weight), weight from the same unit and year."""
    data = _attach(values.merge(weights.rename(columns={"value": "weight"}), on=["unit", "year"]), groups)
    data = data.dropna(subset=["value", "weight"])
    keep = _complete(data, groups, "value")
    data = data.assign(product=data["value"] * data["weight"])
    sums = data.groupby(["group", "year"], as_index=False)[["product", "weight"]].sum()
    sums["value"] = sums["product"] / sums["weight"]
    return sums[["group", "year", "value"]].merge(keep, on=["group", "year"])


def ratio_of_sums(numerator, denominator, groups, scale=1.0):
    """Shares and means: group value = scale * sum(numerator) / sum(denominator)."""
    top = sum_by(numerator, groups).rename(columns={"value": "top"})
    bottom = sum_by(denominator, groups).rename(columns={"value": "bottom"})
    both = top.merge(bottom, on=["group", "year"])
    both = both[both["bottom"] != 0]
    both["value"] = scale * both["top"] / both["bottom"]
    return both[["group", "year", "value"]]


def change_pct(population):
    """Percentage change from the previous year, from a group-level population series."""
    prev = population.assign(year=population["year"] + 1).rename(columns={"value": "prev"})
    both = population.merge(prev, on=["group", "year"])
    both["value"] = 100.0 * (both["value"] / both["prev"] - 1.0)
    return both[["group", "year", "value"]]


def singletons(groups):
    """The groups made of exactly one unit: a unit's own figure can be used for them as it is."""
    sizes = groups.groupby(groups).size()
    return set(sizes[sizes == 1].index)


def weighted_share_estimate(values, weights, groups, min_share):
    """An area's estimate of a share from its units' shares: sum(value * weight) / sum(weight) per period.

    `values` has unit, year, month and value; `weights` is unit -> weight (e.g. labour force). Units without a
    value are left out; a period gets a figure only when the units with a value carry at least `min_share` of the
    area's total weight, so a thin partial mean is never shown.
    """
    total = weights.reindex(groups.index).groupby(groups).sum()
    data = values.assign(group=values["unit"].map(groups), weight=values["unit"].map(weights))
    data = data.dropna(subset=["group", "weight", "value"])
    data = data.assign(product=data["value"] * data["weight"])
    sums = data.groupby(["group", "year", "month"], as_index=False)[["product", "weight"]].sum()
    sums = sums[sums["weight"] >= min_share * sums["group"].map(total)]
    return sums.assign(value=sums["product"] / sums["weight"])[["group", "year", "month", "value"]]
