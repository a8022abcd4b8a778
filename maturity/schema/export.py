"""JSON Schemas of the file formats, generated from the pydantic models (the models are the
schema)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from maturity.schema.answers import AnswerFile
from maturity.schema.questionnaire import QuestionnaireHeader, SubdomainFile
from maturity.schema.result import AssessmentResult
from maturity.schema.rules import ScoringRules

MODELS: dict[str, type[BaseModel]] = {
    "questionnaire": QuestionnaireHeader,
    "subdomain": SubdomainFile,
    "answers": AnswerFile,
    "rules": ScoringRules,
    "result": AssessmentResult,
}


def json_schema(name: str) -> dict[str, Any]:
    schema = MODELS[name].model_json_schema(
        mode="validation" if name != "result" else "serialization"
    )
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
