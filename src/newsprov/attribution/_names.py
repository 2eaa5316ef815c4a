"""Resolve pronoun and short-form speakers against the speakers named before.

"he said" after "Kim Jong Un said" is Kim Jong Un; "the Commission said" after
"the Central Military Commission said" is the Central Military Commission.
Only earlier attributions of the same article are looked at, most recent first,
so the resolution is cheap and never guesses from thin air: an unresolved
"he" or "she" stays as written (the provenance stage may still place it), an
unresolved "it" or "they" is dropped (it names no one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from attrs import evolve

from newsprov.model.agencies import Registry, normalise_name
from newsprov.model.result import Attribution

__all__ = ["resolve_names"]

# Two to five capitalised words; a possessive ends a run ("North Korea’s | Central ...").
_RUN = re.compile(
    r"(?<![\w’'-])(?!(?:The|A|An|In|On|At|As|But|And|If|When|While|After|Before)\s)"
    r"[A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z][\w-]*){1,4}(?![\w’'-])"
)
LOOKBACK = 60
"""Earlier names a pronoun or short form is compared with (about a long article's worth)."""

_PERSONAL = frozenset({"he", "she"})
_OTHER = frozenset({"it", "they"})


def _person_like(name: str, registry: Registry) -> bool:
    return name.lower() not in _PERSONAL | _OTHER and registry.lookup(name) is None


def _resolve(name: str, history: list[str], registry: Registry) -> str:
    lower = name.lower()
    history = history[-LOOKBACK:]
    if lower in _PERSONAL:
        return next((h for h in reversed(history) if _person_like(h, registry)), name)
    if lower in _OTHER:
        return next((h for h in reversed(history) if h.lower() not in _PERSONAL | _OTHER), name)
    if " " in name or registry.lookup(name) is not None:
        return name
    for earlier in reversed(history):
        words = earlier.lower().split()
        if len(words) > 1 and lower in (words[0], words[-1]):
            return earlier
    return name


_HEADLINE_SHARE = 0.6
"""Share of capitalised words above which a line is a title-case headline, whose
capitalised runs ("Troops to Support Russia") are not names."""


def _headline(text: str) -> bool:
    words = [w for w in text.split() if w[0].isalpha()]
    return len(words) > 4 and sum(w[0].isupper() for w in words) >= _HEADLINE_SHARE * len(words)


_WEEKDAYS = frozenset(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
)


def _undated(name: str) -> str:
    """``name`` without weekdays at its ends ("Twitter Tuesday" -> "Twitter")."""
    words = name.split()
    while words and words[-1] in _WEEKDAYS:
        words.pop()
    while words and words[0] in _WEEKDAYS:
        words.pop(0)
    return " ".join(words)


def _runs(text: str, registry: Registry) -> list[tuple[int, str]]:
    """Capitalised names of two or more words in ``text`` ("Central Military Commission")."""
    if _headline(text):
        return []
    out = []
    for m in _RUN.finditer(text):
        name = _undated(normalise_name(m.group()))
        if " " in name and registry.lookup(name) is None:
            out.append((m.start(), name))
    return out


def _remember(history: list[str], name: str | None, inside: list[str]) -> None:
    """Add a speaker's name and the names written inside its cue to ``history``.

    Names of the apposition ("Kim, a teacher at Lincoln High School, said") go
    before the speaker's, so a later "he" means the speaker; a fuller form of
    the speaker's own name ("Keith Gambill" in "President Keith Gambill said")
    goes after it, so a later "Gambill" finds it.
    """
    last = name.split()[-1] if name else None
    history.extend(n for n in inside if n.split()[-1] != last)
    if name is not None:
        history.append(name)
    history.extend(n for n in inside if n.split()[-1] == last)


def resolve_names(
    paragraphs: list[list[Attribution]], registry: Registry, texts: Sequence[str] = ()
) -> list[list[Attribution]]:
    """The attributions with pronoun and short-form sources replaced by the full name.

    Names come from earlier attributions and, when ``texts`` (the paragraphs)
    are given, from capitalised names written earlier ("the Central Military
    Commission praised ..." lets a later "the commission said" resolve).

    Example:
        >>> reg = Registry.default()
        >>> found = [[Attribution("Kim Jong Un", "Kim Jong Un said", 0, 16, kind="speech")],
        ...          [Attribution("he", "he said", 0, 7, kind="speech"),
        ...           Attribution("Kim", "Kim said", 9, 17, kind="speech")]]
        >>> [a.source for p in resolve_names(found, reg) for a in p]
        ['Kim Jong Un', 'Kim Jong Un', 'Kim Jong Un']
    """
    history: list[str] = []
    out = []
    for index, found in enumerate(paragraphs):
        runs = _runs(texts[index], registry) if index < len(texts) else []
        resolved = []
        for attr in found:
            history.extend(name for pos, name in runs if pos < attr.start)
            inside = [name for pos, name in runs if attr.start <= pos < attr.end]
            runs = [(pos, name) for pos, name in runs if pos >= attr.end]
            name = _resolve(attr.source, history, registry)
            if name.lower() in _OTHER:
                history.extend(inside)
                continue  # "it", "they" naming nobody before them: no source
            if name != attr.source:
                attr = evolve(attr, source=name)
            _remember(history, name if attr.kind != "credit" else None, inside)
            resolved.append(attr)
        history.extend(name for _, name in runs)
        out.append(resolved)
    return out
