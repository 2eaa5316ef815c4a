"""Paragraph alignment: which paragraphs of different articles say the same thing.

Three kinds of match, each with a score in [0, 1]:

- ``verbatim``: copied text, from the shared word runs that
  :func:`newsprov.candidates.shared_passages` found; the score is the share of
  the shorter paragraph the runs cover;
- ``quote``: the same quotation, verbatim or in another translation: quoted
  spans whose content words mostly coincide ("Under the order of the head of
  state ..." and "Under the head of state's order ...");
- ``rewrite``: rewritten copy: content-word containment weighted by rarity
  (IDF over the paragraphs of the run), with numbers ("14,000") counted double
  because reporters change words but rarely figures.

Candidate pairs come from an inverted index over rare content words, so the
work grows with the pairs that share rare words, not with the square of the
number of paragraphs: copies with the same content words are aligned once as
a group, a very frequent word pairs each paragraph only with its neighbours in
its posting list, and a paragraph much longer than the other (a page that runs
several paragraphs together) is compared window by window of sentences.

Example:
    >>> paras = {
    ...     "a": ["North Korea sent 14,000 troops and 3,000 reinforcements, officials said."],
    ...     "b": ["Officials said North Korea sent about 14,000 troops, 3,000 reinforcements."],
    ... }
    >>> [(p.a, p.b, p.kind) for p in align(paras, (), Params())]
    [('a', 'b', 'rewrite')]
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from attrs import frozen

from newsprov.candidates import PassageLink
from newsprov.model import ArticleId, Match, MatchKind, Params

__all__ = ["AlignedPair", "align", "content_stems", "matches_by_paragraph", "quoted_spans"]

ParagraphKey = tuple[ArticleId, int]

_WORD = re.compile(r"\d+(?:[,.]\d+)*|[^\W_]+(?:[’'][^\W_]+)*")
_QUOTE = re.compile(r"[\"“”]([^\"“”]{12,2000})[\"“”]")
_STOPWORD_TEXT = (
    "a about above after again against all also am an and any are as at be because been "
    "before being below between both but by can could did do does doing down during each "
    "few for from further had has have having he her here hers herself him himself his "
    "how i if in into is it its itself just me more most my myself no nor not now of off "
    "on once only or other our ours ourselves out over own same she should so some such "
    "than that the their theirs them themselves then there these they this those through "
    "to too under until up very was we were what when where which while who whom why will "
    "with would you your yours yourself said says say told tell according reported "
    "reports report stated statement added monday tuesday wednesday thursday friday "
    "saturday sunday week last first one new mr ms mrs"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# A stem is the lower-cased word without a possessive or plural "s", cut to six
# letters: "Russia"/"Russian", "country"/"countries" and "deploy"/"deployment"
# meet, while distinct news words rarely collide within six letters.
_STEM_LEN = 6
# Rare-word candidates: a word in more than this share of all paragraphs (and
# in more than _MIN_DF_CAP of them) is too common to propose pairs. It still
# counts in the score, where its IDF weight is low anyway.
_MAX_DF_SHARE = 0.2
_MIN_DF_CAP = 8
# Pairs must share at least this many distinct content stems to be scored:
# fewer is chance overlap ("North Korea ... Russia").
_MIN_SHARED = 4
# A quoted span must hold this many content stems to be compared as a quote.
_MIN_QUOTE_STEMS = 5
# A paragraph holding more than this many times the other's content stems (a
# page that runs several paragraphs together) is compared sentence window by
# sentence window: a rewrite sits in one place of it, while a paragraph that
# merely repeats the event's facts gathers them from all over.
_WINDOW_RATIO = 2.0
# A window grows, sentence by sentence, to at most this many times the
# shorter paragraph's content stems (rewrites add words).
_WINDOW_SLACK = 1.5
# A window holds at least this many sentences: a rewrite may merge two.
_WINDOW_MIN = 2
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])")
# IDF is log(paragraphs / document frequency), not smoothed with +1: the words
# of the event itself ("North", "Korea", "troops" in most paragraphs of one
# cluster) then weigh almost nothing, and a short paragraph made of them no
# longer looks contained in every other. The floor keeps a word that is in
# every paragraph from weighing exactly zero. (Seeds: 21 -> 15 links beyond
# the annotation, the six dropped all wrong, none annotated lost.)
_MIN_IDF = 0.05
# Copies of one paragraph (the same content stems) are aligned once; each copy
# is then linked to this many members of a matching group (and of its own), so
# a paragraph reprinted a thousand times costs thousands of links, not half a
# million, while every copy still reaches the first (usually credited) ones.
_GROUP_LINKS = 8
# A stem in more distinct paragraphs than this pairs each posting only with
# the next _POSTING_WINDOW ones: copies of one text sit close together in every
# posting list they share, and no stem costs more than linear work.
_POSTING_FULL = 64
_POSTING_WINDOW = 32
# Verbatim runs covering at least this share of the shorter paragraph make the
# pair a verbatim copy even when a rewrite or quote score is also present.
_VERBATIM_COVER = 0.5


@frozen
class AlignedPair:
    """Paragraph ``pa`` of article ``a`` matches paragraph ``pb`` of ``b`` (``a < b``)."""

    a: ArticleId
    pa: int
    b: ArticleId
    pb: int
    score: float
    kind: MatchKind
    shared: int = 0
    """Distinct content words (stems) the two paragraphs have in common: how much
    text the match stands on, whatever its score."""


def content_stems(text: str) -> list[str]:
    """The content words of ``text`` as stems, in order (numbers without separators).

    Example:
        >>> content_stems("Russia's troops: 14,000 Russian soldiers")
        ['russia', 'troop', '14000', 'russia', 'soldie']
    """
    out = []
    for raw in _WORD.findall(text):
        word = raw.lower().replace("’", "'")
        if word[0].isdigit():
            out.append(re.sub(r"[,.]", "", word))
            continue
        word = word.removesuffix("'s")
        if word in _STOPWORDS or len(word) < 2:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word[:_STEM_LEN])
    return out


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (without the marks) of the double-quoted passages in ``text``.

    Example:
        >>> t = 'He said "we cannot continue to dedicate time" today.'
        >>> [t[s:e] for s, e in quoted_spans(t)]
        ['we cannot continue to dedicate time']
    """
    return [m.span(1) for m in _QUOTE.finditer(text)]


def align(
    paragraphs: Mapping[ArticleId, Sequence[str]],
    passages: Iterable[PassageLink],
    params: Params,
) -> tuple[AlignedPair, ...]:
    """Every matching paragraph pair across different articles, best kind per pair.

    Paragraphs with the same content words are aligned once, as a group; each
    copy is linked to the first few members of every group it matches (and of
    its own), so mass reprints cost links in proportion to their number.

    Example:
        >>> align({"a": ["Short."], "b": ["Other."]}, (), Params())
        ()
    """
    keys = [(aid, i) for aid in sorted(paragraphs) for i in range(len(paragraphs[aid]))]
    stems = {k: frozenset(content_stems(paragraphs[k[0]][k[1]])) for k in keys}
    weights = _idf(stems.values())
    best: dict[tuple[ParagraphKey, ParagraphKey], tuple[int, float, MatchKind]] = {}
    for link in passages:
        pair = ((link.a, link.pa), (link.b, link.pb))
        _keep(best, pair, 3 if link.score >= _VERBATIM_COVER else 0, link.score, "verbatim")
    quotes = {k: _quote_stems(paragraphs[k[0]][k[1]]) for k in keys}
    groups = _groups(stems)
    totals = {g: sum(weights[s] for s in stems[g]) for g in groups}
    threshold = params.rewrite_threshold
    sentences: dict[ParagraphKey, list[set[str]]] = {}
    for a, b in [*((g, g) for g in sorted(groups)), *_candidates({g: stems[g] for g in groups})]:
        common = stems[a] & stems[b]
        quoted = bool(quotes[a] or quotes[b])
        if len(common) < _MIN_SHARED and not quoted:
            continue
        small, large = (a, b) if (totals[a], a) <= (totals[b], b) else (b, a)
        r = sum(weights[s] for s in common) / totals[small] if totals[small] else 0.0
        if r >= threshold and len(stems[large]) > _WINDOW_RATIO * len(stems[small]):
            if large not in sentences:
                sentences[large] = _sentence_stems(paragraphs[large[0]][large[1]])
            r = _window_score(stems[small], sentences[large], weights)
        if len(common) < _MIN_SHARED:
            r = 0.0
        if r < threshold and not quoted:
            continue
        for pair in _links(groups[a], groups[b]):
            q = _quote_score(quotes[pair[0]], quotes[pair[1]]) if quoted else 0.0
            if q >= threshold:
                _keep(best, pair, 2, q, "quote")
            if r >= threshold:
                _keep(best, pair, 1, r, "rewrite")
    return tuple(
        AlignedPair(*x, *y, round(min(1.0, score), 4), kind, len(stems[x] & stems[y]))
        for (x, y), (_, score, kind) in sorted(best.items())
    )


def _groups(stems: Mapping[ParagraphKey, frozenset[str]]) -> dict[ParagraphKey, list[ParagraphKey]]:
    """Paragraphs with the same content stems, keyed by their first member."""
    by_set: dict[frozenset[str], list[ParagraphKey]] = defaultdict(list)
    for key in sorted(stems):
        if stems[key]:
            by_set[stems[key]].append(key)
    return {members[0]: members for members in by_set.values()}


def _links(
    xs: Sequence[ParagraphKey], ys: Sequence[ParagraphKey]
) -> list[tuple[ParagraphKey, ParagraphKey]]:
    """Pairs across two groups (or within one): every member with the other's first few."""
    if len(xs) == 1 and len(ys) == 1:
        x, y = xs[0], ys[0]
        return [] if x[0] == y[0] else [(x, y) if x < y else (y, x)]
    pairs = {(x, y) for x in xs for y in ys[:_GROUP_LINKS]}
    pairs |= {(x, y) for x in xs[:_GROUP_LINKS] for y in ys}
    return sorted((min(p), max(p)) for p in pairs if p[0][0] != p[1][0])


def matches_by_paragraph(pairs: Iterable[AlignedPair]) -> dict[ParagraphKey, tuple[Match, ...]]:
    """Each paragraph's matches in other articles, best score first.

    Example:
        >>> m = matches_by_paragraph([AlignedPair("a", 0, "b", 2, 0.9, "verbatim")])
        >>> m[("b", 2)]
        (Match(article='a', paragraph=0, score=0.9, kind='verbatim'),)
    """
    out: dict[ParagraphKey, list[Match]] = defaultdict(list)
    for p in pairs:
        out[(p.a, p.pa)].append(Match(p.b, p.pb, p.score, p.kind))
        out[(p.b, p.pb)].append(Match(p.a, p.pa, p.score, p.kind))
    return {
        key: tuple(sorted(ms, key=lambda m: (-m.score, m.article, m.paragraph)))
        for key, ms in sorted(out.items())
    }


def _keep(
    best: dict[tuple[ParagraphKey, ParagraphKey], tuple[int, float, MatchKind]],
    pair: tuple[ParagraphKey, ParagraphKey],
    rank: int,
    score: float,
    kind: MatchKind,
) -> None:
    if pair[0][0] == pair[1][0]:
        return
    pair = (pair[0], pair[1]) if pair[0] < pair[1] else (pair[1], pair[0])
    if pair not in best or (rank, score) > best[pair][:2]:
        best[pair] = (rank, score, kind)


def _idf(stem_sets: Iterable[frozenset[str]]) -> dict[str, float]:
    sets = list(stem_sets)
    df = Counter(s for stems in sets for s in stems)
    n = max(len(sets), 1)
    return {
        s: max(math.log(n / d), _MIN_IDF) * (2.0 if s[0].isdigit() and len(s) > 1 else 1.0)
        for s, d in df.items()
    }


def _candidates(
    stems: Mapping[ParagraphKey, frozenset[str]],
) -> list[tuple[ParagraphKey, ParagraphKey]]:
    """Paragraph pairs sharing at least two rare stems, from an inverted index.

    A stem in more than ``_POSTING_FULL`` paragraphs pairs each of them only
    with the next ``_POSTING_WINDOW`` in its (sorted) posting list, so no stem
    costs more than linear work.
    """
    ordered = sorted(stems)
    postings: dict[str, list[int]] = defaultdict(list)
    for number, key in enumerate(ordered):
        for s in stems[key]:
            postings[s].append(number)
    cap = max(_MIN_DF_CAP, int(_MAX_DF_SHARE * len(stems)))
    n = len(ordered)
    shared: Counter[int] = Counter()  # pair (i, j) as i * n + j: cheaper to hash than keys
    for numbers in postings.values():
        if len(numbers) > cap:
            continue
        reach = len(numbers) if len(numbers) <= _POSTING_FULL else _POSTING_WINDOW
        for i, x in enumerate(numbers):
            shared.update(x * n + y for y in numbers[i + 1 : i + 1 + reach])
    return [
        (ordered[p // n], ordered[p % n]) for p in sorted(p for p, c in shared.items() if c >= 2)
    ]


def _sentence_stems(text: str) -> list[set[str]]:
    return [set(content_stems(part)) for part in _SENTENCE.split(text)]


def _window_score(
    small: frozenset[str], sentences: Sequence[set[str]], weights: Mapping[str, float]
) -> float:
    """The best containment of ``small`` in a run of consecutive sentences of a long paragraph."""
    total = sum(weights[s] for s in small)
    budget = _WINDOW_SLACK * len(small)
    best = 0.0
    for i in range(len(sentences)):
        window: set[str] = set()
        for j, sentence in enumerate(sentences[i:]):
            if j >= _WINDOW_MIN and len(window | sentence) > budget:
                break
            window |= sentence
        common = small & window
        if len(common) >= _MIN_SHARED and total:
            best = max(best, sum(weights[s] for s in common) / total)
    return best


def _quote_stems(text: str) -> list[set[str]]:
    spans = (set(content_stems(text[s:e])) for s, e in quoted_spans(text))
    return [q for q in spans if len(q) >= _MIN_QUOTE_STEMS]


def _quote_score(xs: Sequence[set[str]], ys: Sequence[set[str]]) -> float:
    best = 0.0
    for x in xs:
        for y in ys:
            common = len(x & y)
            if common >= _MIN_QUOTE_STEMS:
                best = max(best, common / min(len(x), len(y)))
    return best
