"""Municipality profile figures: where the municipality stands on every indicator, and each indicator's trend.

Labels and formatted texts arrive already translated; no Streamlit, no DuckDB.
"""
import math

import plotly.graph_objects as go

from charts.grid import axis_key, grid
from charts.theme import CATEGORY_CHARS, PALETTE, base_layout, wrap

# The same look for the same area in both figures: the municipality in blue and largest, then its region, its
# wellbeing services county, its cooperation area, the centre's area and the country.
SERIES = {"municipality": (PALETTE[0], "circle", 14), "region": (PALETTE[2], "triangle-up", 11),
          "hva": (PALETTE[5], "triangle-down", 10), "yta": (PALETTE[3], "cross", 10),
          "centre": (PALETTE[1], "square", 10), "country": ("#1F2933", "diamond", 10)}
RANGE_COLOUR = "#E4E7EB"
HEADER_PX = 110
# A row is at least this tall, and a label line this tall: labels break at CATEGORY_CHARS as every bar label does, so
# that on a 360 px phone the band keeps about half the width and its end values stay on the screen.
ROW_PX = 58
LINE_PX = 16


def _header(fig, height):
    """Title at the very top, the legend under it across the whole width, the plot below: nothing overprints."""
    fig.update_layout(title={"y": 1 - 12 / height, "yanchor": "top", "yref": "container"},
                      legend={"orientation": "h", "xref": "container", "x": 0.01, "xanchor": "left",
                              "yref": "container", "y": 1 - 48 / height, "yanchor": "top"})
    return fig


def _ticks(d3_format):
    """A tick format without trailing zeros (10 rather than 10,0); hovers keep the indicator's decimals."""
    return d3_format.replace("f", "~f")


def _position(value, low, high):
    """Where a value lies between the lowest (0) and the highest (1) municipality; None when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return 0.5 if high == low else (value - low) / (high - low)


# Half a row's grey band; the lowest and highest values are printed under the band's two ends, so the band keeps the
# plot's whole width (beside the band, they took a third of a phone's width and were cut at its edges).
BAND_HALF = 0.31
# Each area's marker sits a little above or below the row's middle, so equal values never hide each other.
OFFSETS = {"municipality": 0.0, "region": -0.28, "hva": -0.19, "yta": 0.1, "centre": 0.19, "country": 0.28}


def standing(frame, series_labels, range_label, title, lang):
    """A bullet chart: one row per rate or share, the grey band spanning all municipalities from lowest to highest.

    The areas are drawn at their place within that band, so indicators in different units share one axis; each
    area has its own small vertical offset so that equal values stay visible, the municipality's value is printed
    beside its marker, the lowest and the highest value stand under the band's ends; the hover gives each value.
    `frame` (one row per indicator, top row first) has label (naming the year and the better direction), low,
    high, low_text, high_text, municipality, region, centre, country (missing values are not drawn) and
    `<series>_text` for each of those. Counts belong in a table, not here: their scale is the municipality's size.
    """
    labels = [wrap(text, CATEGORY_CHARS) for text in frame["label"]]
    rows = list(range(len(labels)))
    traces = [{"type": "bar", "orientation": "h", "y": rows, "x": [1.0] * len(labels), "base": [0.0] * len(labels),
               "width": 2 * BAND_HALF, "marker": {"color": RANGE_COLOUR}, "name": range_label,
               "customdata": [f"{lo} – {hi}" for lo, hi in zip(frame["low_text"], frame["high_text"])],
               "hovertemplate": f"{range_label}: %{{customdata}}<extra></extra>"},
              {"type": "scatter", "mode": "text", "x": [0.0] * len(labels), "y": [r + BAND_HALF for r in rows],
               "text": list(frame["low_text"]), "textposition": "bottom right", "showlegend": False,
               "hoverinfo": "skip", "textfont": {"size": 11, "color": "#52606D"}},
              {"type": "scatter", "mode": "text", "x": [1.0] * len(labels), "y": [r + BAND_HALF for r in rows],
               "text": list(frame["high_text"]), "textposition": "bottom left", "showlegend": False,
               "hoverinfo": "skip", "textfont": {"size": 11, "color": "#52606D"}}]
    for key, (colour, symbol, size) in SERIES.items():
        points = [(_position(v, lo, hi), row + OFFSETS[key], text) for v, lo, hi, row, text in
                  zip(frame[key], frame["low"], frame["high"], rows, frame[f"{key}_text"])]
        points = [p for p in points if p[0] is not None]
        if not points:
            continue
        x, y, text = zip(*points)
        trace = {"type": "scatter", "mode": "markers", "x": list(x), "y": list(y), "customdata": list(text),
                 "name": series_labels[key], "marker": {"color": colour, "symbol": symbol, "size": size,
                                                        "line": {"width": 1, "color": "#FFFFFF"}},
                 "hovertemplate": f"{series_labels[key]}: %{{customdata}}<extra></extra>"}
        if key == "municipality":
            trace.update(mode="markers+text", text=list(text), textposition="top center", cliponaxis=False,
                         textfont={"size": 12, "color": colour})
        traces.append(trace)
    row_px = max([ROW_PX, *(LINE_PX * (label.count("<br>") + 1) + 10 for label in labels)])
    height = HEADER_PX + 30 + row_px * len(labels)
    fig = go.Figure(data=traces, layout={
        "xaxis": {"range": [-0.03, 1.03], "visible": False, "fixedrange": True},
        "yaxis": {"autorange": "reversed", "tickmode": "array", "tickvals": rows, "ticktext": labels,
                  "range": [len(labels) - 0.5, -0.7], "automargin": True, "tickfont": {"size": 12},
                  "fixedrange": True, "zeroline": False, "showgrid": False},
        "barmode": "overlay"})
    fig = base_layout(fig, title, lang, height=height)
    fig.update_layout(margin={"t": HEADER_PX, "b": 30})
    return _header(fig, height)


def trends(frame, panels, series_labels, title, lang, cols=2):
    """Small multiples of line charts, one per indicator, one line per area; gaps in the years stay gaps.

    `frame` has panel (a key of `panels`), series (a key of `series_labels`), year and value; `panels` maps the
    panel key to (panel title, d3 format). Two panels a row with titles broken at CATEGORY_CHARS: on a 360 px phone
    each panel and its title keep half the width (three a row ran the titles off the screen).
    """
    rows = math.ceil(len(panels) / cols)
    names = [wrap(p[0], CATEGORY_CHARS) for p in panels.values()]
    extra = LINE_PX * max([0, *(n.count("<br>") for n in names)])
    height = HEADER_PX + 20 + (230 + extra) * rows
    layout, ids = grid(names, cols, height=height, top_px=HEADER_PX + extra, bottom_px=20, gap_px=70 + extra)
    traces, shown = [], set()
    by_panel = dict(tuple(frame.groupby("panel", sort=False)))
    for (key, (_, fmt)), (x_id, y_id) in zip(panels.items(), ids):
        part = by_panel.get(key)
        layout[axis_key(x_id)].update(tickformat="d", nticks=5)
        layout[axis_key(y_id)].update(tickformat=_ticks(fmt), nticks=5)
        if part is None:
            continue
        for series, (colour, symbol, _) in SERIES.items():
            line = part[part["series"] == series].sort_values("year")
            if line.empty:
                continue
            label = series_labels[series]
            traces.append({"type": "scatter", "mode": "lines+markers", "x": line["year"].tolist(),
                           "y": line["value"].tolist(), "xaxis": x_id, "yaxis": y_id, "name": label,
                           "legendgroup": series, "showlegend": series not in shown, "connectgaps": False,
                           "line": {"color": colour, "width": 3 if series == "municipality" else 1.8},
                           "marker": {"size": 4, "symbol": symbol},
                           "hovertemplate": f"{label} %{{x}}: %{{y:{fmt}}}<extra></extra>"})
            shown.add(series)
    fig = go.Figure(data=traces, layout=layout)
    fig = base_layout(fig, title, lang, height=height)
    fig.update_layout(margin={"t": HEADER_PX, "b": 20})
    return _header(fig, height)
