"""``Params``: every tunable of a run, in one frozen object.

Each default is explained where it is defined. A run records its Params in
its result, so a figure can always be traced to the settings that made it.

Example:
    >>> p = Params(provenance=False)
    >>> p.provenance, p.num_perm
    (False, 128)
    >>> Params(num_perm=0)
    Traceback (most recent call last):
    ...
    newsprov.errors.InvalidParamsError: 'num_perm' must be an integer >= 16 (got 0)
"""

from __future__ import annotations

from typing import Any

import attrs
from attrs import field, frozen

from newsprov.errors import InvalidParamsError

__all__ = ["Params"]


def _int_at_least(low: int) -> Any:
    def check(_inst: object, att: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise InvalidParamsError(f"{att.name!r} must be an integer >= {low} (got {value!r})")

    return check


def _fraction(_inst: object, att: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 < value <= 1.0:
        raise InvalidParamsError(f"{att.name!r} must be a number in (0, 1] (got {value!r})")


def _bool(_inst: object, att: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidParamsError(f"{att.name!r} must be True or False (got {value!r})")


@frozen(kw_only=True)
class Params:
    """Every tunable of :func:`newsprov.cluster`, with its reason.

    Pass only what you change: ``Params(provenance=False)`` is the dedup-only
    mode (cleaning, signatures and groups; no alignment or origins).
    """

    # --- the run -----------------------------------------------------------
    provenance: bool = field(default=True, validator=_bool)
    """Trace each paragraph's origin. False gives the fast dedup-only mode."""

    passages: bool = field(default=True, validator=_bool)
    """Find passages shared by otherwise different articles (a quoted statement,
    a wire paragraph): they link articles into clusters and feed provenance.
    False skips them (the command line's ``--dedup-only``): clusters are then
    the duplicate groups, and the run costs about a tenth. Provenance needs
    them, so ``provenance=True`` with ``passages=False`` is an error."""

    workers: int = field(default=0, validator=_int_at_least(0))
    """Threads for the vectorised numpy stages (signatures, LSH bands); 0 means
    one per CPU core this process may use, and more than those cores are not
    started (they would only hold more memory). Results never depend on it: the work
    is cut into the same batches and put back in order. (The command line also
    cleans runs of 200 HTML pages or more on this many worker processes.)"""

    max_chars: int = field(default=5_000_000, validator=_int_at_least(1_000))
    """Inputs longer than this many characters are rejected with a reason. The
    largest real article pages are around 2 MB of HTML; 5 M leaves room and keeps
    one pathological page from stalling a run."""

    # --- cleaning ----------------------------------------------------------
    outlet_boilerplate_min: int = field(default=3, validator=_int_at_least(2))
    """A line found in at least this many articles of the same outlet is that
    outlet's boilerplate. Two would strip a story an outlet ran twice; three is
    the smallest count that a reprint alone does not reach."""

    # --- signatures --------------------------------------------------------
    num_perm: int = field(default=128, validator=_int_at_least(16))
    """MinHash permutations. 128 estimates Jaccard within about +-0.09 (one
    standard error at J=0.5 is sqrt(J(1-J)/128) = 0.044), plenty for candidates
    that are then verified exactly."""

    seed: int = field(default=1, validator=_int_at_least(0))
    """Seed of the MinHash permutations (datasketch's default). Signatures made
    with different seeds are never compared."""

    shingle_size: int = field(default=3, validator=_int_at_least(1))
    """Words per shingle for article signatures. Word 3-grams survive the
    1-5% word edits of reprints better than 5-grams while staying specific."""

    # --- candidates and duplicate groups -----------------------------------
    lsh_threshold: float = field(default=0.3, validator=_fraction)
    """Jaccard at which the LSH bands are tuned to catch a pair. Lower than the
    verification thresholds so that truncated reprints (low Jaccard, high
    containment) still become candidates; every candidate is verified exactly."""

    duplicate_jaccard: float = field(default=0.5, validator=_fraction)
    """Exact shingle Jaccard at or above which two articles are reprints."""

    duplicate_containment: float = field(default=0.75, validator=_fraction)
    """Share of the shorter article's shingles found in the longer one at or
    above which the shorter is a (truncated) reprint of the longer. 0.75, not
    0.8: a truncated reprint with 5% word edits and OCR noise keeps only 0.7-0.85
    of its word 3-grams. Chosen on the 'tune' families of
    ``benchmarks/dedup_quality.py`` (mean ARI over corpus seeds 1-3: 0.952, vs
    0.947 at 0.8); held-out 'test' families: 0.952 (was 0.932). (Jaccard 0.4
    scored a little higher but makes a plain truncation pass as a Jaccard match.)"""

    duplicate_min_share: float = field(default=0.25, validator=_fraction)
    """The containment rule applies only when the shorter article is at least
    this share of the longer one (in shingles). Truncated reprints keep 50-90%
    of their source; a two-sentence teaser of a long article keeps 5-15% and is
    a different kind of text, linked by shared passages rather than grouped as
    a duplicate."""

    duplicate_edited_jaccard: float = field(default=0.45, validator=_fraction)
    """Exact shingle Jaccard at or above which two articles of about the same
    length (see :attr:`duplicate_edited_share`) are reprints: a reprint with 5%
    word edits and OCR-like noise keeps only 40-50% of the word 3-grams of its
    source, under :attr:`duplicate_jaccard` and, truncated as well, under
    :attr:`duplicate_containment`; an article that puts as many words of its own
    beside a wire story's text stays near 0.33. Chosen with
    ``benchmarks/dedup_quality.py --grid-edited`` on the 'tune' families (mean
    ARI over corpus seeds 1-3: 0.9607 without the rule, 0.9665 with it), as the
    best of the settings that group at most one more mixed page with its wire
    story (Jaccard 0.40 with a share of 0.85 scored 0.9675 but grouped four
    more); held-out 'test' families: 0.9581 -> 0.9643. 1.0 turns the rule off."""

    duplicate_edited_share: float = field(default=0.7, validator=_fraction)
    """The :attr:`duplicate_edited_jaccard` rule applies only when the shorter
    article is at least this share of the longer (in shingles): a whole or
    lightly cut reprint, not a short extract (which the containment rule judges)."""

    # --- shared passages ---------------------------------------------------
    passage_words: int = field(default=8, validator=_int_at_least(4))
    """A run of this many normalised words shared by two articles of different
    outlets links them. Eight words are rarely shared by chance in news text
    (stock phrases such as "said in a statement on" are six or fewer) while a
    quoted clause such as "the highest strategic level of the firm militant
    friendship" is eight."""

    passage_max_articles: int = field(default=50, validator=_int_at_least(2))
    """A word run found in more than this many articles links none of them.
    Such a run is cross-outlet boilerplate (press-release footers, legal
    notices) or wire copy whose reprints are already linked as duplicates; the
    cap bounds the work per run at 50 * 49 / 2 = 1,225 article pairs, so a phrase
    in a huge number of articles cannot make passage matching quadratic."""

    # --- alignment and provenance ------------------------------------------
    rewrite_threshold: float = field(default=0.35, validator=_fraction)
    """Weighted content-word containment at or above which one paragraph is a
    rewrite of another."""

    cluster_link_score: float = field(default=0.5, validator=_fraction)
    """An aligned paragraph pair (rewrite or quote) with at least this score
    links its two articles into one cluster. Verbatim shared passages always
    link. Higher than ``rewrite_threshold`` so that two articles on the same
    event, written separately, are matched paragraph by paragraph but not
    clustered on loose overlaps."""

    cluster_link_shared: int = field(default=8, validator=_int_at_least(1))
    """An aligned rewrite or quote pair links its two articles into one cluster
    only when its two paragraphs share at least this many distinct content
    words, besides scoring ``cluster_link_score``. A short line of topic words
    ("16-inch MacBook Pro deal roundup.", "Originally published on Live
    Science.") is contained in any paragraph on its topic and scores high on
    four or five words; such pairs still appear as matches but no longer merge
    separate stories into one cluster. Eight is about one sentence of reused
    text: on the three annotated test events (``tests/data/provenance``) the
    clusters then equal the annotation (at 4-6, a paper's and a TV station's
    own stories of an earthquake joined the wire story's cluster), and on the
    181 unrelated ScrapingHub pages the largest cluster, three stories chained
    by such lines, fell from 13 articles to 7."""

    @passages.validator
    def _passages_for_provenance(self, _att: attrs.Attribute[Any], value: bool) -> None:
        if self.provenance and not value:
            raise InvalidParamsError(
                "'passages' must be True when 'provenance' is True (got False): "
                "origins are traced through shared passages"
            )

    def to_dict(self) -> dict[str, Any]:
        """All fields as a JSON-able dict.

        Example:
            >>> Params().to_dict()["num_perm"]
            128
        """
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Params:
        """Params from a mapping of field names; unknown names are an error.

        Example:
            >>> Params.from_dict({"num_perm": 256}).num_perm
            256
        """
        known = {a.name for a in attrs.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InvalidParamsError(
                f"unknown Params fields {unknown}; expected some of {sorted(known)}"
            )
        return cls(**data)
