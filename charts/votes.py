"""Figures of a prioritisation round: Borda points per area and the importance/feasibility matrix.

Labels arrive translated; no Streamlit, no DuckDB.
"""
import math
import textwrap

import plotly.graph_objects as go

from charts.theme import MUTED, PALETTE, base_layout

LABEL_CHARS = 42
LABEL_LINES = 3
LINE_PX = 15
# Areas rated alike sit on one point of the matrix: they are spread on a small circle around it, so none hides.
TIE_RADIUS = 0.14
SHORT_CHARS = 28


def area_label(title, width=LABEL_CHARS, lines=LABEL_LINES):
    """A focus area's title on at most `lines` lines of `width` characters ('…' if longer; hover has it whole)."""
    wrapped = textwrap.wrap(title, width)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "<br>".join(wrapped)


def borda_bars(frame, *, label, value, text, hover, title, x_title, lang):
    """One horizontal bar per area in the frame's order (best first), named by its title; the leaders in the accent
    colour. `label` holds 'number. title', wrapped here so a long title never runs into the bars. A bar's text
    goes inside its end where it fits (the longest bars' texts ran off the chart beside a projector's join code),
    else after it."""
    best = frame[value].max()
    colours = [PALETTE[0] if v == best and v > 0 else MUTED for v in frame[value]]
    labels = [area_label(t) for t in frame[label]]
    bar = go.Bar(y=labels, x=frame[value], orientation="h", marker_color=colours, text=frame[text],
                 textposition="auto", insidetextanchor="end", cliponaxis=False, hovertext=frame[hover],
                 hovertemplate="%{hovertext}<extra></extra>")
    layout = {"yaxis": {"title": None, "autorange": "reversed", "type": "category", "automargin": True,
                        "tickfont": {"size": 12}},
              "xaxis": {"title": x_title, "range": [0, max(best, 1) * 1.3], "tickformat": ",d"}}
    rows = sum((text.count("<br>") + 1) * LINE_PX + 16 for text in labels)
    return base_layout(go.Figure(bar, layout), title, lang, height=130 + rows)


def spread_ties(xs, ys, radius=TIE_RADIUS):
    """Points that share a position moved apart on a circle of `radius` around it; lone points stay put."""
    groups = {}
    for i, point in enumerate(zip(xs, ys)):
        groups.setdefault(point, []).append(i)
    out_x, out_y = list(xs), list(ys)
    for (x, y), members in groups.items():
        if len(members) < 2:
            continue
        for k, i in enumerate(members):
            angle = math.pi / 2 + 2 * math.pi * k / len(members)
            out_x[i], out_y[i] = x + radius * math.cos(angle), y + radius * math.sin(angle)
    return out_x, out_y


def _midline(axis):
    """A dotted line at the scale's midpoint 3 across the plot (x or y)."""
    other = "y" if axis == "x" else "x"
    return {"type": "line", "xref": "x" if axis == "x" else "paper", "yref": "y" if axis == "y" else "paper",
            f"{axis}0": 3, f"{axis}1": 3, f"{other}0": 0, f"{other}1": 1, "line": {"color": MUTED, "dash": "dot"}}


def priority_matrix(frame, *, x, y, label, hover, size, title, x_title, y_title, lang, names=None):
    """Mean feasibility (x) against mean importance (y), 1-5, a marker per rated area, split at the midpoint 3.

    Each marker carries its number; `names` (a column of short titles) are printed beside the markers. Areas with
    the same means are spread around their common point so that each stays visible."""
    xs, ys = spread_ties(list(frame[x]), list(frame[y]))
    points = go.Scatter(
        x=xs, y=ys, mode="markers+text", text=frame[label], textposition="middle center",
        textfont={"color": "#FFFFFF", "size": 13},
        marker={"size": [18 + 4 * s for s in frame[size]], "color": PALETTE[0], "opacity": 0.85},
        hovertext=frame[hover], hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
    )
    traces = [points]
    if names is not None:
        traces.append(go.Scatter(x=xs, y=ys, mode="text", text=[area_label(n, SHORT_CHARS, 1) for n in frame[names]],
                                 textposition="bottom center", textfont={"size": 11, "color": "#1F2933"},
                                 hoverinfo="skip", showlegend=False, cliponaxis=False))
    scale = {"range": [0.6, 5.4], "dtick": 1, "zeroline": False}
    layout = {"xaxis": {**scale, "title": x_title}, "yaxis": {**scale, "title": y_title},
              "shapes": [_midline("x"), _midline("y")]}
    return base_layout(go.Figure(traces, layout), title, lang, height=520)
