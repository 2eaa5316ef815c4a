"""Tests of the model layer: validation at the edge, named constructors, JSON forms."""

from __future__ import annotations

import datetime as dt

import pytest

from newsprov.errors import (
    InputNotFoundError,
    InvalidArticleError,
    InvalidParamsError,
    NewsprovError,
)
from newsprov.model import (
    Article,
    Attribution,
    Match,
    Origin,
    Params,
    Result,
    parse_published,
)


def test_errors_subclass_matching_builtins() -> None:
    """Callers that catch ValueError or FileNotFoundError keep working."""
    assert issubclass(InvalidArticleError, ValueError)
    assert issubclass(InvalidArticleError, NewsprovError)
    assert issubclass(InputNotFoundError, FileNotFoundError)


@pytest.mark.parametrize("bad", ["", "   ", None, 3])
def test_article_id_must_be_a_non_empty_string(bad: object) -> None:
    """An id that is empty, blank or not a string is refused, and the message names the field."""
    with pytest.raises(InvalidArticleError, match="'id' must be a non-empty string"):
        Article(id=bad, text="Body.")  # type: ignore[arg-type]


def test_article_needs_exactly_one_of_text_and_html() -> None:
    """Neither or both of text/html is an error that says which."""
    with pytest.raises(InvalidArticleError, match="got neither"):
        Article(id="a")
    with pytest.raises(InvalidArticleError, match="got both"):
        Article(id="a", text="x", html="<p>x</p>")


def test_from_text_refuses_binary_and_non_utf8_bytes() -> None:
    """Binary or non-UTF-8 bytes give a clear error, not mojibake."""
    with pytest.raises(InvalidArticleError, match="binary"):
        Article.from_text("a", b"\x00\x01\x02abc")
    with pytest.raises(InvalidArticleError, match="UTF-8"):
        Article.from_text("a", b"caf\xe9 au lait")
    assert Article.from_text("a", "café".encode()).text == "café"


def test_from_dict_parses_published_and_refuses_unknown_fields() -> None:
    """Dates arrive as ISO strings; a misspelt field is an error, not silently dropped."""
    art = Article.from_dict({"id": "x", "text": "t", "published": "2025-04-28T10:00:00+09:00"})
    assert art.published == dt.datetime(2025, 4, 28, 1, 0, tzinfo=dt.timezone.utc)
    with pytest.raises(InvalidArticleError, match="unknown fields \\['txet'\\]"):
        Article.from_dict({"id": "x", "txet": "t"})


def test_parse_published_message_names_field_and_value() -> None:
    """An impossible date is reported with the field, the expectation and the value."""
    with pytest.raises(InvalidArticleError) as info:
        parse_published("2025-13-01")
    assert str(info.value) == (
        "'published' must be a timezone-aware datetime, a date or an ISO 8601 string "
        "(got '2025-13-01')"
    )
    with pytest.raises(InvalidArticleError, match="timezone-aware"):
        parse_published(dt.datetime(2025, 1, 1))


def test_from_path_reads_text_and_reports_missing_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A .txt file is a text article with its stem as id; a missing file is InputNotFoundError."""
    f = tmp_path / "story-1.txt"
    f.write_text("Hello world.", encoding="utf-8")
    art = Article.from_path(f)
    assert (art.id, art.text) == ("story-1", "Hello world.")
    with pytest.raises(InputNotFoundError, match="no such file"):
        Article.from_path(tmp_path / "nope.txt")


def test_params_validate_and_round_trip() -> None:
    """Params refuse out-of-range values by name and survive to_dict/from_dict."""
    with pytest.raises(InvalidParamsError, match="'lsh_threshold' must be a number in \\(0, 1\\]"):
        Params(lsh_threshold=1.5)
    with pytest.raises(InvalidParamsError, match="unknown Params fields \\['nperm'\\]"):
        Params.from_dict({"nperm": 3})
    with pytest.raises(InvalidParamsError, match="'passages' must be True when 'provenance'"):
        Params(passages=False)
    with pytest.raises(InvalidParamsError, match="'workers' must be an integer >= 0 \\(got -1\\)"):
        Params(workers=-1)
    p = Params(num_perm=256, provenance=False, passages=False, workers=2)
    assert Params.from_dict(p.to_dict()) == p


def test_params_are_frozen() -> None:
    """Params cannot be changed after construction (one run, one set of settings)."""
    p = Params()
    with pytest.raises(AttributeError):
        p.num_perm = 3  # type: ignore[misc]


def test_attribution_offsets_must_span_the_cue() -> None:
    """The offset invariant text[start:end] == cue is enforced at construction."""
    with pytest.raises(ValueError, match="must span the cue"):
        Attribution("Reuters", "Reuters reported", 0, 3)


def test_scores_and_confidences_stay_in_unit_interval() -> None:
    """A match score or an origin confidence outside [0, 1] is refused."""
    with pytest.raises(ValueError, match="'score'"):
        Match("a", 0, 1.2, "verbatim")
    with pytest.raises(ValueError, match="'confidence'"):
        Origin("Reuters", "wire", -0.1)


def test_result_to_dict_carries_schema_and_params() -> None:
    """The JSON form is tagged newsprov/1 and records the run's Params."""
    d = Result((), (), (), params=Params(num_perm=64)).to_dict()
    assert d["schema"] == "newsprov/1"
    assert d["params"]["num_perm"] == 64
