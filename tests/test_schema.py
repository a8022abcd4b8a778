"""`maturity schema NAME` prints the JSON Schema generated from the models."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from maturity.cli import app
from maturity.schema.answers import RATING_ALIASES, RATINGS, Answer


@pytest.mark.parametrize(
    ("name", "required"),
    [
        ("answers", {"format", "questionnaire", "organisation", "assessment"}),
        ("result", {"level", "score", "levels", "requirements", "weights"}),
        ("questionnaire", {"id", "version", "model"}),
        ("rules", {"scale", "gate", "bands", "weights"} - {"scale"}),
        ("subdomain", {"subdomain"}),
    ],
)
def test_schema_is_json_schema(name: str, required: set[str]) -> None:
    result = CliRunner().invoke(app, ["schema", name])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert required <= set(schema.get("required", []))
    assert schema.get("additionalProperties") is False  # extra="forbid" reaches the editors too


def _answers_schema() -> dict[str, Any]:
    result = CliRunner().invoke(app, ["schema", "answers"])
    assert result.exit_code == 0
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def test_answers_schema_documents_the_short_form() -> None:
    answer = _answers_schema()["properties"]["answers"]["additionalProperties"]["anyOf"]
    assert [a.get("description") for a in answer[:2]] == [
        "short form: the rating alone",
        "quick scan: the chosen level",
    ]
    assert {"type": "null", "description": "left blank: unanswered"} in answer


def _accepts(schema: dict[str, Any], value: object) -> bool:
    """The part of JSON Schema the rating uses (anyOf, enum, type, pattern, minimum/maximum); jsonschema is
    not a dependency. Patterns are the ECMA-262 subset that Python's re reads the same way."""
    if "anyOf" in schema:
        return any(_accepts(branch, value) for branch in schema["anyOf"])
    kind = schema.get("type")
    if kind == "string" and not isinstance(value, str):
        return False
    if kind == "integer" and (not isinstance(value, int) or isinstance(value, bool)):
        return False
    if kind == "null" and value is not None:
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if "pattern" in schema and not re.search(schema["pattern"], str(value)):
        return False
    return (
        schema.get("minimum", value) <= value <= schema.get("maximum", value)
        if isinstance(value, int)
        else True
    )


# what people type, right and wrong; a quoted number ("3") is left out: the loader reads it as the
# level, the schema asks for the number itself
SAMPLES: tuple[object, ...] = (
    *RATINGS,
    *RATING_ALIASES,
    "Full",
    " MOST ",
    "N/A",
    "NA",
    " 不适用 ",
    "excellent",
    "fully",
    "n.a.",
    "",
    "全部",
    0,
    5,
    6,
    -1,
    2.5,
    True,
)


@pytest.mark.parametrize("value", SAMPLES, ids=repr)
def test_answers_schema_accepts_the_ratings_the_loader_accepts(value: object) -> None:
    properties = _answers_schema()["properties"]["answers"]["additionalProperties"]
    short_form = {"anyOf": [b for b in properties["anyOf"] if b.get("type") != "object"]}
    long_form = next(b for b in properties["anyOf"] if b.get("type") == "object")["properties"][
        "rating"
    ]
    try:
        Answer.parse(value)
        loads = True
    except ValidationError:
        loads = False
    assert _accepts(short_form, value) is loads
    assert _accepts(long_form, value) is loads


def test_answers_schema_lists_the_ratings_for_editors() -> None:
    long_form = next(
        b
        for b in _answers_schema()["properties"]["answers"]["additionalProperties"]["anyOf"]
        if b.get("type") == "object"
    )
    [ratings, levels] = long_form["properties"]["rating"]["anyOf"]
    assert ratings["anyOf"][0]["enum"] == [*RATINGS, *RATING_ALIASES]
    assert levels == {
        "type": "integer",
        "minimum": 0,
        "maximum": 5,
        "description": "quick scan: the chosen level",
    }
