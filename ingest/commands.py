"""Commands for keeping the data current (registered in `python -m ingest`):

    apply TABLE FILE [--replace] [--check]   check a CSV/Excel file, show what changes, save it (history kept)
    history TABLE                            earlier versions of a table
    restore TABLE VERSION                    put an earlier version back
    sotkanet --indicators ... --years ...    fetch indicators from THL's Sotkanet and merge them (same check)

The data folder is SONET_DATA_DIR when set, else the project's data/ (or --data). Exit status: 0 done or nothing to
do, 2 the file or the fetched data was refused, 3 Sotkanet could not be reached, 4 Sotkanet answered with an error.
"""
import getpass
import sys
from datetime import date
from pathlib import Path

import pandas as pd

import queries
from ingest import sotkanet, upload_history, upload_plan
from ingest.problems import Problem, Rejected
from ingest.upload_check import SPECS, Context, check
from ingest.upload_read import MAX_BYTES

SHOWN_ROWS = 10


def add_parsers(sub):
    """Register the commands on the `python -m ingest` sub-parser."""
    common = {"--data": dict(type=Path, default=None, help="data folder (default: SONET_DATA_DIR or data/)"),
              "--lang": dict(choices=("fi", "sv", "en"), default="en", help="language of the messages"),
              "--editor": dict(default=None, help="name recorded in the history (default: your login name)")}

    def with_common(parser):
        for flag, options in common.items():
            parser.add_argument(flag, **options)
        return parser

    apply = with_common(sub.add_parser("apply", help="check a file for a table and save it"))
    apply.add_argument("table", choices=sorted(SPECS))
    apply.add_argument("file", type=Path)
    apply.add_argument("--replace", action="store_true", help="the file replaces the whole table (not indicators)")
    apply.add_argument("--check", action="store_true", help="only check and show what would change")
    hist = with_common(sub.add_parser("history", help="list earlier versions of a table"))
    hist.add_argument("table", choices=sorted(SPECS))
    back = with_common(sub.add_parser("restore", help="put an earlier version of a table back"))
    back.add_argument("table", choices=sorted(SPECS))
    back.add_argument("version", help="a version id from `history`")
    fetch = with_common(sub.add_parser("sotkanet", help="fetch indicators from THL Sotkanet and merge them"))
    fetch.add_argument("--indicators", default=",".join([*sotkanet.STARTERS, *sotkanet.NOT_KNOWN]),
                       help="Sotkanet ids or starter names, comma-separated (default: %(default)s)")
    fetch.add_argument("--years", required=True, help="e.g. 2015-2023 or 2019,2021")
    fetch.add_argument("--base-url", default=sotkanet.BASE_URL)
    fetch.add_argument("--cache", type=Path, default=None, help="answers cache (default: DATA/raw/sotkanet)")
    fetch.add_argument("--refresh", action="store_true", help="ask again even for answers in the cache")
    fetch.add_argument("--timeout", type=float, default=30.0)
    fetch.add_argument("--pause", type=float, default=1.0, help="seconds between requests")
    fetch.add_argument("--backoff", type=float, default=2.0, help="first wait before a retry, doubling (seconds)")
    fetch.add_argument("--check", action="store_true", help="only fetch, check and show what would change")


def run(args):
    """Run one of the commands above; returns the exit status."""
    handler = {"apply": cmd_apply, "history": cmd_history, "restore": cmd_restore, "sotkanet": cmd_sotkanet}
    data_dir = Path(args.data) if args.data else queries.data_dir()
    try:
        return handler[args.command](args, data_dir)
    except Rejected as refused:
        say_problems(refused.problems, args.lang)
        print("Nothing was changed.", file=sys.stderr)
        return 2


def say_problems(problems, lang):
    """Each problem on its own line, in the chosen language."""
    from locales import translate

    for problem in problems:
        print(problem.text(translate, lang), file=sys.stderr)


def editor_of(args):
    """The name recorded in the history."""
    return args.editor or f"{getpass.getuser()} (command line)"


def show_plan(plan):
    """What would change: counts, then the first rows of each kind."""
    counts = plan.counts
    print(f"{plan.table}: {counts['added']} rows added, {counts['changed']} changed, {counts['removed']} removed")
    for label, frame in (("added", plan.added), ("changed", plan.changed), ("removed", plan.removed)):
        if len(frame):
            print(f"-- {label} (first {min(len(frame), SHOWN_ROWS)} of {len(frame)}):")
            print(frame.head(SHOWN_ROWS).to_string(index=False))


def finish(plan, data_dir, args, action):
    """Show the plan and save it unless only a check was asked for or nothing changes."""
    show_plan(plan)
    if getattr(args, "check", False):
        print("Checked only; nothing was changed.")
        return 0
    if not any(plan.counts.values()):
        print("Nothing to change.")
        return 0
    entry = upload_history.apply(plan, data_dir, editor_of(args), action=action)
    print(f"Saved. The previous version is kept as {entry['id']} (python -m ingest restore {plan.table} "
          f"{entry['id']}).")
    return 0


def cmd_apply(args, data_dir):
    """python -m ingest apply TABLE FILE."""
    path = Path(args.file)
    if not path.is_file():
        print(f"{path}: no such file.", file=sys.stderr)
        return 2
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise Rejected([Problem(path.name, "too_large", values={"size": f"{size / 2 ** 20:.1f}",
                                                                "limit": f"{MAX_BYTES / 2 ** 20:.0f}"})])
    checked = check(args.table, path.name, path.read_bytes(), Context.load(data_dir))
    print(f"{path.name}: read {checked.info}")
    mode = "replace" if args.replace else "merge"
    if mode not in upload_plan.MODES[args.table]:
        print(f"{args.table} cannot be replaced as a whole; its rows are added or updated.", file=sys.stderr)
        return 2
    return finish(upload_plan.plan(checked, data_dir, mode), data_dir, args, "upload")


def cmd_history(args, data_dir):
    """python -m ingest history TABLE."""
    entries = upload_history.history(args.table, data_dir)
    if not entries:
        print(f"{args.table}: no earlier versions.")
        return 0
    shown = pd.DataFrame(entries)[["id", "replaced_at", "editor", "action", "file", "added", "changed", "removed"]]
    print(shown.to_string(index=False))
    return 0


def cmd_restore(args, data_dir):
    """python -m ingest restore TABLE VERSION."""
    return finish(upload_history.plan_restore(args.table, args.version, data_dir), data_dir, args, "restore")


def cmd_sotkanet(args, data_dir):
    """python -m ingest sotkanet: fetch everything first; only a complete, checked fetch is merged."""
    ids, unknown = sotkanet.parse_ids(args.indicators)
    for line in unknown:
        print(f"not fetched: {line}", file=sys.stderr)
    if not ids:
        print("No Sotkanet indicator to fetch.", file=sys.stderr)
        return 2
    try:
        years = sotkanet.parse_years(args.years, date.today().year)
    except ValueError as exc:
        print(f"--years: {exc}", file=sys.stderr)
        return 2
    client = sotkanet.Client(base_url=args.base_url, cache_dir=args.cache or data_dir / "raw" / "sotkanet",
                             timeout=args.timeout, pause=args.pause, backoff=args.backoff, refresh=args.refresh)
    areas = pd.read_csv(data_dir / "areas.csv", dtype=str, keep_default_na=False)
    try:
        fetched = sotkanet.fetch(client, ids, years, areas)
    except sotkanet.SotkanetError as exc:
        print(f"Sotkanet: {exc}", file=sys.stderr)
        if exc.kind in ("offline", "timeout"):
            print("The machine cannot reach Sotkanet (no network connection?).", file=sys.stderr)
        print("Nothing was changed.", file=sys.stderr)
        return 3 if exc.kind in ("offline", "timeout") else 4
    print(f"Sotkanet: {client.requests} requests, {len(fetched.rows)} figures for our areas; left out: "
          + ", ".join(f"{n} {reason.replace('_', ' ')}" for reason, n in fetched.left_out.items()))
    if fetched.rows.empty:
        print("Sotkanet gave no figures for our areas; nothing was changed.", file=sys.stderr)
        return 2
    context = Context.load(data_dir, extra_indicators=fetched.meta["indicator"],
                           extra_sources=fetched.sources["source_id"])
    name = f"sotkanet_{'_'.join(map(str, ids))}.csv"
    checked = check("indicators", name, sotkanet.as_csv(fetched.rows), context)
    plan = upload_plan.plan(checked, data_dir, "merge", meta=fetched.meta, sources=fetched.sources)
    client.save()
    return finish(plan, data_dir, args, "sotkanet")
