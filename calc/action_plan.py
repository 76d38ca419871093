"""An action plan's progress: which actions are late and what each focus area's actions come to.

Pure arithmetic over rows (no DuckDB, no Streamlit). An action is late when its due date is before today and it is
neither done nor dropped: what the Priorities page and the Overview mark, and their captions say so.
"""
import pandas as pd

CLOSED = ("done", "dropped")
# The counts a focus area's line gives, in its order: late ones counted apart from the planned and ongoing.
COUNTED = ("done", "ongoing", "planned", "late", "dropped")


def is_late(due, status, today):
    """Due before today and not done or dropped."""
    return status not in CLOSED and due < today


def shown_status(due, status, today):
    """The status a page shows and counts: 'late' for a late action, else its own."""
    return "late" if is_late(due, status, today) else status


def counts(rows, today):
    """{status: number of actions} over COUNTED for one focus area's rows (dicts with 'due' and 'status')."""
    found = {key: 0 for key in COUNTED}
    for row in rows:
        found[shown_status(row["due"], row["status"], today)] += 1
    return found


def target_reached(value, target, better):
    """Whether the latest value has reached the target: at or above it when higher is better, at or below when lower
    is; None when the indicator has no better direction (or a figure is missing)."""
    if value is None or target is None or better not in ("higher", "lower"):
        return None
    return value >= target if better == "higher" else value <= target



def by_focus_area(plan, focus):
    """Per focus area of `focus` (columns id, title; the list's order) that has actions in `plan` (column
    focus_area): its id, its label '3. <title>' and its actions; the pages list and count the same areas."""
    for area_id, title in zip(focus["id"], focus["title"]):
        mine = plan[plan["focus_area"] == area_id]
        if not mine.empty:
            yield area_id, f"{area_id}. {title}", mine


def counts_by_area(plan, focus, today):
    """Per focus area of `focus` that has actions in `plan` (columns focus_area, due, status): its label, its
    number of actions and the counts of COUNTED."""
    rows = []
    for area_id, label, mine in by_focus_area(plan, focus):
        found = counts([{"due": pd.Timestamp(d).date(), "status": s} for d, s in zip(mine["due"], mine["status"])],
                       today)
        rows.append({"id": area_id, "label": label, "total": len(mine), **found})
    return pd.DataFrame(rows, columns=["id", "label", "total", *COUNTED])
