"""A centre's action plan and its progress: on the Priorities page per focus area its actions, their status (late
ones marked) and a linked indicator's latest value against its target; on the Overview one line per focus area.

Every action's text, owner and the focus areas' titles come from an upload (an editor typed them): they are shown
through st.text, st.dataframe or chart labels only, never as Markdown or HTML. An action is late when its due date
is before today and it is neither done nor dropped (calc/action_plan.py); both pages say so.
"""
from datetime import date

import pandas as pd
import streamlit as st

from calc import action_plan as progress
from locales import translate
from ui import centres, keycharts
from ui.data import query
from ui.frame import chart
from ui.indicators import format_value, name


def actions(centre_id):
    """The centre's actions in focus-area order (an empty frame when it has no plan)."""
    return query("action_plan", centre=centre_id)


def day(value, lang):
    """A stored date as the UI language writes it (1.9.2025, 1 Sep 2025)."""
    return centres.day(pd.Timestamp(value).date().isoformat(), lang)


def status_text(row, today, lang):
    """An action's status in words, 'late' in place of planned or ongoing when it is late."""
    shown = progress.shown_status(pd.Timestamp(row["due"]).date(), row["status"], today)
    return translate(lang, f"plan.status_{shown}")


def latest(indicator, area):
    """(value, year) of the indicator in the area's latest year, from the query the other pages use; None if the
    area has no figure (or the centre has no area)."""
    if not indicator or not area:
        return None
    found = query("value_at", indicator=indicator, areas=[area], year=date.today().year)
    if found.empty or pd.isna(found["value"].iloc[0]):
        return None
    return float(found["value"].iloc[0]), int(found["year"].iloc[0])


def target_text(row, area, lang):
    """'Population: 437 288 (2025) · target 440 000 by 2030 · reached' for an action with an indicator, else ''."""
    indicator = row["indicator"]
    if not indicator:
        return ""
    target = translate(lang, "plan.target", value=format_value(indicator, row["target_value"], lang),
                       year=int(row["target_year"]))
    found = latest(indicator, area)
    if found is None:
        return translate(lang, "plan.indicator_none", indicator=name(indicator, lang), target=target)
    value, year = found
    reached = progress.target_reached(value, row["target_value"], row["better"])
    verdict = "" if reached is None else " · " + translate(lang, "plan.reached" if reached else "plan.not_reached")
    return translate(lang, "plan.indicator_latest", indicator=name(indicator, lang),
                     value=format_value(indicator, value, lang), year=year, target=target) + verdict


def action_table(rows, area, today, lang):
    """One focus area's actions with translated headers: action, status and due first (what a phone's narrow
    screen shows without scrolling), then owner, start and the indicator."""
    return pd.DataFrame({
        translate(lang, "plan.col_action"): rows["action"],
        translate(lang, "plan.col_status"): [status_text(r, today, lang) for r in rows.to_dict("records")],
        translate(lang, "plan.col_due"): [day(v, lang) for v in rows["due"]],
        translate(lang, "plan.col_owner"): rows["owner"],
        translate(lang, "plan.col_start"): [day(v, lang) for v in rows["start"]],
        translate(lang, "plan.col_indicator"): [target_text(r, area, lang) for r in rows.to_dict("records")],
    })


def summary_line(row, lang):
    """'3 actions: 1 done, 1 ongoing, 1 late' (only the statuses that occur)."""
    parts = [translate(lang, f"plan.count_{status}", n=row[status]) for status in progress.COUNTED if row[status]]
    return translate(lang, "plan.summary", n=row["total"], parts=", ".join(parts))


def plan_or_how_to_add(lang, centre):
    """The centre's actions; without any, None after saying how an editor adds a plan (the Data page's upload,
    and the example file)."""
    plan = actions(centre.id)
    if plan.empty:
        st.info(translate(lang, "plan.empty", centre=centre.short_name, table=translate(lang, "tables.action_plan")))
        return None
    return plan


def section(lang, centre):
    """The Priorities page's action plan: the progress chart (drawn through the frame, so it is in the page's
    slides and in presentation mode), then per focus area its actions."""
    plan = plan_or_how_to_add(lang, centre)
    if plan is None:
        return
    today = date.today()
    st.caption(translate(lang, "plan.late_means", today=day(today, lang)))
    focus = keycharts.titled_focus(lang, centre)
    built = keycharts.action_plan_progress(lang, centre)
    chart(built.fig, name=built.name, sources=built.sources, data=built.table, lang=lang, key="plan-progress")
    for _, label, mine in progress.by_focus_area(plan, focus):
        st.text(label)
        st.dataframe(action_table(mine, centre.area, today, lang), hide_index=True, width="stretch")
    if not centre.area:
        st.caption(translate(lang, "plan.no_area"))


def overview_lines(lang, centre):
    """The Overview's one line per focus area of the centre's plan, or how to add a plan."""
    st.subheader(translate(lang, "plan.overview_title"))
    plan = plan_or_how_to_add(lang, centre)
    if plan is None:
        return
    focus = keycharts.titled_focus(lang, centre)
    today = date.today()
    for row in progress.counts_by_area(plan, focus, today).to_dict("records"):
        st.text(f"{row['label']}: {summary_line(row, lang)}")
    st.caption(translate(lang, "plan.late_means", today=day(today, lang)))
