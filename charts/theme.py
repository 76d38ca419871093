"""Shared look of every figure: a colour-blind-safe palette (Okabe-Ito), calm layout, language separators."""
import textwrap

import plotly.io as pio

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
MUTED = "#9AA5B1"
FONT = "Source Sans Pro, Helvetica, Arial, sans-serif"
# The white template as plotly's default rather than set on each figure: plotly then applies it once, unvalidated,
# when the figure is serialised, instead of validating a copy per figure (about 9 ms a chart).
pio.templates.default = "plotly_white"


def separators(lang):
    """Plotly's decimal and thousands marks: '.,' in English, ',' and a no-break space in Finnish and Swedish."""
    return ".," if lang == "en" else ",\u00a0"


# A title line holds at most this many characters: in the smaller type a phone gets (PRINT_CSS in
# ui/present.py's page CSS) a line of 50 fits a 360 px screen, and a wide column reads it on one or two lines.
TITLE_CHARS = 50
TITLE_LINE_PX = 22
# A bar's category label breaks after this many characters: a 360 px phone keeps about half its width for the bars.
CATEGORY_CHARS = 24


def base_layout(fig, title, lang, height=380):
    """Apply the common layout: title that says what is shown (wrapped to TITLE_CHARS unless the builder broke it
    itself, with room above the plot for its lines), compact margins, horizontal legend."""
    title = title if "<br>" in title else wrap(title, TITLE_CHARS)
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        font={"family": FONT, "size": 13, "color": "#1F2933"},
        colorway=PALETTE,
        separators=separators(lang),
        height=height,
        margin={"l": 10, "r": 10, "t": 50 + TITLE_LINE_PX * title.count("<br>"), "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "title": None},
        hoverlabel={"font": {"family": FONT}},
    )
    return fig


def wrap(text, width):
    """Break a long title into lines of at most `width` characters (Plotly does not wrap titles itself)."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def category_ticks(labels, width=CATEGORY_CHARS):
    """Axis settings that show each category label broken onto lines of `width` characters (the categories
    themselves, and so the hover texts, stay whole): Plotly does not wrap tick labels, and on a phone a long one
    ran off the screen's edge."""
    labels = list(labels)
    return {"tickmode": "array", "tickvals": labels, "ticktext": [wrap(label, width) for label in labels]}
