"""`maturity schema NAME` prints the JSON Schema generated from the models."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from maturity.cli import app


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


def test_answers_schema_documents_the_short_form() -> None:
    schema = json.loads(CliRunner().invoke(app, ["schema", "answers"]).stdout)
    answer = schema["properties"]["answers"]["additionalProperties"]["anyOf"]
    assert {"type": "string", "description": "short form: the rating alone"} in answer
    assert {"type": "null", "description": "left blank: unanswered"} in answer
