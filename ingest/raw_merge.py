"""Raw CSV files rewritten byte for byte: a merge or replacement of rows keeps every unchanged record verbatim, so
a raw file's diff after an upload or restore shows only what changed."""
import csv
import io
from pathlib import Path


def raw_records(text):
    """(cells, exact text) of each record of a CSV, so unchanged rows are written back byte for byte."""
    lines = iter(text.splitlines(keepends=True))
    taken = []

    def feed():
        for line in lines:
            taken.append(line)
            yield line

    for cells in csv.reader(feed()):
        record = "".join(taken)
        taken.clear()
        if cells:
            yield cells, record if record.endswith("\n") else record + "\n"


def csv_line(cells):
    """One record in the project's CSV dialect."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def number_text(value):
    """A figure as the raw files write it: whole numbers without '.0', others in their shortest exact form."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def merged_text(old_text, columns, new_rows, key, same=None, label=None, replace=False, by_year=False):
    """A raw CSV with `new_rows` (dicts by column) merged in by key, or replacing all rows; unchanged records are
    kept verbatim, so the file's diff shows only what the upload changed.

    `same(old, new)` says whether two rows carry the same figures (default: equal cells); `label(old, new)` may
    rewrite a row before it is written; `by_year` keeps the rows in year order.
    """
    old = list(raw_records(old_text)) if old_text else []
    header = old[0][1] if old else csv_line(columns)
    names = [n.replace("\ufeff", "") for n in (old[0][0] if old else columns)]
    old_rows = [(dict(zip(names, cells)), text) for cells, text in old[1:]]
    old_by_key = {key(row): (row, text) for row, text in old_rows}
    same = same or (lambda a, b: all(a.get(c, "") == b.get(c, "") for c in columns))
    chosen = {}
    for row in new_rows:
        previous = old_by_key.get(key(row))
        if previous and same(previous[0], row):
            chosen[key(row)] = previous[1]
        else:
            row = label(previous[0] if previous else None, row) if label else row
            chosen[key(row)] = csv_line([row.get(n, "") for n in names])
    order = [] if replace else [key(row) for row, _ in old_rows]
    seen = set(order)
    order += [k for k in chosen if k not in seen]
    records = [(k, chosen.get(k) or old_by_key[k][1]) for k in order]
    if by_year:
        records.sort(key=lambda pair: int(pair[0][0]))
    return header + "".join(text for _, text in records)


def keyed_raw(old_text, columns, frame, key):
    """A small registry file (descriptions, sources) with rows replaced or added by their first column."""
    rows = [{c: str(v) for c, v in zip(columns, rec)} for rec in frame[columns].itertuples(index=False)]
    return merged_text(old_text, columns, rows, lambda r: (r[key],))


def read_text(path):
    """A raw file's text, None when it does not exist yet."""
    path = Path(path)
    return path.read_text(encoding="utf-8-sig") if path.exists() else None


def dated_registry(old_text, source_id, day):
    """The source registry with `source_id` marked updated on `day`; every other record unchanged byte for byte."""
    records = list(raw_records(old_text))
    column = records[0][0].index("updated")
    out = []
    for cells, text in records:
        if cells[0] == source_id:
            text = csv_line(cells[:column] + [day.isoformat()] + cells[column + 1:])
        out.append(text)
    return "".join(out)


def restored_registry(current_text, saved_text, source_id):
    """The current registry with one entry's record put back exactly as a history entry saved it."""
    saved = next((text for cells, text in raw_records(saved_text) if cells[0] == source_id), None)
    return "".join(saved if cells[0] == source_id and saved else text for cells, text in raw_records(current_text))
