"""Command line: `python -m ingest build [--out DIR]`; apply, history, restore and sotkanet: see ingest/commands.py."""
import argparse
import sys
from pathlib import Path

from ingest import commands
from ingest.build import DATA, RAW, build
from ingest.errors import SourceError


def main(argv=None):
    """Parse the command and run it; a source error prints its message and exits with status 2."""
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the data tables from data/raw")
    b.add_argument("--raw", type=Path, default=RAW)
    b.add_argument("--out", type=Path, default=DATA)
    commands.add_parsers(sub)
    args = parser.parse_args(argv)
    if args.command != "build":
        return commands.run(args)
    try:
        files = build(args.raw, args.out)
    except SourceError as exc:
        print(f"build stopped: {exc}", file=sys.stderr)
        return 2
    for name, content in sorted(files.items()):
        print(f"{len(content):>9} bytes  {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
