"""Schema of an answer file (``format: maturity-answers/1``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, WithJsonSchema, field_validator

from maturity.schema.base import (
    DEFAULT_PROFILE,
    PROFILES_OF_TYPE,
    EnterpriseType,
    Frozen,
    Kpi,
    Profile,
    Regulated,
    broken_rule,
)
from maturity.schema.kpis import KpiBaseline

ANSWERS_FORMAT = "maturity-answers/1"

Rating = Literal["full", "most", "partial", "none", "na"]
RATINGS: tuple[Rating, ...] = ("full", "most", "partial", "none", "na")
# Chinese labels and common spellings people type; the canonical key is what gets stored.
RATING_ALIASES: dict[str, Rating] = {
    "全部满足": "full",
    "大部分满足": "most",
    "部分满足": "partial",
    "不满足": "none",
    "不适用": "na",
    "n/a": "na",
}


def _any_case(word: str) -> str:
    # JSON Schema patterns (ECMA-262) have no case-insensitive flag: [Ff][Uu][Ll][Ll]
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


# What an editor can check of a rating before maturity reads the file: the keys and aliases as a
# list (offered as completions), and, as the loader does (normalise_rating), any case with spaces
# around.
RATING_JSON_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "enum": [*RATINGS, *RATING_ALIASES]},
        {
            "type": "string",
            "pattern": r"^\s*("
            + "|".join(
                [
                    *(_any_case(word) for word in (*RATINGS, *RATING_ALIASES) if word.isascii()),
                    *(w for w in RATING_ALIASES if not w.isascii()),
                ]
            )
            + r")\s*$",
        },
    ],
    "description": (
        "full | most | partial | none | na, or the Chinese label "
        "(全部满足 | 大部分满足 | 部分满足 | 不满足 | 不适用)"
    ),
}
LEVEL_JSON_SCHEMA: dict[str, Any] = {
    "type": "integer",
    "minimum": 0,
    "maximum": 5,
    "description": "quick scan: the chosen level",
}


def normalise_rating(value: object) -> object:
    """Map aliases to the canonical rating key; leave anything else for validation to reject."""
    if isinstance(value, str):
        cleaned = value.strip()
        lowered = cleaned.lower()
        return RATING_ALIASES.get(cleaned, RATING_ALIASES.get(lowered, lowered))
    return value


class Answer(Frozen):
    """One answer. Short form in YAML: ``<id>: most`` (or a level number in a quick scan)."""

    rating: Annotated[
        Rating | Annotated[int, Field(ge=0, le=5)],
        WithJsonSchema({"anyOf": [RATING_JSON_SCHEMA, LEVEL_JSON_SCHEMA]}, mode="validation"),
    ] = Field(
        description=(
            "full | most | partial | none | na (Chinese labels accepted); 0-5 in a quick scan"
        )
    )
    reason: str | None = Field(
        default=None, description="Why the requirement does not apply; required with na"
    )
    note: str | None = None
    evidence: tuple[str, ...] = Field(
        default=(), description="Documents, records or files that prove the answer"
    )
    respondent: tuple[str, ...] = Field(
        default=(),
        description="Who gave this answer (maturity merge): a name, or a list when several did",
    )

    @classmethod
    def parse(cls, value: object) -> Answer:
        """Validate one answer in any of its YAML forms (short, long, Chinese label)."""
        return cls.model_validate(expand_answer(value))

    @field_validator("evidence", "respondent", mode="before")
    @classmethod
    def _one_evidence(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


# An answer in short form is fully described by its rating, and answers are immutable: one instance
# per short form serves every file (pydantic accepts an instance of the model as it is), which makes
# validating a file of hundreds of answers several times cheaper. The ratings are the schema's own
# values, so the instances are built without running validation (tested equal to validated ones):
# that keeps building a validator out of every start-up.
_SHORT: dict[str | int, Answer] = {
    rating: Answer.model_construct(rating=rating) for rating in (*RATINGS, 0, 1, 2, 3, 4, 5)
}


def expand_answer(value: Any) -> Any:
    """Short form ``most`` / ``3`` to an :class:`Answer` (aliases resolved), long form to a dict to
    validate."""
    if type(value) is str or type(value) is int:  # exact types: True and 1.0 are no level choices
        rating: Any = value if value in _SHORT else normalise_rating(value)  # still a str or an int
        shared = _SHORT.get(rating)
        return shared if shared is not None else {"rating": rating}
    if isinstance(value, dict) and "rating" in value:
        return {**value, "rating": normalise_rating(value["rating"])}
    return value


AnswerInput = Annotated[
    Answer,
    WithJsonSchema(
        {
            "anyOf": [
                {**RATING_JSON_SCHEMA, "description": "short form: the rating alone"},
                LEVEL_JSON_SCHEMA,
                Answer.model_json_schema(),
                {"type": "null", "description": "left blank: unanswered"},
            ]
        }
    ),
]


class QuestionnaireRef(Frozen):
    id: str
    version: str = Field(min_length=1)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        # ``version: 1.0`` is a float in YAML; accept it as the text the author meant.
        return (
            str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
        )


class Organisation(Frozen):
    name: str = Field(min_length=1)
    id: str | None = Field(
        default=None,
        description=(
            "A stable id: the 18-character unified social credit code (统一社会信用代码, its "
            "check character verified) or any other id; files with one id are one organisation"
        ),
    )

    @field_validator("id", mode="before")
    @classmethod
    def _id_text(cls, value: Any) -> Any:
        # a credit code of digits only is a number in YAML: the text the author wrote
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    type: EnterpriseType = Field(
        description="discrete or process manufacturing; selects the weights"
    )
    profile: Profile | None = Field(
        default=None,
        validate_default=True,  # filled in from the type, so that results carry it
        description=(
            "Industry profile: selects applicable requirements and evidence wording; "
            "default discrete for discrete, continuous for process; mixed fits either type"
        ),
    )
    industry: str | None = None
    region: str | None = None
    size: Literal["micro", "small", "medium", "large"] | None = None
    employees: Annotated[int, Field(ge=1)] | None = None
    regulated_as: tuple[Regulated, ...] | None = Field(
        default=None,
        description=(
            "What the firm is regulated as, so that the plan cites the legal duties that come with "
            "it (e.g. key-energy-user, key-discharger, major-hazard, carbon-market, food, drugs); "
            "a duty whose condition is neither here nor in not_regulated_as is cited 'where "
            "applicable' and not ranked as a duty"
        ),
    )
    not_regulated_as: tuple[Regulated, ...] | None = Field(
        default=None,
        description="What the firm is known not to be: those duties are left out of the plan",
    )

    @field_validator("profile", mode="after")
    @classmethod
    def _profile_fits_type(cls, value: Profile | None, info: ValidationInfo) -> Profile | None:
        kind = info.data.get("type")
        if not isinstance(kind, EnterpriseType):
            return value  # the type itself is wrong: reported on its own
        if value is None:
            return DEFAULT_PROFILE[kind]
        if value not in PROFILES_OF_TYPE[kind.value]:
            raise broken_rule("rule.profile_type")
        return value

    @field_validator("not_regulated_as", mode="after")
    @classmethod
    def _not_both(
        cls, value: tuple[Regulated, ...] | None, info: ValidationInfo
    ) -> tuple[Regulated, ...] | None:
        declared = info.data.get("regulated_as") or ()
        if value and set(value) & set(declared):
            raise broken_rule("rule.regulated_both")
        return value

    @property
    def effective_profile(self) -> Profile:
        """The profile that selects requirements and evidence wording (set, or the type's)."""
        return self.profile or DEFAULT_PROFILE[self.type]


class Assessor(Frozen):
    name: str = Field(min_length=1)
    organisation: str | None = None
    accreditation: str | None = Field(
        default=None, description="Accreditation or certificate id of the assessor"
    )


class Consent(Frozen):
    """What the organisation agreed its results may be shown to, by name (``portfolio --audience
    bureau`` names only organisations whose latest assessment records ``bureau: true``)."""

    bureau: bool = Field(
        description=(
            "true: the organisation agrees to be named, with its level, in the portfolio edition "
            "for the industry authority (portfolio --audience bureau); false or absent: never named"
        )
    )
    date: dt.date = Field(description="When the consent was given (YYYY-MM-DD)")
    by: str | None = Field(
        default=None, min_length=1, description="Who gave it for the organisation (name, role)"
    )


class Assessment(Frozen):
    date: dt.date
    assessor: Assessor | None = None
    consent: Consent | None = Field(
        default=None,
        description="Consent to be named outside the consultancy; absent: never named",
    )
    target_level: Annotated[int, Field(ge=1, le=5)] | None = None
    mode: Literal["self", "consultant", "third_party"] = "self"

    @field_validator("assessor", mode="before")
    @classmethod
    def _assessor_name(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value


class Respondent(Frozen):
    """Who fills in one part of a multi-respondent assessment (``template --for``)."""

    name: str | None = Field(default=None, description="The respondent's name")
    role: str | None = Field(
        default=None, description="A role of the questionnaire's respondents.yaml, e.g. production"
    )


class RespondentEntry(Respondent):
    """One respondent of a merged answer file, with the sub-domains their file covered."""

    part: tuple[str, ...] = Field(default=(), description="Sub-domain ids; empty: the whole file")


class Said(Frozen):
    respondent: str
    rating: Rating | Annotated[int, Field(ge=0, le=5)]


class Disagreement(Frozen):
    """An item that respondents rated differently, and the rating ``maturity merge`` kept."""

    id: str
    kept: Rating | Annotated[int, Field(ge=0, le=5)]
    said: tuple[Said, ...]


class MergeRecord(Frozen):
    """How ``maturity merge`` made a file: a reader asks why the lower rating won."""

    on_conflict: Literal["error", "lowest", "mean"] = Field(
        description="The rule for an item rated differently: lowest, mean (or error: none was)"
    )
    parts: tuple[str, ...] = Field(default=(), description="The files merged, as named")


class AnswerFile(Frozen):
    """An organisation's answers to one questionnaire."""

    format: Literal["maturity-answers/1"] = Field(
        description="Format tag; always maturity-answers/1"
    )
    questionnaire: QuestionnaireRef
    organisation: Organisation
    assessment: Assessment
    priorities: tuple[Kpi, ...] = Field(
        default=(), description="KPIs that matter most, most important first"
    )
    answers: dict[str, AnswerInput | None] = Field(
        default_factory=dict,
        description="Answers keyed by requirement id; an id left blank counts as unanswered",
    )

    @field_validator("answers", mode="before")
    @classmethod
    def _expand(cls, value: Any) -> Any:
        # one pass over the mapping is much cheaper than a validator call per answer
        return {k: expand_answer(v) for k, v in value.items()} if isinstance(value, dict) else value

    tailoring: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Sub-domains excluded from scoring as a whole, each with the reason "
            "(e.g. service.product: contract processing only, no own product)"
        ),
    )

    @field_validator("tailoring", mode="before")
    @classmethod
    def _blank_reasons(cls, value: Any) -> Any:
        # `service.product:` with nothing after it is a reason left out: the questionnaire check
        # says so in those words, rather than pydantic's "should be a valid string"
        if isinstance(value, dict):
            return {k: "" if v is None else v for k, v in value.items()}
        return value

    kpis: tuple[KpiBaseline, ...] = Field(
        default=(), description="KPI baselines: measured values the plan's projects move"
    )
    not_asked: tuple[str, ...] = Field(
        default=(),
        description=(
            "Requirement ids deliberately not asked (e.g. above target + 1); scored as unanswered"
        ),
    )
    respondent: Respondent | None = Field(
        default=None, description="Who fills in this part (a file from template --for)"
    )
    part: tuple[str, ...] = Field(
        default=(),
        description="Sub-domain ids this file covers (template --for); empty: all of them",
    )
    respondents: tuple[RespondentEntry, ...] = Field(
        default=(), description="Who answered a merged file (maturity merge), with their parts"
    )
    disagreements: tuple[Disagreement, ...] = Field(
        default=(), description="Items respondents rated differently (maturity merge)"
    )
    merge: MergeRecord | None = Field(
        default=None, description="How maturity merge combined the parts (the rule and the files)"
    )
