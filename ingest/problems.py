"""A problem found in an uploaded or fetched file: a message key plus where it is, translated only when shown.

The checks live in ingest (no Streamlit); the words live in locales/*.toml under [upload_error] and
[upload_where], so the app and the command line say the same thing in the user's language.
"""
from dataclasses import dataclass, field

MAX_SHOWN_CHARS = 60


def shown(value):
    """A cell's text shortened for a message (never rendered as HTML or markdown by the callers)."""
    text = str(value).replace("\n", " ").replace("\r", " ")
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file. `row` is the row number a spreadsheet shows (header included)."""

    file: str
    key: str
    row: int | None = None
    column: str | None = None
    values: dict = field(default_factory=dict)

    def text(self, translate, lang):
        """The full message in `lang`, naming file, row and column where they are known."""
        message = translate(lang, f"upload_error.{self.key}", **self.values)
        where = ("cell" if self.column else "row") if self.row is not None else ("column" if self.column else "file")
        return translate(lang, f"upload_where.{where}", file=self.file, row=self.row, column=self.column,
                         message=message)


class Rejected(Exception):
    """The file cannot be used; `problems` says why (the stored tables have not been touched)."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(f"{p.file} {p.row} {p.column} {p.key} {p.values}" for p in self.problems))
