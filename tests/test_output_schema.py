"""The JSON output validates against the schema published in docs/output.md."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import newsprov

DOC = Path(__file__).resolve().parent.parent / "docs" / "output.md"


def _schema() -> dict[str, Any]:
    blocks = re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 1, "docs/output.md must hold exactly one JSON Schema block"
    schema: dict[str, Any] = json.loads(blocks[0])
    return schema


def test_schema_in_docs_is_a_valid_json_schema() -> None:
    """The schema published in the docs is itself valid draft 2020-12."""
    jsonschema.Draft202012Validator.check_schema(_schema())


@pytest.mark.parametrize("provenance", [True, False])
def test_seeds_output_validates_against_docs(provenance: bool) -> None:
    """Real output on the seeds, full and dedup-only, satisfies the documented contract."""
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    result = newsprov.cluster(newsprov.load(seeds), params=newsprov.Params(provenance=provenance))
    data = json.loads(json.dumps(result.to_dict()))
    jsonschema.Draft202012Validator(_schema()).validate(data)
    assert len(data["articles"]) == 5


def test_schema_rejects_output_missing_a_field() -> None:
    """The schema has teeth: dropping a documented field fails validation."""
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    data = newsprov.cluster(
        newsprov.load(seeds), params=newsprov.Params(provenance=False)
    ).to_dict()
    del data["articles"][0]["credits"]
    with pytest.raises(jsonschema.ValidationError, match="credits"):
        jsonschema.Draft202012Validator(_schema()).validate(data)
