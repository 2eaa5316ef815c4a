"""The command line: ``newsprov run PATH... [--json OUT] [--html OUT] [--dedup-only]``.

Exit status: 0 when the run finished (rejections are reported, not fatal),
1 when no input could be used, 2 for a usage error or an input that cannot be
read (a missing file, a malformed JSONL line) without ``--keep-going``.

Example:
    >>> main(["run", "seeds", "--dedup-only", "--json", "/dev/null"])
    0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from newsprov import __version__
from newsprov.errors import NewsprovError
from newsprov.inputs import Loaded, load
from newsprov.io import write_json, write_jsonl
from newsprov.model import Article, Params, Rejection, Result
from newsprov.pipeline import cluster
from newsprov.report import summary, to_html

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsprov",
        description="Clean news, find reprinted wire copy, trace every paragraph's origin.",
    )
    parser.add_argument("--version", action="version", version=f"newsprov {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="process articles and report clusters and origins")
    run.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="directory of .txt/.html files, .jsonl file, WARC file, single file, or - for stdin",
    )
    run.add_argument("--json", metavar="OUT", help="write the newsprov/1 JSON here (- for stdout)")
    run.add_argument("--jsonl", metavar="OUT", help="write one JSON line per article here")
    run.add_argument(
        "--html", metavar="OUT", help="write a self-contained HTML provenance map here"
    )
    run.add_argument(
        "--dedup-only",
        action="store_true",
        help="clean, sign and group only; no alignment or origins (fast)",
    )
    run.add_argument(
        "--keep-going",
        action="store_true",
        help="record unreadable inputs as rejections and go on with the rest",
    )
    run.add_argument("--quiet", action="store_true", help="print nothing but errors")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Example:
        >>> main(["run", "no/such/dir"])
        2
    """
    args = _parser().parse_args(argv)
    articles: list[Article] = []
    rejected: list[Rejection] = []
    try:
        for path in args.paths:
            loaded = load(path, keep_going=args.keep_going)
            articles += loaded.articles
            rejected += loaded.rejected
    except NewsprovError as exc:
        print(f"newsprov: error: {exc}", file=sys.stderr)
        if not args.keep_going:
            print("newsprov: (use --keep-going to go on with the other inputs)", file=sys.stderr)
        return 2
    result = cluster(
        Loaded(tuple(articles), tuple(rejected)), params=Params(provenance=not args.dedup_only)
    )
    try:
        _write_outputs(args, result)
    except OSError as exc:
        print(f"newsprov: error: cannot write output: {exc}", file=sys.stderr)
        return 2
    return 0 if result.articles else 1


def _write_outputs(args: argparse.Namespace, result: Result) -> None:
    if args.json:
        write_json(result, args.json)
    if args.jsonl:
        write_jsonl(result, args.jsonl)
    if args.html:
        with open(args.html, "w", encoding="utf-8") as handle:
            handle.write(to_html(result))
    if not args.json and not args.quiet:
        print(summary(result))
    elif args.json != "-" and not args.quiet:
        print(summary(result).splitlines()[0], file=sys.stderr)
