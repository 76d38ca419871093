"""Results of a round from its ballots: Borda points, top-5 counts, Kendall's W and mean ratings.

Pure functions over the ballots as the store returns them (no DuckDB, no Streamlit), so the arithmetic is
tested against hand-computed cases. A ballot ranks up to 5 of the 11 areas; for agreement the areas a ballot
left out share the remaining ranks (tied at their mean, e.g. 8.5 for six left out of 11).
"""
from collections import Counter

import pandas as pd

from calc.ballot import AREAS, MAX_CHOICES

AGREEMENT_LEVELS = ((0.1, "none"), (0.3, "weak"), (0.5, "moderate"), (0.7, "strong"), (float("inf"), "very_strong"))


def points(position):
    """Borda points for a place on a ballot: 5 for first ... 1 for fifth."""
    return MAX_CHOICES - position


def ranks(order, areas=AREAS):
    """Each area's rank on one ballot: 1..k for the chosen, the mean of k+1..m for all left out."""
    order = list(order)
    left_out = [a for a in areas if a not in order]
    tied = (len(order) + 1 + len(areas)) / 2
    rank = {area: float(i + 1) for i, area in enumerate(order)}
    rank.update({area: tied for area in left_out})
    return [rank[a] for a in areas]


def kendall_w(rank_rows):
    """Kendall's coefficient of concordance with the correction for ties; None for fewer than two rankings.

    W = 12 S / (n^2 (m^3 - m) - n sum T), S = sum of squared deviations of the areas' rank sums from their
    mean, T = sum of (t^3 - t) over each ranking's groups of t tied ranks.
    """
    rows = [list(r) for r in rank_rows]
    n = len(rows)
    if n < 2:
        return None
    m = len(rows[0])
    sums = [sum(col) for col in zip(*rows)]
    mean = n * (m + 1) / 2
    s = sum((r - mean) ** 2 for r in sums)
    ties = sum(t ** 3 - t for row in rows for t in Counter(row).values())
    denominator = n ** 2 * (m ** 3 - m) - n * ties
    return 12 * s / denominator if denominator else None


def agreement(w):
    """A plain-language level for W (locale key suffix): none, weak, moderate, strong, very_strong."""
    if w is None:
        return "too_few"
    return next(level for limit, level in AGREEMENT_LEVELS if w < limit)


def results(ballots, areas=AREAS):
    """One row per area: Borda points, rank, how many put it in the top 5 and first, and mean ratings.

    Sorted by points, then top-5 count, then first places; `rank` is shared by areas with equal points.
    """
    rows = {a: {"area": a, "points": 0, "top5": 0, "first": 0, "importance": [], "feasibility": []} for a in areas}
    for ballot in ballots:
        for position, area in enumerate(ballot["areas"]):
            row = rows[area]
            row["points"] += points(position)
            row["top5"] += 1
            row["first"] += position == 0
            for key in ("importance", "feasibility"):
                value = ballot[key][position]
                if value is not None:
                    row[key].append(value)
    frame = pd.DataFrame(rows.values())
    frame["importance_n"] = frame["importance"].map(len)
    frame["feasibility_n"] = frame["feasibility"].map(len)
    for key in ("importance", "feasibility"):
        frame[key] = frame[key].map(lambda values: sum(values) / len(values) if values else float("nan"))
    frame = frame.sort_values(["points", "top5", "first", "area"], ascending=[False, False, False, True])
    frame["rank"] = frame["points"].rank(method="min", ascending=False).astype(int)
    columns = ["rank", "area", "points", "top5", "first", "importance", "importance_n", "feasibility",
               "feasibility_n"]
    return frame[columns].reset_index(drop=True)


def summary(ballots, areas=AREAS):
    """The round's headline figures: ballots, Kendall's W and its level, and the leading areas."""
    table = results(ballots, areas)
    w = kendall_w([ranks(b["areas"], areas) for b in ballots])
    leaders = table.loc[(table["rank"] == 1) & (table["points"] > 0), "area"].tolist()
    return {"ballots": len(ballots), "w": w, "agreement": agreement(w), "leaders": leaders, "table": table}
