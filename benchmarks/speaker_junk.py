"""List paragraph origins whose speaker does not look like a speaker.

Usage:
    .venv/bin/newsprov run DIR --json OUT.json --quiet
    .venv/bin/python benchmarks/speaker_junk.py OUT.json [--all] [--diff BEFORE.json]

Reads the JSON of a ``newsprov run`` and prints every ``statement`` or
``quote`` origin whose source is junk: a single lower-case word ("matter",
"team"), a weekday or month, a number, a pronoun or quantifier ("it",
"others", "some"), or an all-capitals word not in the text as a name. Each line
is ``article-prefix paragraph | source | the cue text``; the last line counts
them. ``--all`` lists every statement/quote origin instead (for reading by
hand); ``--diff BEFORE.json`` prints the (article, paragraph) whose
statement/quote source differs between the two runs, before -> after.

The check is a heuristic for reading, not a score: a lower-case single word
can be a legitimate anonymous source ("the source said", "study").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

KINDS = frozenset({"statement", "quote"})
"""Origin kinds that name a speaker."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DATE_WORDS = _words(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec week month year"
)
_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_PRONOUNS = _words(
    "i we you he she it they me us him her them this that these those others other some "
    "another many most all both each few several one ones someone anyone everyone"
)
_ALLOWED_LOWER = _words(
    "source sources official officials spokesperson spokesman spokeswoman person people man "
    "woman doctor doctors physician physicians officer officers police suspect patient actor "
    "author authors researcher researchers scientist scientists analyst analysts expert experts "
    "president governor minister ministry government agency company companies firm brokerage "
    "office insider witness witnesses aunt uncle mother father prosecutors lawyer lawyers "
    "attendees residents study report statement letter website analysis survey paper"
)
"""Lower-case single words accepted as (anonymous) sources: a person, a body or a document."""


def junk_reason(source: str) -> str | None:
    """Why ``source`` is not a speaker's name, or None when it may be one."""
    bare = source.strip().strip("’'")
    lower = bare.lower()
    if not bare:
        return "empty"
    if lower in _PRONOUNS or lower.endswith(("'ve", "’ve")):
        return "pronoun"
    if lower in _DATE_WORDS or lower.split()[0] in _DATE_WORDS or lower.split()[-1] in _WEEKDAYS:
        return "date"
    if any(c.isdigit() for c in bare) and not any(c.isalpha() for c in bare):
        return "number"
    if lower in {"two", "three", "four", "five", "ten", "hundred", "thousand"}:
        return "number"
    if " " not in bare and bare.islower() and lower not in _ALLOWED_LOWER:
        return "lower-case word"
    return None


def _cue(paragraph: dict[str, Any], source: str) -> str:
    for attr in paragraph["attributions"]:
        if attr["source"] == source:
            return str(attr["cue"])[:100]
    return ""


def speakers(run: dict[str, Any]) -> dict[tuple[str, int], tuple[str, str]]:
    """(article id, paragraph index) -> (source, cue) of each statement/quote origin."""
    out = {}
    for article in run["articles"]:
        for para in article["paragraphs"]:
            origin = para["origin"]
            if origin["kind"] in KINDS:
                out[article["id"], para["index"]] = (origin["source"], _cue(para, origin["source"]))
    return out


def main(argv: list[str]) -> int:
    """Print the junk (or all, or changed) speakers of a run; return the exit status."""
    if not argv:
        print(__doc__)
        return 2
    after = speakers(json.loads(Path(argv[0]).read_text(encoding="utf-8")))
    if "--diff" in argv:
        before = speakers(json.loads(Path(argv[argv.index("--diff") + 1]).read_text("utf-8")))
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        for key in changed:
            old, new = before.get(key, ("-", "")), after.get(key, ("-", ""))
            print(f"{key[0][:8]} {key[1]:3} | {old[0]!r} -> {new[0]!r} | {old[1] or new[1]}")
        print(f"{len(changed)} of {len(before.keys() | after.keys())} speakers changed")
        return 0
    shown = 0
    for key, (source, cue) in sorted(after.items()):
        reason = junk_reason(source)
        if reason is not None or "--all" in argv:
            shown += 1
            print(f"{key[0][:8]} {key[1]:3} | {source!r} | {reason or ''} | {cue}")
    print(f"{shown} of {len(after)} statement/quote origins listed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
