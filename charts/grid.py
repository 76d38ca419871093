"""Small multiples laid out by hand: axes and panel titles as plain layout entries.

plotly's make_subplots plus one update call per panel costs about 5 ms a panel; a page with 13 panels would spend
most of its rerun there. Computing the domains here costs nothing and draws the same figure.
"""
import math


def grid(titles, cols, *, height, top_px, bottom_px, gap_px=70, hspace=0.07):
    """Layout entries (xaxis, yaxis, ... and the title annotations) and the axis ids of each panel, row by row.

    `height` is the figure's height in pixels and `top_px`/`bottom_px` its margins, so that the vertical gap
    between panels (room for a panel title and the x tick labels) is `gap_px` pixels whatever the row count.
    """
    count = len(titles)
    cols = max(1, min(cols, count))
    rows = math.ceil(count / cols)
    plot_px = max(height - top_px - bottom_px, 1)
    gap = min(gap_px / plot_px, 0.5 / max(rows - 1, 1))
    row_h = (1 - gap * (rows - 1)) / rows
    col_w = (1 - hspace * (cols - 1)) / cols
    layout, annotations, ids = {}, [], []
    for i, title in enumerate(titles):
        row, col = divmod(i, cols)
        suffix = "" if i == 0 else str(i + 1)
        x0 = col * (col_w + hspace)
        y1 = 1 - row * (row_h + gap)
        layout[f"xaxis{suffix}"] = {"domain": [x0, x0 + col_w], "anchor": f"y{suffix}"}
        layout[f"yaxis{suffix}"] = {"domain": [max(y1 - row_h, 0), y1], "anchor": f"x{suffix}"}
        annotations.append({"text": title, "x": x0, "y": y1, "xref": "paper", "yref": "paper", "xanchor": "left",
                            "yanchor": "bottom", "showarrow": False, "align": "left", "font": {"size": 12}})
        ids.append((f"x{suffix}", f"y{suffix}"))
    layout["annotations"] = annotations
    return layout, ids


def axis_key(axis_id):
    """'x3' -> 'xaxis3', 'y' -> 'yaxis': the layout key of an axis id."""
    return f"{axis_id[0]}axis{axis_id[1:]}"
