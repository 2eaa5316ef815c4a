"""The command line: ``newsprov run PATH... [--json OUT] [--jsonl OUT] [--groups OUT]
[--html OUT] [--dedup-only [--passages]] [--workers N] [--keep-going] [--quiet]``.

Exit status: 0 when the run finished (rejections are reported, not fatal),
1 when no input could be used, 2 for a usage error or an input that cannot be
read (a missing file, a malformed JSONL line, a broken WARC record) without
``--keep-going``. Progress bars go to standard error, and only when it is a
terminal and ``--quiet`` is not given.

Example:
    >>> main(["run", "seeds", "--dedup-only", "--json", "/dev/null"])
    0
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

from tqdm import tqdm

from newsprov import __version__
from newsprov.errors import InputNotFoundError, NewsprovError
from newsprov.fingerprint import usable_workers
from newsprov.inputs import iter_load
from newsprov.io import write_groups, write_json, write_jsonl, write_text
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
    run = sub.add_parser(
        "run",
        help="process articles and report clusters and origins",
        description="Process articles and report duplicate groups, clusters and origins.",
    )
    run.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="directory of .txt/.html files, .jsonl file, WARC file, single file, or - for stdin",
    )
    run.add_argument("--json", metavar="OUT", help="write the newsprov/1 JSON here (- for stdout)")
    run.add_argument(
        "--jsonl", metavar="OUT", help="write one JSON line per article here (- for stdout)"
    )
    run.add_argument(
        "--groups",
        metavar="OUT",
        help="write only the duplicate groups, clusters and rejections, one JSON line each, "
        "here (- for stdout): --jsonl without the articles",
    )
    run.add_argument(
        "--html",
        metavar="OUT",
        help="write a self-contained HTML provenance map here (- for stdout)",
    )
    run.add_argument(
        "--dedup-only",
        action="store_true",
        help="clean, sign and group into duplicate groups only: no shared passages, "
        "alignment or origins (fast; clusters are then the duplicate groups)",
    )
    run.add_argument(
        "--passages",
        action="store_true",
        help="with --dedup-only: still find passages shared by different articles, "
        "so that clusters link them (slower)",
    )
    run.add_argument(
        "--workers",
        type=_workers,
        default=0,
        metavar="N",
        help="threads for the numpy stages, and processes to clean 200+ HTML pages on "
        "(default 0: one per CPU core; 1: no threads, no processes)",
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
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse printed the usage, --help or --version
        return exc.code if isinstance(exc.code, int) else 2
    if [args.json, args.jsonl, args.groups, args.html].count("-") > 1:
        parser.print_usage(sys.stderr)
        print(
            "newsprov: error: only one of --json, --jsonl, --groups, --html can be -",
            file=sys.stderr,
        )
        return 2
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("newsprov: interrupted", file=sys.stderr)
        return 130


def _workers(value: str) -> int:
    """``--workers``: an integer >= 0 (argparse turns the ValueError into a usage error)."""
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


def _run(args: argparse.Namespace) -> int:
    show = not args.quiet and sys.stderr.isatty()
    try:
        inputs = _load_all(args.paths, keep_going=args.keep_going, show=show)
    except (NewsprovError, OSError) as exc:
        print(f"newsprov: error: {exc}", file=sys.stderr)
        print("newsprov: (use --keep-going to go on with the other inputs)", file=sys.stderr)
        return 2
    params = Params(
        provenance=not args.dedup_only,
        passages=args.passages or not args.dedup_only,
        workers=args.workers,
    )
    try:
        with _StageBars(enabled=show) as bars, _cleaners(params.workers, inputs) as pool:
            tick = bars if show else None
            result = cluster(_handed_over(inputs), params=params, progress=tick, executor=pool)
    except BrokenExecutor as exc:  # a cleaning process was killed (out of memory?)
        print(f"newsprov: error: a worker process died: {exc}; try --workers 1", file=sys.stderr)
        return 2
    try:
        _write_outputs(args, result)
    except OSError as exc:
        print(f"newsprov: error: {exc}", file=sys.stderr)
        return 2
    return 0 if result.articles else 1


# HTML pages are cleaned on worker processes (one per core) from this many on:
# a page costs 5-10 ms (trafilatura), and starting a worker about a second (it
# imports newsprov), so 200 pages repay it on two cores. Text articles stay in
# this process: at 0.06-0.19 ms each, cleaning and fingerprinting 100,000
# articles on two workers took 23.4 s instead of 28.0 s for real news text but
# 1.6 GB summed over the three processes instead of 1.35 GB, and 16.7 s instead
# of 15.1 s for the synthetic corpus (benchmarks/dedup_processes.py).
_POOL_MIN_PAGES = 200


@contextmanager
def _cleaners(workers: int, inputs: Sequence[Article | Rejection]) -> Iterator[Executor | None]:
    """A process pool to clean the HTML pages of ``inputs`` on, or None when it would not pay."""
    count = usable_workers(workers)
    pages = sum(1 for a in inputs if isinstance(a, Article) and a.html is not None)
    if count <= 1 or pages < _POOL_MIN_PAGES:
        yield None
        return
    # spawn, not fork: a forked child would inherit this process's threads' locks
    with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool


def _load_all(paths: Sequence[str], *, keep_going: bool, show: bool) -> list[Article | Rejection]:
    """Every item read from ``paths``: the articles, then the rejections."""
    articles: list[Article | Rejection] = []
    rejected: list[Article | Rejection] = []
    bar = tqdm(desc="loading", unit=" articles", file=sys.stderr, disable=not show, leave=False)
    with bar:
        for path in paths:
            for item in _read(path, keep_going):
                if isinstance(item, Article):
                    articles.append(item)
                    bar.update()
                else:
                    rejected.append(item)
    return articles + rejected


def _handed_over(items: list[Article | Rejection]) -> Iterator[Article | Rejection]:
    """Yield ``items`` in order, emptying the list, so that the run holds the only
    reference to each article and can let its text go once it is cleaned."""
    items.reverse()
    while items:
        yield items.pop()


def _read(path: str, keep_going: bool) -> Iterator[Article | Rejection]:
    """The items at ``path``; with ``keep_going``, a path that cannot be read is a rejection."""
    try:
        yield from iter_load(path, keep_going=keep_going)
    except (InputNotFoundError, OSError) as exc:
        if not keep_going:
            raise
        yield Rejection(path, str(exc))


class _StageBars:
    """A :data:`~newsprov.pipeline.Progress` callback drawing one tqdm bar per stage."""

    def __init__(self, *, enabled: bool) -> None:
        self._enabled = enabled
        self._stage: str | None = None
        self._bar: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self._enabled:
            return
        if stage != self._stage:
            self.close()
            self._stage = stage
            self._bar = tqdm(
                total=total, desc=stage, unit=" articles", file=sys.stderr, leave=False
            )
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> _StageBars:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _write_html(result: Result, path: str) -> None:
    write_text(to_html(result), path)


def _write_outputs(args: argparse.Namespace, result: Result) -> None:
    writers = (
        (args.json, write_json),
        (args.jsonl, write_jsonl),
        (args.groups, write_groups),
        (args.html, _write_html),
    )
    for path, write in writers:
        if not path:
            continue
        try:
            write(result, path)
        except OSError as exc:
            raise OSError(f"cannot write {path}: {exc.strerror or exc}") from None
    if args.quiet:
        return
    if any(path for path, _ in writers):
        # the outputs hold the details (one may be on stdout, and a large run's summary
        # would be a line per paragraph): only the headline, on stderr
        print(summary(result).splitlines()[0], file=sys.stderr)
    else:
        print(summary(result))
