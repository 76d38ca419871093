"""PowerPoint decks (python-pptx): a title slide, then one chart per 16:9 slide with title and source footer."""
import io
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
DARK = RGBColor(0x1F, 0x29, 0x33)
MUTED = RGBColor(0x52, 0x60, 0x6D)
ACCENT = RGBColor(0x00, 0x72, 0xB2)


@dataclass
class ChartSlide:
    """One chart: its title, PNG bytes and footer text (source and date of the data)."""
    title: str
    image: bytes
    footer: str


@dataclass
class TextSlide:
    """A slide of plain text lines (a meeting question's answers): its title, the lines and the footer."""
    title: str
    lines: list
    footer: str


def _text(slide, left, top, width, height, text, size, color, bold=False):
    """A text box with one paragraph."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = color
    return box


def _title_slide(prs, title, lines):
    """Centre name, date and the filters used."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_shape(1, 0, 0, WIDTH, Inches(0.25)).fill.solid()
    slide.shapes[0].fill.fore_color.rgb = ACCENT
    slide.shapes[0].line.fill.background()
    _text(slide, Inches(0.8), Inches(2.2), Inches(11.7), Inches(1.4), title, 40, DARK, bold=True)
    _text(slide, Inches(0.8), Inches(3.8), Inches(11.7), Inches(2.5), "\n".join(lines), 20, MUTED)
    return slide


def _chart_slide(prs, chart):
    """Title on top, the image fitted below, the footer at the bottom."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, Inches(0.5), Inches(0.25), Inches(12.3), Inches(0.8), chart.title, 26, DARK, bold=True)
    top, bottom = Inches(1.1), Inches(0.7)
    max_w, max_h = WIDTH - Inches(1.0), HEIGHT - top - bottom
    ratio = 16 / 9
    width = min(max_w, Emu(int(max_h * ratio)))
    height = Emu(int(width / ratio))
    slide.shapes.add_picture(io.BytesIO(chart.image), Emu(int((WIDTH - width) / 2)), top, width, height)
    _text(slide, Inches(0.5), HEIGHT - Inches(0.65), Inches(12.3), Inches(0.5), chart.footer, 11, MUTED)
    return slide


def _text_slide(prs, shown):
    """Title on top, the lines below in type legible from the back of a room (plain text, never markup), the
    footer at the bottom."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, Inches(0.5), Inches(0.25), Inches(12.3), Inches(1.0), shown.title, 26, DARK, bold=True)
    _text(slide, Inches(0.7), Inches(1.4), Inches(11.9), Inches(5.3), "\n".join(shown.lines), 18, DARK)
    _text(slide, Inches(0.5), HEIGHT - Inches(0.65), Inches(12.3), Inches(0.5), shown.footer, 11, MUTED)
    return slide


def build(title, lines, charts):
    """The deck as .pptx bytes: title slide plus one slide per ChartSlide or TextSlide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _title_slide(prs, title, lines)
    for chart in charts:
        (_text_slide if isinstance(chart, TextSlide) else _chart_slide)(prs, chart)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
