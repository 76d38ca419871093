"""The arithmetic of a ranking of municipalities: which rank counts as first, how bars are grouped into colours and
which areas' values are drawn beside them. Pure functions over the ranking query's columns (no Streamlit)."""

OTHER = "other"


def direction_rank(frame, better):
    """Rank 1 is the best: the lowest value when lower is better, else (also for 'neutral') the highest."""
    return frame["rank_asc"] if better == "lower" else frame["rank_desc"]


def region_groups(region_codes, regions):
    """Each municipality's colour group: its region when it is one of `regions`, else one common 'other' group."""
    return region_codes.where(region_codes.isin(regions), OTHER)


def reference_areas(scope, centre, centre_regions, country):
    """The areas whose values are drawn as lines: the scope, the centre's regions (for the centre's area) and the
    whole country, each once, in that order."""
    return list(dict.fromkeys([scope, *(centre_regions if scope == centre else ()), country]))
