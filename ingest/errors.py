"""One error type for every source problem, so the build stops with file, row and column named."""
from pathlib import Path


class SourceError(Exception):
    """A source file does not match what the build expects.

    `row` is the 1-based line number in the file (the header is line 1) or None for a whole-file problem.
    """

    def __init__(self, file, message, row=None, column=None):
        self.file = Path(file).name
        self.row = row
        self.column = column
        self.message = message
        where = [f"file {self.file}"]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {message}")
