"""Disparity figures: a map of the municipalities, dispersion measures over time, two indicators against each other.

Labels and formatted texts arrive already translated; no Streamlit, no DuckDB. The map is a Plotly `Choroplethmap`
on the built-in "white-bg" style, which has no sources: no tiles and no world topojson are fetched, and its glyph
address is never used because no layer draws text, so the map draws offline (tests/test_browser.py proves it).
"""
import math

import plotly.graph_objects as go

from charts.grid import axis_key, grid
from charts.theme import MUTED, PALETTE, TITLE_CHARS, TITLE_LINE_PX, base_layout, wrap

WORSE, MIDDLE, BETTER = "#D55E00", "#F3EFE6", "#0072B2"
# Colour scales by the indicator's direction: blue is always the better end, orange the worse; a neutral indicator
# gets a one-hue scale that says nothing about good or bad.
SCALES = {
    "higher": [[0.0, WORSE], [0.5, MIDDLE], [1.0, BETTER]],
    "lower": [[0.0, BETTER], [0.5, MIDDLE], [1.0, WORSE]],
    "neutral": [[0.0, "#F2ECF6"], [1.0, "#5B2A86"]],
}
NO_DATA = "#D9DDE3"
# A white background and nothing else. Not a style object of our own: Plotly compares an object style by value on
# every re-render and waits for a style event that never comes, leaving hover and click without their polygons.
BLANK_STYLE = "white-bg"
TILE_PX = 512
# The width the map is fitted to, in pixels: what a 360 px phone leaves for the plot (328 px of column less the
# margins), so the map is whole on a phone; a wider column only adds white space around it. The colour bar lies
# under the map (COLORBAR_PX), so it takes none of this width.
MAP_WIDTH = 300
COLORBAR_PX = 70
# A panel title of the dispersion chart: at most this many characters a line (two panels side by side on a phone).
PANEL_CHARS = 24
PANEL_LINE_PX = 15
AXIS_TITLE_CHARS = 40
# A dispersion panel's year axis: every year up to this span, else a step of YEAR_STEPS that leaves at most
# YEAR_LABELS labels (a panel is half a phone wide; Chromium spent most of a minute fitting 270 labels of a long
# synthetic series into four panels).
YEAR_SPAN_EVERY, YEAR_STEPS, YEAR_LABELS = 7, (2, 5, 10, 20, 50, 100, 200, 500, 1000), 11


def year_step(first, last):
    """The year axis' tick step for the years first..last: 1 up to a span of YEAR_SPAN_EVERY, else the smallest
    of YEAR_STEPS that leaves at most YEAR_LABELS labels."""
    span = last - first
    if span <= YEAR_SPAN_EVERY:
        return 1
    return next((step for step in YEAR_STEPS if span // step + 1 <= YEAR_LABELS), YEAR_STEPS[-1])


def colour_scale(better):
    """The colour scale for an indicator whose better direction is 'higher', 'lower' or 'neutral'."""
    return SCALES.get(better, SCALES["neutral"])


def _mercator_y(lat):
    """Web Mercator's y for a latitude, in radians of the projected plane."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_view(features, size, padding=0.9):
    """Centre and zoom that fit the features' bounding box into a map of `size` pixels (Web Mercator).

    Choroplethmap has no fitbounds, so the view is computed here from each feature's GeoJSON `bbox` (west, south,
    east, north), which the build writes once (ingest/geo.py).
    """
    boxes = [f["bbox"] for f in features]
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    width_px, height_px = size
    span_x = max(east - west, 1e-6) / 360.0
    span_y = max(_mercator_y(north) - _mercator_y(south), 1e-6) / (2 * math.pi)
    zoom = min(math.log2(width_px * padding / (TILE_PX * span_x)), math.log2(height_px * padding / (TILE_PX * span_y)))
    mid_y = (_mercator_y(north) + _mercator_y(south)) / 2
    centre_lat = math.degrees(2 * math.atan(math.exp(mid_y)) - math.pi / 2)
    return {"lat": centre_lat, "lon": (west + east) / 2}, zoom


def choropleth_map(features, frame, *, better, title, colorbar_title, lang, borders, highlight=None,
                   missing=None, missing_text="", height=540, midpoint=None, value_format=",.1f"):
    """Municipalities coloured by value, region borders drawn over, the highlighted municipality outlined.

    `frame` has area_code, value and hover (the text shown on hover); `missing` lists codes drawn grey (no figure).
    `features` are the GeoJSON features of the municipalities shown, `borders` those of the regions drawn over.
    For a better/worse indicator the scale's pale middle sits at `midpoint` (e.g. the whole country's value), so
    blue reads "better than that" and orange "worse".
    """
    fig = go.Figure(go.Choroplethmap(
        geojson=_collection(features, frame["area_code"]), locations=frame["area_code"].tolist(), z=frame["value"],
        featureidkey="id",
        colorscale=colour_scale(better), marker={"line": {"width": 0.6, "color": "#FFFFFF"}, "opacity": 0.95},
        customdata=frame[["area_code", "hover"]].values.tolist(), hovertemplate="%{customdata[1]}<extra></extra>",
        colorbar={"title": {"text": colorbar_title, "side": "right"}, "thickness": 12, "len": 0.9,
                  "tickformat": value_format, "orientation": "h", "x": 0.5, "xanchor": "center", "y": 0,
                  "yanchor": "top", "ypad": 6},
        zmid=midpoint if better in ("higher", "lower") else None,
        unselected={"marker": {"opacity": 0.45}}, name="",
    ))
    if missing:
        fig.add_trace(go.Choroplethmap(
            geojson=_collection(features, missing), locations=list(missing), z=[0] * len(missing), featureidkey="id",
            colorscale=[[0, NO_DATA], [1, NO_DATA]], showscale=False, marker={"line": {"width": 0.6,
                                                                                       "color": "#FFFFFF"}},
            hovertemplate=f"{missing_text}<extra></extra>", name=""))
    layers = [{"sourcetype": "geojson", "source": _collection(borders), "type": "line", "color": "#1F2933",
               "line": {"width": 1.6}}]
    if highlight:
        layers.append({"sourcetype": "geojson", "source": _collection(highlight), "type": "line",
                       "color": "#000000", "line": {"width": 3.5}})
    centre, zoom = fit_view(features, (MAP_WIDTH, map_height(height)))
    fig.update_layout(map={"style": BLANK_STYLE, "center": centre, "zoom": zoom, "layers": layers},
                      clickmode="event+select")
    fig = base_layout(fig, wrap(title, TITLE_CHARS), lang, height=height)
    fig.update_layout(margin={"t": 70, "b": COLORBAR_PX})
    return fig


def _collection(features, codes=None):
    """The features of `codes` (default: all) with their id and geometry only: each trace carries its own borders,
    so none is sent twice, and no names or bounding boxes the browser does not use (the borders are most of a
    map's bytes, and Streamlit encodes them on every rerun)."""
    wanted = None if codes is None else set(codes)
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "id": f["id"], "geometry": f["geometry"]} for f in features
                         if wanted is None or f["id"] in wanted]}


def map_height(height):
    """The map's own height in a figure of `height` pixels: less the title above and the colour bar below."""
    return height - 70 - COLORBAR_PX


def dispersion_panels(frame, panels, title, lang):
    """One small panel per measure (its own y scale), a line over the years; missing years stay gaps.

    `panels` maps a column of `frame` to (panel title, d3 format). Panel titles break after PANEL_CHARS
    characters: half of a phone's width.
    """
    height = 520
    title = wrap(title, TITLE_CHARS)
    names = [wrap(p[0], PANEL_CHARS) for p in panels.values()]
    extra = PANEL_LINE_PX * max(n.count("<br>") for n in names)
    top_px = 70 + TITLE_LINE_PX * title.count("<br>") + extra
    layout, ids = grid(names, 2, height=height, top_px=top_px, bottom_px=10, gap_px=60 + extra, hspace=0.1)
    years = frame["year"]
    traces = []
    for i, ((column, (label, fmt)), (x_id, y_id)) in enumerate(zip(panels.items(), ids)):
        traces.append({"type": "scatter", "x": years.tolist(), "y": frame[column].tolist(), "xaxis": x_id,
                       "yaxis": y_id, "mode": "lines+markers", "connectgaps": False, "name": label,
                       "showlegend": False, "line": {"color": PALETTE[i], "width": 2.5}, "marker": {"size": 6},
                       "hovertemplate": f"{label} %{{x}}: %{{y:{fmt}}}<extra></extra>"})
        layout[axis_key(x_id)].update(dtick=year_step(int(years.min()), int(years.max())), tickformat="d",
                                      range=[years.min() - 0.5, years.max() + 0.5])
        layout[axis_key(y_id)].update(tickformat=fmt, rangemode="tozero")
    fig = go.Figure(data=traces, layout=layout)
    fig = base_layout(fig, title, lang, height=height)
    # The title sits on the panel titles (Plotly anchors a title's first line, so its further lines count too).
    lines_below = TITLE_LINE_PX * title.count("<br>")
    fig.update_layout(margin={"t": top_px},
                      title={"yref": "paper", "y": 1, "yanchor": "bottom", "pad": {"b": extra + 24 + lines_below}})
    return fig


def pair_scatter(frame, *, colour_labels, title, subtitle, x_title, y_title, lang, x_format=",.1f", y_format=",.1f"):
    """Municipalities as bubbles: x and y are two indicators, area = population, colour = region.

    `frame` has x, y, population, colour (a key of `colour_labels`) and hover (the text shown on hover).
    """
    biggest = float(frame["population"].max()) if frame["population"].notna().any() else 1.0
    traces = []
    for i, (key, label) in enumerate(colour_labels.items()):
        part = frame[frame["colour"] == key]
        if part.empty:
            continue
        colour = MUTED if key == "other" else PALETTE[i % len(PALETTE)]
        traces.append({
            "type": "scatter", "x": part["x"].tolist(), "y": part["y"].tolist(), "mode": "markers", "name": label,
            "customdata": part[["area_code", "hover"]].values.tolist(),
            "marker": {"size": part["population"].fillna(0).tolist(), "sizemode": "area",
                       "sizeref": 2.0 * biggest / 46 ** 2, "sizemin": 4, "color": colour, "opacity": 0.75,
                       "line": {"width": 0.8, "color": "#FFFFFF"}},
            "hovertemplate": "%{customdata[1]}<extra></extra>"})
    fig = go.Figure(data=traces)
    fig.update_xaxes(title=wrap(x_title, AXIS_TITLE_CHARS), tickformat=x_format.replace("f", "~f"))
    fig.update_yaxes(title=wrap(y_title, 55), tickformat=y_format.replace("f", "~f"))
    title = wrap(title, TITLE_CHARS)
    fig = base_layout(fig, title, lang, height=580)
    subtitle = wrap(subtitle, TITLE_CHARS)
    fig.update_layout(title={"subtitle": {"text": subtitle, "font": {"size": 13}}},
                      margin={"t": 60 + 22 * title.count("<br>") + 20 * (1 + subtitle.count("<br>"))})
    return fig


def map_for_canvas(fig, width, height):
    """The map refitted to a canvas of width x height pixels (a slide); other figures unchanged.

    choropleth_map fits its zoom to a narrow column on screen (MAP_WIDTH); on a 16:9 slide that leaves the map a
    small island. Zoom is log2 of scale, so the fit for the larger canvas is the old zoom plus log2 of the smaller
    of the two size ratios; the colour bar and margins keep their room.
    """
    if fig.layout.map.zoom is None:
        return fig
    old = (MAP_WIDTH, map_height(fig.layout.height))
    new = (width - 40, map_height(height))
    return go.Figure(fig).update_layout(map_zoom=fig.layout.map.zoom + math.log2(min(n / o for n, o in zip(new, old))))
