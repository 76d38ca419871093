"""The action plan's progress as a figure: per focus area its actions stacked by status. No Streamlit, no DuckDB."""
import plotly.graph_objects as go

from charts.theme import base_layout, category_ticks

# Done green, ongoing blue, planned grey, late orange-red, dropped light grey (Okabe-Ito, readable when colour-blind;
# each bar segment also carries its count).
STATUS_COLOURS = {"done": "#009E73", "ongoing": "#0072B2", "planned": "#9AA5B1", "late": "#D55E00",
                  "dropped": "#D9DEE3"}


def status_bars(frame, *, label, statuses, names, title, x_title, lang):
    """One horizontal bar per focus area (rows in the given order), its actions stacked by status; `statuses` are
    the count columns in stacking order, `names` their legend labels."""
    fig = go.Figure()
    for status in statuses:
        counts = frame[status]
        fig.add_bar(y=frame[label], x=counts, orientation="h", name=names[status],
                    marker_color=STATUS_COLOURS[status], text=[str(n) if n else "" for n in counts],
                    textposition="inside", insidetextanchor="middle",
                    hovertemplate=f"%{{y}}: %{{x}} {names[status]}<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title=None, autorange="reversed", **category_ticks(frame[label]))
    fig.update_xaxes(title=x_title, rangemode="tozero", dtick=1)
    return base_layout(fig, title, lang, height=160 + 60 * len(frame))
