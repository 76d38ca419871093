"""Figure builders: DataFrame in, Plotly figure out. Labels arrive already translated; no Streamlit, no DuckDB."""
import plotly.graph_objects as go

from charts.theme import MUTED, PALETTE, TITLE_CHARS, TITLE_LINE_PX, base_layout, category_ticks, wrap


def bars(frame, value, label, text, title, x_title, lang):
    """Horizontal bars, one per row in the given order, each labelled with its already formatted `text`."""
    fig = go.Figure(go.Bar(
        y=frame[label], x=frame[value], orientation="h", marker_color=PALETTE[: len(frame)],
        text=frame[text], textposition="auto", insidetextanchor="end", cliponaxis=False, hovertext=frame[text],
        hovertemplate="%{y}: %{hovertext}<extra></extra>",
    ))
    fig.update_yaxes(title=None, autorange="reversed", **category_ticks(frame[label]))
    fig.update_xaxes(title=x_title, rangemode="tozero", tickformat=",.0f")
    fig.update_layout(margin={"r": 80})
    return base_layout(fig, title, lang, height=120 + 55 * len(frame))


def lines(frame, *, x, y, series, title, y_title, lang, y_format=",.1f", suffix=""):
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


GAP = "…"
BAR = "#9AA5B1"
HIGHLIGHT = "#1F2933"
REGION_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross")
LABEL_PX = 16
# Up to 45 rows (the centre's 40 municipalities) a ranking is drawn whole; a longer one is cut to its ends.
WHOLE_ROWS = 45


def _kept_rows(order, ends, highlight_label):
    """The labels kept when a ranking shows only its `ends` lowest and highest and the highlighted row, with a
    '…' row wherever rows are left out; every label when the ranking has no more than WHOLE_ROWS rows."""
    if not ends or len(order) <= max(WHOLE_ROWS, 2 * ends + 1):
        return list(order)
    keep = set(order[:ends]) | set(order[-ends:]) | ({highlight_label} - {None})
    shown, skipped = [], False
    for row in order:
        if row in keep:
            if skipped:
                shown.append(GAP + "\u2009" * sum(r.startswith(GAP) for r in shown))  # distinct category names
            shown.append(row)
            skipped = False
        else:
            skipped = True
    return shown


def _value_range(values):
    """The x axis's range: zero and every bar and reference value, with room at the ends (the region markers sit
    at zero). Fixed rather than Plotly's autorange, which widens the axis until each line's label fits beside it:
    on a phone that squeezed the bars into a fifth of the width."""
    low, high = min(0.0, *values), max(0.0, *values)
    pad = 0.04 * ((high - low) or 1.0)
    return [low - pad, high + pad]


def _reference_lines(refs, span):
    """Dashed vertical lines for the reference values, each labelled at its top end; labels are stacked one a line,
    nearest value first, so lines that nearly coincide still each carry a readable name. A label reads away from
    the nearer end of the axis (`span`), so it stays within the chart."""
    shapes, notes = [], []
    drawn = [(name, ref, *style) for name, ref, *style in refs if ref is not None]
    for i, (name, ref, *style) in enumerate(drawn):
        colour, dash = style if style else (MUTED if i else HIGHLIGHT, "dash" if i else "dot")
        shapes.append({"type": "line", "x0": ref, "x1": ref, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
                       "line": {"color": colour, "dash": dash, "width": 2}, "name": name})
    middle = sum(span) / 2
    for row, (name, ref, *style) in enumerate(sorted(drawn, key=lambda r: r[1])):
        colour = style[0] if style else HIGHLIGHT
        left = ref <= middle
        notes.append({"x": ref, "xref": "x", "y": 1, "yref": "paper", "yanchor": "bottom",
                      "xanchor": "left" if left else "right", "yshift": 4 + LABEL_PX * row,
                      "text": f"┆ {name}" if left else f"{name} ┆", "showarrow": False,
                      "font": {"size": 11, "color": colour}})
    return shapes, notes


def _highlighted(row, value_text):
    """The highlighted row's axis label: its name and, when known, its formatted value, in bold."""
    return f"<b>{row} {value_text}</b>" if value_text else f"<b>{row}</b>"


def ranked_bars(frame, *, label, value, colour_key, colour_labels, title, x_title, refs, lang, value_format=",.1f",
                highlight=None, ends=None):
    """Horizontal bars sorted by value, one neutral colour, the highlighted row dark with its name and value in
    bold on the axis (a label beside the bar would lie over the reference lines and, on a phone, stretch the axis
    to make room for itself), the region of each row as a grey marker at the bar's base, and reference lines (e.g.
    region and country values) labelled where they end. Colour here never means better or worse; the map beside
    it keeps that meaning.

    `refs`: (label, value) or (label, value, colour, dash) per line. `colour_key` names the region group of a row
    (a key of `colour_labels`). With `ends`, a long ranking shows its `ends` lowest and highest rows and the
    highlighted one, '…' where rows are left out (layout.meta says how many rows there are and whether they were
    cut); the full list stays in the table and the CSV. `frame` may carry 'hover' (the row's hover text) and
    'value_text' (its formatted value, printed after the highlighted row's name).
    """
    frame = frame.sort_values(value, ascending=True)
    by_code = dict(zip(frame["area_code"], frame[label]))
    order = _kept_rows(list(frame[label]), ends, by_code.get(highlight))
    frame = frame[frame[label].isin(order)]
    marked = (frame["area_code"] == highlight).tolist()
    hover = frame["hover"] if "hover" in frame else frame[label]
    shown = dict(zip(frame[label], frame["value_text"])) if "value_text" in frame else {}
    fig = go.Figure()
    # Text columns go in as lists: an object array would make Plotly's orjson engine walk the whole figure.
    fig.add_bar(y=frame[label].tolist(), x=frame[value], orientation="h", name="", showlegend=False,
                marker={"color": [HIGHLIGHT if m else BAR for m in marked],
                        "line": {"width": [2 if m else 0 for m in marked], "color": "#000"}},
                customdata=frame[["area_code"]].values.tolist(), hovertext=hover.tolist(),
                hovertemplate="%{hovertext}<extra></extra>")
    for i, (key, name) in enumerate(colour_labels.items()):
        part = frame[frame[colour_key] == key]
        if part.empty:
            continue
        fig.add_scatter(y=part[label].tolist(), x=[0.0] * len(part), mode="markers", name=name, cliponaxis=False,
                        marker={"symbol": REGION_SYMBOLS[i % len(REGION_SYMBOLS)], "size": 7, "color": "#52606D",
                                "line": {"width": 1, "color": "#FFFFFF"}},
                        customdata=part[["area_code"]].values.tolist(),
                        hovertext=part["hover"].tolist() if "hover" in part else None,
                        hovertemplate="%{hovertext}<extra></extra>" if "hover" in part else "%{y}<extra></extra>")
    span = _value_range([*frame[value].dropna(), *(r[1] for r in refs if r[1] is not None)])
    shapes, notes = _reference_lines(refs, span)
    ticks = [_highlighted(row, shown.get(row)) if row == by_code.get(highlight) else row for row in order]
    fig.update_layout(barmode="overlay", shapes=shapes, annotations=notes,
                      yaxis={"categoryorder": "array", "categoryarray": order, "tickmode": "array",
                             "tickvals": order, "ticktext": ticks})
    fig.update_xaxes(title=x_title, tickformat=value_format.replace("f", "~f"), range=span)
    fig.update_yaxes(title=None, tickfont={"size": 11})
    title = wrap(title, TITLE_CHARS)
    fig.update_layout(meta={"rows": len(by_code), "ends": ends if len(order) < len(by_code) else None})
    fig = base_layout(fig, title, lang, height=max(380, 18 * len(order) + 140 + LABEL_PX * len(notes)))
    # The title sits on the line labels: Plotly anchors a title's first line, so its further lines count too.
    above, below_first = LABEL_PX * len(notes), TITLE_LINE_PX * title.count("<br>")
    return fig.update_layout(margin={"t": 60 + below_first + above, "r": 40},
                             title={"yref": "paper", "y": 1, "yanchor": "bottom",
                                    "pad": {"b": above + 12 + below_first}},
                             legend={"y": -60 / fig.layout.height, "yanchor": "top"})

