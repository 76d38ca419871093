"""The action plan's progress as a figure: per focus area its actions stacked by status. No Streamlit, no DuckDB."""
import plotly.graph_objects as go

from charts.theme import CATEGORY_CHARS, base_layout, category_ticks, wrap

# Done green, ongoing blue, planned grey, late orange-red, dropped light grey (Okabe-Ito, readable when colour-blind;
# each bar segment also carries its count).
STATUS_COLOURS = {"done": "#009E73", "ongoing": "#0072B2", "planned": "#9AA5B1", "late": "#D55E00",
                  "dropped": "#D9DEE3"}


# Height of a bar's row: room for its label's wrapped lines (a focus area's title runs to five or six lines); and
# room for the legend, which on a 360 px phone takes a line per status.
ROW_PX, LINE_PX, LEGEND_PX = 44, 17, 100


def status_bars(frame, *, label, statuses, names, title, lang):
    """One horizontal bar per focus area (rows in the given order), its actions stacked by status; `statuses` are
    the count columns in stacking order, `names` their legend labels (in that order, below the plot; the counts
    are actions, as the title says, so the axis has no title of its own to collide with the legend)."""
    fig = go.Figure()
    for status in statuses:
        counts = frame[status]
        fig.add_bar(y=frame[label], x=counts, orientation="h", name=names[status],
                    marker_color=STATUS_COLOURS[status], text=[str(n) if n else "" for n in counts],
                    textposition="inside", insidetextanchor="middle",
                    hovertemplate=f"%{{y}}: %{{x}} {names[status]}<extra></extra>")
    lines = max((wrap(text, CATEGORY_CHARS).count("<br>") + 1 for text in frame[label]), default=1)
    row = max(ROW_PX, LINE_PX * lines + 12)
    fig.update_yaxes(title=None, autorange="reversed", **category_ticks(frame[label]))
    fig.update_xaxes(title=None, rangemode="tozero", dtick=1)
    base_layout(fig, title, lang, height=150 + LEGEND_PX + row * len(frame))
    plot_px = row * max(len(frame), 1) + 68 + LEGEND_PX
    fig.update_layout(barmode="stack", legend={"traceorder": "normal", "y": -40 / plot_px})
    return fig
