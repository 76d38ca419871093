"""Figures of a prioritisation round: Borda points per area and the importance/feasibility matrix.

Labels arrive translated; no Streamlit, no DuckDB.
"""
import plotly.graph_objects as go

from charts.theme import MUTED, PALETTE, base_layout


def borda_bars(frame, label, value, text, hover, title, x_title, lang):
    """One horizontal bar per area in the frame's order (best first); the leaders in the accent colour."""
    best = frame[value].max()
    colours = [PALETTE[0] if v == best and v > 0 else MUTED for v in frame[value]]
    bar = go.Bar(y=frame[label], x=frame[value], orientation="h", marker_color=colours, text=frame[text],
                 textposition="outside", cliponaxis=False, hovertext=frame[hover],
                 hovertemplate="%{hovertext}<extra></extra>")
    layout = {"yaxis": {"title": None, "autorange": "reversed", "type": "category"},
              "xaxis": {"title": x_title, "range": [0, max(best, 1) * 1.3], "tickformat": ",d"}}
    return base_layout(go.Figure(bar, layout), title, lang, height=130 + 34 * len(frame))


def _midline(axis):
    """A dotted line at the scale's midpoint 3 across the plot (x or y)."""
    other = "y" if axis == "x" else "x"
    return {"type": "line", "xref": "x" if axis == "x" else "paper", "yref": "y" if axis == "y" else "paper",
            f"{axis}0": 3, f"{axis}1": 3, f"{other}0": 0, f"{other}1": 1, "line": {"color": MUTED, "dash": "dot"}}


def priority_matrix(frame, x, y, label, hover, size, title, x_title, y_title, lang):
    """Mean feasibility (x) against mean importance (y), 1-5, a marker per rated area, split at the midpoint 3."""
    points = go.Scatter(
        x=frame[x], y=frame[y], mode="markers+text", text=frame[label], textposition="middle center",
        textfont={"color": "#FFFFFF", "size": 13},
        marker={"size": [18 + 4 * s for s in frame[size]], "color": PALETTE[0], "opacity": 0.85},
        hovertext=frame[hover], hovertemplate="%{hovertext}<extra></extra>",
    )
    scale = {"range": [0.6, 5.4], "dtick": 1, "zeroline": False}
    layout = {"xaxis": {**scale, "title": x_title}, "yaxis": {**scale, "title": y_title},
              "shapes": [_midline("x"), _midline("y")]}
    return base_layout(go.Figure(points, layout), title, lang, height=460)
