"""Funding figures: the centre's mix as a part-to-whole, its fair share, and a scenario beside the actual year.

Labels and formatted texts arrive already translated; no Streamlit, no DuckDB.
"""
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.theme import MUTED, PALETTE, base_layout, category_ticks, wrap

# A funder's own colour and lighter tints for its sources, so the outer ring reads as parts of the inner one.
FUNDER_COLOURS = {"state": ("#0072B2", ("#56B4E9", "#A6D3F2", "#D2E9F9")),
                  "municipal": ("#E69F00", ("#F2C45F", "#F8DFA6", "#FCEFD3"))}
ROOT_COLOUR = "#F5F7FA"
# Sectors smaller than this share of the total are labelled on hover (and in the table beside), not in print
# too small to read.
MIN_LABELLED = 0.15
KIND_COLOURS = {"centre": PALETTE[0], "country": MUTED, "municipal": PALETTE[1]}
# A centre's name and period on the shares chart's axis, in lines this long: on a phone the bars keep the width.
LABEL_CHARS = 20


def sector_colours(frame):
    """One colour per sunburst row: the root pale, a funder in its colour, its sources in its tints by rank."""
    colours, rank = [], {}
    for level, funder in zip(frame["level"], frame["funder"]):
        if level == "total":
            colours.append(ROOT_COLOUR)
        elif level == "funder":
            colours.append(FUNDER_COLOURS[funder][0])
        else:
            tints = FUNDER_COLOURS[funder][1]
            colours.append(tints[min(rank.get(funder, 0), len(tints) - 1)])
            rank[funder] = rank.get(funder, 0) + 1
    return colours


def sector_tree(frame):
    """Sunburst ids and parents: 'total' is the root, a funder ('state', 'municipal') hangs under it, a source under
    its funder."""
    ids = [s if lvl == "source" else (f if lvl == "funder" else "total")
           for lvl, f, s in zip(frame["level"], frame["funder"], frame["source"])]
    parents = [f if lvl == "source" else ("total" if lvl == "funder" else "")
               for lvl, f in zip(frame["level"], frame["funder"])]
    return ids, parents


LEGEND_CHARS = 36


def _legend_entry(label, text, colour):
    """A legend line for a sunburst sector: a square in its colour, its name and 'amount (share)'.

    Plotly's sunburst has no legend of its own; an empty marker trace gives one that also reaches the slide. A long
    line is broken (LEGEND_CHARS), as Plotly would let it run off a phone's screen."""
    return go.Scatter(x=[None], y=[None], mode="markers", name=wrap(f"{label}: {text}", LEGEND_CHARS), hoverinfo="skip",
                      marker={"symbol": "square", "size": 14, "color": colour}, showlegend=True)


def mix_sunburst(frame, title, lang):
    """State against municipal money in the inner ring, their sources outside, the total in the middle.

    `frame`: one row per sector with level (total, funder, source), funder, source, label, amount_eur and text (the
    formatted amount and share). Sectors too small for print carry no text in the ring, so every funder and source
    is also named in the legend with its amount, in the ring's order.
    """
    ids, parents = sector_tree(frame)
    total = frame["amount_eur"].max()
    colours = sector_colours(frame)
    templates = ["<b>%{label}</b><br>%{text}" if amount >= MIN_LABELLED * total else ""
                 for amount in frame["amount_eur"]]
    fig = go.Figure(go.Sunburst(
        ids=ids, parents=parents, labels=frame["label"], values=frame["amount_eur"],
        branchvalues="total", text=frame["text"], texttemplate=templates,
        hovertemplate="%{label}<br>%{text}<extra></extra>", insidetextorientation="horizontal",
        marker={"colors": colours, "line": {"color": "#FFFFFF", "width": 2}}, sort=False,
        domain={"x": [0, 1], "y": [0.3, 1]},
    ))
    for level, label, text, colour in zip(frame["level"], frame["label"], frame["text"], colours):
        if level != "total":
            fig.add_trace(_legend_entry(f"– {label}" if level == "source" else label, text, colour))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig = base_layout(fig, title, lang, height=600)
    return fig.update_layout(legend={"orientation": "v", "y": 0.27, "yanchor": "top", "x": 0, "traceorder": "normal",
                                     "font": {"size": 12}, "itemclick": False, "itemdoubleclick": False})


# The best known figure of a year as one series: solid for final accounts, hatched for a budget, dotted for a
# government proposal, so the kind of each bar is seen without a second colour.
TYPE_PATTERNS = {"final_accounts": "", "budget": "/", "proposal": "."}


def best_known(frame, *, type_labels, detail_label, title, y_title, lang, x_range):
    """One bar per year, the best known figure (final accounts, else budget, else proposal) with its kind as the
    bar's pattern and in the legend; the year's other figures as small grey markers (detail, on hover).

    `frame`: year, amount_eur, figure_type, best (True for the year's best known figure), text (formatted amount).
    Years without a row stay empty: a gap, not a zero.
    """
    fig = go.Figure()
    best = frame[frame["best"]]
    for kind, label in type_labels.items():
        part = best[best["figure_type"] == kind]
        if part.empty:
            continue
        fig.add_bar(x=part["year"], y=part["amount_eur"], name=label, marker_color=PALETTE[0],
                    marker_pattern_shape=TYPE_PATTERNS[kind], marker_pattern_fgcolor="#FFFFFF",
                    customdata=part["text"], hovertemplate=f"%{{x}}, {label}: %{{customdata}}<extra></extra>")
    other = frame[~frame["best"]]
    if not other.empty:
        kinds = [type_labels[k] for k in other["figure_type"]]
        fig.add_scatter(x=other["year"], y=other["amount_eur"], mode="markers", name=detail_label,
                        marker={"symbol": "diamond", "size": 10, "color": MUTED, "line": {"width": 1,
                                                                                         "color": "#1F2933"}},
                        customdata=list(zip(kinds, other["text"])),
                        hovertemplate="%{x}, %{customdata[0]}: %{customdata[1]}<extra></extra>")
    fig.update_layout(barmode="overlay", bargap=0.35)
    fig.update_xaxes(range=[x_range[0] - 0.5, x_range[1] + 0.5], dtick=1, title=None)
    fig.update_yaxes(title=y_title, rangemode="tozero", tickformat=",.0f")
    return base_layout(fig, title, lang)


def fair_share(shares, per_inhabitant, title, subtitles, lang):
    """Two panels of horizontal bars: shares in percent, then euros per inhabitant, each bar with its text.

    Both frames have label, value, text and kind: 'centre' (state money, main colour), 'country' (grey, the
    yardstick) or 'municipal' (the municipal colour).
    """
    fig = make_subplots(rows=2, cols=1, subplot_titles=subtitles, vertical_spacing=0.22,
                        row_heights=[len(shares), len(per_inhabitant)])
    for row, (frame, tick) in enumerate(((shares, ",.1f"), (per_inhabitant, ",.2f")), start=1):
        fig.add_bar(y=frame["label"], x=frame["value"], orientation="h", text=frame["text"], textposition="outside",
                    marker_color=[KIND_COLOURS[k] for k in frame["kind"]], cliponaxis=False, hovertext=frame["text"],
                    hovertemplate="%{y}: %{hovertext}<extra></extra>", showlegend=False, row=row, col=1)
        fig.update_xaxes(rangemode="tozero", tickformat=tick, range=[0, 1.25 * float(frame["value"].max())],
                         row=row, col=1)
        fig.update_yaxes(autorange="reversed", row=row, col=1, **category_ticks(frame["label"]))
    fig.update_annotations(font_size=14, x=0, xanchor="left")
    base_layout(fig, title, lang, height=170 + 48 * (len(shares) + len(per_inhabitant)))
    fig.update_layout(margin={"t": 80})
    return fig


def scenario_bars(frame, title, x_title, lang):
    """The actual year and the scenario as stacked horizontal bars (state, then municipal money).

    `frame`: one row per bar segment with row (the bar's label), part (the segment's label), amount_eur, text and
    scenario (True for the scenario bar, drawn hatched so it never reads as an actual figure).
    """
    fig = go.Figure()
    rows = list(dict.fromkeys(frame["row"]))
    for i, (part, seg) in enumerate(frame.groupby("part", sort=False)):
        fig.add_bar(y=seg["row"], x=seg["amount_eur"], name=part, orientation="h", text=seg["text"],
                    textposition="inside", insidetextanchor="middle", marker_color=PALETTE[i % len(PALETTE)],
                    marker_pattern_shape=["/" if s else "" for s in seg["scenario"]],
                    marker_pattern_fgcolor="#FFFFFF", marker_pattern_fgopacity=0.35,
                    hovertext=seg["text"], hovertemplate="%{y}, " + part + ": %{hovertext}<extra></extra>")
    fig.update_layout(barmode="stack", yaxis={"categoryorder": "array", "categoryarray": rows},
                      legend={"traceorder": "normal"})
    fig.update_yaxes(title=None, autorange="reversed")
    fig.update_xaxes(title=x_title, rangemode="tozero", tickformat=",.0f")
    return base_layout(fig, title, lang, height=260)


def centre_shares(frame, measures, title, x_title, lang):
    """Every centre's share of Finland's population and land area (and, where known, of the national subsidy) as
    grouped horizontal bars, one group per centre in the frame's order, its name wrapped onto short lines.

    `frame`: one row per centre with `label`, a column per measure and its `<column>_text`; `measures`: column ->
    translated name.
    """
    fig = go.Figure()
    labels = [wrap(label, LABEL_CHARS) for label in frame["label"]]
    for i, (column, name) in enumerate(measures.items()):
        fig.add_trace(go.Bar(y=labels, x=frame[column], name=name, orientation="h", marker_color=PALETTE[i],
                             text=frame[f"{column}_text"], textposition="outside", cliponaxis=False,
                             hovertemplate="%{y}: %{text}<extra>" + name + "</extra>"))
    fig.update_yaxes(title=None, autorange="reversed", tickfont={"size": 11})
    fig.update_xaxes(title=x_title, rangemode="tozero", ticksuffix=" %")
    fig = base_layout(fig, title, lang, height=140 + 26 * len(measures) * len(frame))
    return fig.update_layout(barmode="group", bargap=0.25, margin={"r": 60, "t": 90},
                             legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"})
