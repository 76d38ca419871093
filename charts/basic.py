"""Figure builders: DataFrame in, Plotly figure out. Labels arrive already translated; no Streamlit, no DuckDB."""
import plotly.graph_objects as go

from charts.theme import MUTED, PALETTE, base_layout, wrap


def bars(frame, value, label, text, title, x_title, lang):
    """Horizontal bars, one per row in the given order, each labelled with its already formatted `text`."""
    fig = go.Figure(go.Bar(
        y=frame[label], x=frame[value], orientation="h", marker_color=PALETTE[: len(frame)],
        text=frame[text], textposition="auto", insidetextanchor="end", cliponaxis=False, hovertext=frame[text],
        hovertemplate="%{y}: %{hovertext}<extra></extra>",
    ))
    fig.update_yaxes(title=None, autorange="reversed")
    fig.update_xaxes(title=x_title, rangemode="tozero", tickformat=",.0f")
    fig.update_layout(margin={"r": 80})
    return base_layout(fig, title, lang, height=120 + 55 * len(frame))


def lines(frame, x, y, series, title, y_title, lang, y_format=",.1f", suffix=""):
    """One line per series; gaps in the years are drawn as gaps, not bridged."""
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby(series, sort=False)):
        part = part.sort_values(x)
        fig.add_scatter(x=part[x], y=part[y], name=name, mode="lines+markers", connectgaps=False,
                        line={"color": PALETTE[i % len(PALETTE)], "width": 2.5}, marker={"size": 5},
                        hovertemplate=f"{name} %{{x}}: %{{y:{y_format}}}{suffix}<extra></extra>")
    fig.update_xaxes(title=None)
    fig.update_yaxes(title=y_title)
    return base_layout(fig, title, lang)


def ranked_bars(frame, label, value, colour_key, colour_labels, title, x_title, refs, lang, value_format=",.1f",
                highlight=None):
    """Horizontal bars sorted by value with reference lines (e.g. region and country averages).

    `refs`: (label, value) or (label, value, colour, dash) per line; each line has its label in the legend, so
    several lines never overprint each other's text. A colour key "other" is drawn grey (the rest of the country).
    """
    frame = frame.sort_values(value, ascending=True)
    keys = list(colour_labels)
    fig = go.Figure()
    for i, key in enumerate(keys):
        part = frame[frame[colour_key] == key]
        if part.empty:
            continue
        outline = [3 if highlight is not None and c == highlight else 0 for c in part["area_code"]]
        fig.add_bar(y=part[label], x=part[value], orientation="h", name=colour_labels[key],
                    marker={"color": MUTED if key == "other" else PALETTE[i % len(PALETTE)],
                            "line": {"width": outline, "color": "#000"}},
                    customdata=part[["area_code"]],
                    hovertemplate=f"%{{y}}: %{{x:{value_format}}}<extra>{colour_labels[key]}</extra>")
    shapes = []
    for i, (name, ref, *style) in enumerate(refs):
        if ref is None:
            continue
        colour, dash = style if style else (MUTED if i else "#1F2933", "dash" if i else "dot")
        shapes.append({"type": "line", "x0": ref, "x1": ref, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
                       "line": {"color": colour, "dash": dash, "width": 2}, "name": name, "showlegend": True})
    fig.update_layout(barmode="overlay", yaxis={"categoryorder": "array", "categoryarray": list(frame[label])},
                      shapes=shapes)
    fig.update_xaxes(title=x_title)
    fig.update_yaxes(title=None, tickfont={"size": 11})
    title = wrap(title, 55)
    fig = base_layout(fig, title, lang, height=max(380, 18 * len(frame) + 120))
    return fig.update_layout(margin={"t": 50 + 22 * title.count("<br>")})


GAP = "…"


def ranking_ends(fig, keep):
    """A ranked-bars figure (ranked_bars) cut to its `keep` lowest and `keep` highest rows with a '…' row between;
    None when it has no more than 2 * keep + 1 rows.

    A slide is 720 pixels tall: 309 municipalities would get two pixels each. The cut figure keeps every bar's
    colour, outline and the reference lines; the full list stays in the chart's CSV.
    """
    order = list(fig.layout.yaxis.categoryarray or ())
    if len(order) <= 2 * keep + 1:
        return None
    kept = set(order[:keep] + order[-keep:])
    cut = go.Figure(fig)
    for trace in cut.data:
        rows = [i for i, y in enumerate(trace.y) if y in kept]
        width = trace.marker.line.width
        trace.update(y=[trace.y[i] for i in rows], x=[trace.x[i] for i in rows],
                     customdata=None if trace.customdata is None else [trace.customdata[i] for i in rows])
        if width is not None and not isinstance(width, (int, float)):
            trace.marker.line.width = [width[i] for i in rows]
    return cut.update_layout(yaxis={"categoryarray": order[:keep] + [GAP] + order[-keep:]})
