"""The pipeline: the only module that knows the order of the stages.

:func:`cluster` turns inputs into a :class:`~newsprov.model.Result` by running
one short loop over stages. Each stage is a function from the run's state to
the next state; the stages themselves live in their own modules (clean,
fingerprint, candidates, grouping, align, attribution, provenance) and know
nothing of one another.

Example:
    >>> import newsprov
    >>> result = newsprov.cluster(newsprov.load("seeds"), params=newsprov.Params(provenance=False))
    >>> sorted(len(g) for g in result.duplicate_groups)
    [1, 1, 1, 1, 1]
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from itertools import repeat
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

from attrs import evolve, field, frozen

from newsprov.align import AlignedPair, align, matches_by_paragraph
from newsprov.attribution import extract
from newsprov.candidates import PairScore, PassageLink, duplicate_pairs, shared_passages
from newsprov.clean import clean_article, strip_outlet_boilerplate
from newsprov.errors import InputNotFoundError, InvalidArticleError, NewsprovError
from newsprov.fingerprint import Fingerprint, SketchSpec, batched, fingerprint_batch
from newsprov.grouping import clusters, duplicate_groups
from newsprov.inputs import Loaded, iter_load
from newsprov.model import (
    Article,
    ArticleId,
    ArticleResult,
    Attribution,
    Cleaned,
    Match,
    Origin,
    Paragraph,
    Params,
    Registry,
    Rejection,
    Result,
)
from newsprov.provenance import Doc, trace

__all__ = ["ArticleInput", "Inputs", "Progress", "cluster"]

ArticleInput: TypeAlias = "Article | Rejection | Mapping[str, Any] | str | os.PathLike[str]"
"""One input: an :class:`~newsprov.model.Article`, a dict in the JSONL shape
(``id``, ``text`` or ``html``, ``url``, ``outlet``, ``published``), a path to a
file, a directory, a ``.jsonl`` or a WARC file, or a
:class:`~newsprov.model.Rejection` (an input a reader could not use, such as
``iter_load(..., keep_going=True)`` yields), carried into ``Result.rejected``."""

Inputs: TypeAlias = "Iterable[ArticleInput] | Loaded | str | os.PathLike[str]"
"""What :func:`cluster` takes: many inputs, a :class:`~newsprov.inputs.Loaded`, or one path."""

ParagraphKey = tuple[ArticleId, int]
_T = TypeVar("_T")

Progress: TypeAlias = Callable[[str, int, int], None]
"""Told ``(stage, done, total)`` after each article of a per-article stage."""


_Sketched: TypeAlias = "tuple[tuple[str, ...], Fingerprint]"
"""An article's paragraphs as cleaned, and their fingerprint."""
_Outcome: TypeAlias = "tuple[Cleaned | Rejection, Fingerprint | None]"
"""One article cleaned (or the reason it cannot be used), and its fingerprint if made."""


@frozen
class _State:
    """Everything one run knows so far; each stage returns an evolved copy."""

    params: Params
    registry: Registry
    articles: list[Article] = field(factory=list)
    """The run's own list of inputs, emptied by :func:`_clean` as it cleans them."""
    rejected: tuple[Rejection, ...] = ()
    urls: Mapping[ArticleId, str | None] = field(factory=dict)
    cleaned: Mapping[ArticleId, Cleaned] = field(factory=dict)
    sketched: Mapping[ArticleId, _Sketched] = field(factory=dict)
    """Fingerprints made with the cleaning (on ``executor``), with the paragraphs they
    were made of; :func:`_fingerprint` takes those whose article is unchanged."""
    fingerprints: tuple[Fingerprint, ...] = ()
    duplicate_pairs: tuple[PairScore, ...] = ()
    passages: tuple[PassageLink, ...] = ()
    aligned: tuple[AlignedPair, ...] = ()
    attributions: Mapping[ArticleId, tuple[tuple[Attribution, ...], ...]] = field(factory=dict)
    origins: Mapping[ArticleId, tuple[Origin, ...]] = field(factory=dict)
    progress: Progress | None = None
    executor: Executor | None = None


Stage: TypeAlias = Callable[[_State], _State]
"""A pipeline stage: the state of the run in, the next state out."""


def cluster(
    articles: Inputs,
    *,
    params: Params | None = None,
    registry: Registry | None = None,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> Result:
    """Clean, deduplicate, group and trace ``articles``; inputs that cannot be used are
    reported in ``Result.rejected``, never dropped.

    ``params`` holds every tunable (``Params(provenance=False)`` is dedup-only);
    ``registry`` names the known sources (default: :meth:`Registry.default`);
    ``progress(stage, done, total)``, when given, is called after each article of
    the per-article stages (``clean``, ``attribute``), e.g. to draw a progress bar.
    ``executor`` (say a ``concurrent.futures.ProcessPoolExecutor``), when given,
    cleans and fingerprints the articles in chunks on it (cleaning is the
    slowest stage for HTML pages and, in pure Python, for long texts); the
    result is the same. newsprov never starts processes itself: the caller
    owns the executor (the command line makes one for large runs). Python's
    cyclic garbage collector is paused during the run (it makes no cycles) and
    restored after it.

    Example:
        >>> r = cluster([{"id": "a", "text": "SEOUL (Reuters) - North Korea said on Monday it "
        ...               "had sent troops to Russia, its state media reported."}])
        >>> r.articles[0].paragraphs[0].origin.source
        'Reuters'
    """
    params = params or Params()
    registry = registry or Registry.default()
    state = _State(params, registry, progress=progress, executor=executor)
    with _collector_paused():
        state = evolve(state, **_coerce(articles, params))
        for stage in _stages(params):
            state = stage(state)
        return _result(state)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for a run, then restored as it was.

    A run builds millions of long-lived objects (paragraph strings, cleaned
    articles, results) and no reference cycles (none found after cleaning the
    181 ScrapingHub pages), so the collector's repeated passes over them find
    nothing; at 100,000 articles they took 9 of 23 s. Everything a run drops is
    still freed at once by reference counting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _stages(params: Params) -> tuple[Stage, ...]:
    dedup: tuple[Stage, ...] = (_clean, _outlet_boilerplate, _fingerprint, _duplicates)
    if not params.passages:
        return dedup
    if not params.provenance:
        return (*dedup, _passages)
    return (*dedup, _passages, _align, _attribute, _trace)


# --- inputs ----------------------------------------------------------------


def _coerce(inputs: Inputs, params: Params) -> dict[str, Any]:
    items: Iterable[Any]
    if isinstance(inputs, (str, os.PathLike)):
        items = [inputs]
    elif isinstance(inputs, Loaded):
        items = [*inputs.articles, *inputs.rejected]
    else:
        items = inputs
    articles: list[Article] = []
    rejected: list[Rejection] = []
    seen: dict[ArticleId, int] = {}
    for number, item in enumerate(items):
        for got in _expand(item, number):
            if isinstance(got, Rejection):
                rejected.append(got)
            elif got.id in seen:
                why = f"duplicate id (input #{number}; first used by input #{seen[got.id]})"
                rejected.append(Rejection(got.id, why))
            elif _size(got) > params.max_chars:
                why = f"{_size(got):,} characters, more than Params.max_chars={params.max_chars:,}"
                rejected.append(Rejection(got.id, why))
            else:
                seen[got.id] = number
                articles.append(got)
    return {"articles": articles, "rejected": tuple(rejected)}


def _expand(item: object, number: int) -> Iterable[Article | Rejection]:
    try:
        if isinstance(item, (Article, Rejection)):
            return [item]
        if isinstance(item, Mapping):
            return [Article.from_dict(item)]
        if isinstance(item, (str, Path, os.PathLike)):
            return list(iter_load(item, keep_going=True))
    except InputNotFoundError as exc:
        return [Rejection(str(item), str(exc))]
    except (NewsprovError, ValueError, TypeError) as exc:
        ident = item.get("id") if isinstance(item, Mapping) else None
        return [Rejection(str(ident or f"input #{number}"), str(exc))]
    why = f"expected an Article, a dict or a path (got {type(item).__name__})"
    return [Rejection(f"input #{number}", why)]


def _size(article: Article) -> int:
    return len(article.text if article.text is not None else article.html or "")


# --- stages ----------------------------------------------------------------


def _clean(state: _State) -> _State:
    cleaned: dict[ArticleId, Cleaned] = {}
    sketched: dict[ArticleId, _Sketched] = {}
    rejected = list(state.rejected)
    keys = [(a.id, a.url) for a in state.articles]
    outcomes = _clean_outcomes(state)
    for (aid, _), (got, fp) in zip(_ticking(state, "clean", keys), outcomes, strict=True):
        if isinstance(got, Rejection):
            rejected.append(got)
            continue
        cleaned[aid] = got
        if fp is not None:
            sketched[aid] = (got.paragraphs, fp)
    urls = {aid: url for aid, url in keys if aid in cleaned}
    return evolve(
        state,
        articles=[],
        urls=urls,
        cleaned=cleaned,
        sketched=sketched,
        rejected=tuple(rejected),
    )


# Articles per task given to an executor: the registry (about 8 KB pickled)
# travels once per task, and progress still moves every few hundred articles.
_CLEAN_CHUNK = 256


def _clean_outcomes(state: _State) -> Iterator[_Outcome]:
    """Each article cleaned, in order: here, or in chunks on ``state.executor``,
    where each chunk is fingerprinted too (one thread per process): the Python
    cleaning and the numpy fingerprinting then both run on every worker, and the
    fingerprints of the articles the outlet stage leaves unchanged are kept.

    The articles are taken out of the run's list as they go, so that an
    article's raw text is freed once it is cleaned when the caller holds no
    other reference (the command line hands its inputs over): at 100,000
    articles of real news text, about 200 MB off the peak.
    """
    arts = _taken(state.articles)
    if state.executor is None:
        return ((_clean_one(a, state.registry), None) for a in arts)
    spec = SketchSpec.from_params(state.params)
    chunks = batched(arts, _CLEAN_CHUNK)
    done = state.executor.map(_clean_chunk, chunks, repeat(state.registry), repeat(spec))
    return (got for chunk in done for got in chunk)


def _taken(items: list[_T]) -> Iterator[_T]:
    """Each of ``items`` in order, removed from the list as it is yielded."""
    items.reverse()
    while items:
        yield items.pop()


def _clean_chunk(
    articles: Sequence[Article], registry: Registry, spec: SketchSpec
) -> list[_Outcome]:
    """Clean a chunk of articles and fingerprint what is left of them (an executor's
    task: module level, so it pickles)."""
    outs = [_clean_one(a, registry) for a in articles]
    kept = [
        (a.id, _joined(o)) for a, o in zip(articles, outs, strict=True) if isinstance(o, Cleaned)
    ]
    fps = iter(fingerprint_batch(kept, spec, workers=1))
    return [(o, next(fps) if isinstance(o, Cleaned) else None) for o in outs]


def _joined(cleaned: Cleaned) -> str:
    """The text an article's fingerprint is made of: its paragraphs, blank-line separated."""
    return "\n\n".join(cleaned.paragraphs)


def _clean_one(art: Article, registry: Registry) -> Cleaned | Rejection:
    """One article cleaned, or the reason it cannot be used."""
    try:
        result = clean_article(art, registry=registry)
    except InvalidArticleError as exc:
        return Rejection(art.id, str(exc))
    except Exception as exc:
        return Rejection(art.id, f"cleaner failed: {type(exc).__name__}: {exc}")
    if not result.paragraphs:
        why = "; ".join(sorted({r.reason for r in result.removed})) or "nothing extracted"
        return Rejection(art.id, f"no article text left after cleaning ({why})")
    return result


def _outlet_boilerplate(state: _State) -> _State:
    outlets = {aid: c.outlet for aid, c in state.cleaned.items()}
    stripped = strip_outlet_boilerplate(
        state.cleaned, outlets, min_articles=state.params.outlet_boilerplate_min
    )
    return evolve(state, cleaned=stripped)


def _fingerprint(state: _State) -> _State:
    spec = SketchSpec.from_params(state.params)
    ready = {
        aid: fp
        for aid, (paragraphs, fp) in state.sketched.items()
        if state.cleaned[aid].paragraphs == paragraphs  # not changed by the outlet stage
    }
    ids = sorted(state.cleaned)
    items = ((aid, _joined(state.cleaned[aid])) for aid in ids if aid not in ready)
    made = iter(fingerprint_batch(items, spec, workers=state.params.workers))
    fps = tuple(ready[aid] if aid in ready else next(made) for aid in ids)
    return evolve(state, fingerprints=fps, sketched={})


def _duplicates(state: _State) -> _State:
    # Only groups and clusters are made of the pairs: skip those that cannot change them.
    pairs = duplicate_pairs(state.fingerprints, state.params, spanning=True)
    # No later stage reads the fingerprints: letting them go lowers the peak
    # (about 2.7 KB per article of shingles and signature).
    return evolve(state, duplicate_pairs=tuple(pairs), fingerprints=())


def _passages(state: _State) -> _State:
    paragraphs = {aid: c.paragraphs for aid, c in state.cleaned.items()}
    outlets = {aid: c.outlet for aid, c in state.cleaned.items()}
    links = shared_passages(paragraphs, outlets, state.params)
    return evolve(state, passages=tuple(links))


def _align(state: _State) -> _State:
    paragraphs = {aid: c.paragraphs for aid, c in state.cleaned.items()}
    return evolve(state, aligned=align(paragraphs, state.passages, state.params))


def _attribute(state: _State) -> _State:
    items = _ticking(state, "attribute", sorted(state.cleaned.items()))
    found = {aid: extract(c.paragraphs, state.registry) for aid, c in items}
    return evolve(state, attributions=found)


def _trace(state: _State) -> _State:
    docs = [
        Doc(aid, c.outlet, c.published, c.credits, c.paragraphs, state.attributions[aid])
        for aid, c in sorted(state.cleaned.items())
    ]
    matches = matches_by_paragraph(state.aligned)
    return evolve(state, origins=trace(docs, matches, state.registry))


def _ticking(state: _State, stage: str, items: Sequence[_T]) -> Iterator[_T]:
    for done, item in enumerate(items, start=1):
        yield item
        if state.progress is not None:
            state.progress(stage, done, len(items))


# --- the result ------------------------------------------------------------


def _result(state: _State) -> Result:
    ids = sorted(state.cleaned)
    urls = state.urls
    groups = duplicate_groups(ids, state.duplicate_pairs)
    matches = matches_by_paragraph(state.aligned)
    edges = [(p.a, p.b) for p in state.duplicate_pairs]
    edges += [(link.a, link.b) for link in state.passages]
    edges += [(p.a, p.b) for p in state.aligned if _links_clusters(p, state.params)]
    return Result(
        articles=tuple(_article_result(state, aid, urls[aid], matches) for aid in ids),
        duplicate_groups=groups,
        clusters=clusters(ids, edges),
        rejected=tuple(sorted(state.rejected, key=lambda r: (r.id, r.reason))),
        params=state.params,
    )


def _links_clusters(pair: AlignedPair, params: Params) -> bool:
    """Whether an aligned paragraph pair is enough reused text to link two articles."""
    return pair.score >= params.cluster_link_score and pair.shared >= params.cluster_link_shared


def _article_result(
    state: _State,
    aid: ArticleId,
    url: str | None,
    matches: Mapping[ParagraphKey, tuple[Match, ...]],
) -> ArticleResult:
    c = state.cleaned[aid]
    origins = state.origins.get(aid)
    attributions = state.attributions.get(aid)
    if origins is None and attributions is None and not matches:  # dedup-only: text alone
        plain = tuple(map(Paragraph, range(len(c.paragraphs)), c.paragraphs))
        return _article(aid, url, c, plain)
    paragraphs = tuple(
        Paragraph(
            index=i,
            text=text,
            origin=origins[i] if origins else None,
            attributions=attributions[i] if attributions else (),
            matches=matches.get((aid, i), ()),
        )
        for i, text in enumerate(c.paragraphs)
    )
    return _article(aid, url, c, paragraphs)


def _article(
    aid: ArticleId, url: str | None, c: Cleaned, paragraphs: tuple[Paragraph, ...]
) -> ArticleResult:
    return ArticleResult(
        id=aid,
        title=c.title,
        outlet=c.outlet,
        published=c.published,
        url=url,
        credits=c.credits,
        removed=c.removed,
        paragraphs=paragraphs,
    )
