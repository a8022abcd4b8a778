"""The shortcuts taken for batch speed give exactly what the general path gives.

Shared short-form answers, memoised result rows, effective weights computed once per presence
pattern and the YAML builder's plain-scalar path are each checked against the slow, general way.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from maturity import yamlio
from maturity.errors import InputError
from maturity.questionnaire import Questionnaire
from maturity.rules import LoadedRules
from maturity.schema.answers import RATINGS, Answer, AnswerFile, expand_answer
from maturity.schema.result import AssessmentResult
from maturity.scoring import score
from tests.conftest import all_at, answer_doc, make_answers

NA = {"rating": "na", "reason": "no such process here"}


@pytest.mark.parametrize("rating", [*RATINGS, 0, 1, 2, 3, 4, 5])
def test_shared_short_answers_equal_validated_ones(rating: str | int) -> None:
    shared = expand_answer(rating)
    fresh = Answer.model_validate({"rating": rating})
    assert isinstance(shared, Answer)
    assert shared == fresh
    assert shared.model_fields_set == fresh.model_fields_set == {"rating"}
    assert shared.model_dump() == fresh.model_dump()


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("Full", "full"), (" 部分满足 ", "partial"), ("不适用", "na"), ("N/A", "na")],
)
def test_aliases_resolve_to_the_shared_answer(typed: str, canonical: str) -> None:
    assert expand_answer(typed) is expand_answer(canonical)


@pytest.mark.parametrize("value", [True, 1.0, 7, -1, "mostly", ""])
def test_values_that_are_no_short_form_still_fail_validation(
    mini: Questionnaire, value: object
) -> None:
    assert not isinstance(expand_answer(value), Answer)
    with pytest.raises(ValidationError):
        AnswerFile.model_validate(answer_doc(mini, {"a.1.01": value}))


def test_long_form_answers_are_validated_afresh(mini: Questionnaire) -> None:
    answers = make_answers(
        mini, {"a.1.01": "most", "a.1.02": {"rating": "most", "note": "two of three lines"}}
    )
    assert answers.answers["a.1.01"] is expand_answer("most")
    long = answers.answers["a.1.02"]
    assert (
        long is not None and long.note == "two of three lines" and long is not expand_answer("most")
    )


def _round_trip(result: AssessmentResult) -> AssessmentResult:
    return AssessmentResult.model_validate_json(result.model_dump_json())


def test_results_equal_their_validated_round_trip(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    cases = [
        all_at(mini, lambda level: "full" if level <= 2 else "partial"),
        {**all_at(mini, lambda _: "most"), "a.1.01": NA, "b.2.01": None},
        {"a.1.01": "full"},
    ]
    for answers in cases:
        for kind in ("discrete", "process"):
            result = score(mini, mini_rules, make_answers(mini, answers, kind))
            assert _round_trip(result) == result


def test_rows_follow_the_rules_scale_not_an_earlier_file(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    answers = make_answers(mini, all_at(mini, lambda _: "most"))
    assert score(mini, mini_rules, answers).requirements[0].value == 0.8
    scale = mini_rules.rules.scale
    assert scale is not None
    harsher = mini_rules.rules.model_copy(
        update={"scale": scale.model_copy(update={"values": {**scale.values, "most": 0.7}})}
    )
    rules = LoadedRules(
        rules=harsher, path=mini_rules.path, raw=mini_rules.raw, sha256=mini_rules.sha256
    )
    assert score(mini, rules, answers).requirements[0].value == 0.7
    assert score(mini, mini_rules, answers).requirements[0].value == 0.8


def test_effective_weights_follow_each_files_not_applicable_items(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    everything = make_answers(mini, all_at(mini, lambda _: "full"))
    no_a_level_1 = make_answers(
        mini, {**all_at(mini, lambda _: "full"), "a.1.01": NA, "a.1.02": NA}
    )
    # discrete weights a=2, b=1, c=1; c has nothing at level 1
    assert score(mini, mini_rules, everything).weights["1"] == {"a": 0.666667, "b": 0.333333}
    assert score(mini, mini_rules, no_a_level_1).weights["1"] == {"b": 1.0}
    assert score(mini, mini_rules, everything).weights["1"] == {"a": 0.666667, "b": 0.333333}
    assert score(mini, mini_rules, everything).weights["2"] == {"a": 0.5, "b": 0.25, "c": 0.25}


def test_yaml_plain_scalars_behind_aliases_and_merge_keys() -> None:
    doc = yamlio.parse(
        "base: &b {x: one, y: two}\nsame: *b\nword: &w hello\nagain: *w\nmerged: {<<: *b, y: three}\n",
        "t.yaml",
    )
    assert doc.data == {
        "base": {"x": "one", "y": "two"},
        "same": {"x": "one", "y": "two"},
        "word": "hello",
        "again": "hello",
        "merged": {"x": "one", "y": "three"},
    }


def test_yaml_a_key_twice_beside_a_merge_key_is_still_a_duplicate() -> None:
    with pytest.raises(InputError) as caught:
        yamlio.parse("base: &b {x: one}\nmerged:\n  <<: *b\n  y: two\n  y: three\n", "t.yaml")
    assert [(p.params["key"], p.line) for p in caught.value.problems] == [("y", 5)]


def test_yaml_duplicate_keys_of_any_type_are_all_reported() -> None:
    with pytest.raises(InputError) as caught:
        yamlio.parse("1: a\nx: b\n1: c\nx: d\nok: e\n", "t.yaml")
    found = [(p.params["key"], p.line, p.params["first"]) for p in caught.value.problems]
    assert found == [(1, 3, 1), ("x", 4, 2)]


def test_yaml_node_limit_counts_plain_scalars() -> None:
    text = "k:\n" + "".join(f"  v{i}: x\n" for i in range(60))  # root, key, mapping and 120 scalars
    assert len(yamlio.parse(text, "t.yaml", max_nodes=123).data["k"]) == 60
    with pytest.raises(InputError) as caught:
        yamlio.parse(text + "k2: y\n", "t.yaml", max_nodes=123)
    assert caught.value.problems[0].key == "yaml.too_many_nodes"


def test_yaml_long_scalars_resolve_without_filling_the_tag_cache() -> None:
    from maturity.yamlio import _TAGS

    digits = "1" * 100
    assert yamlio.parse(f"n: {digits}\nt: {'x' * 100}\n", "t.yaml").data == {
        "n": int(digits),
        "t": "x" * 100,
    }
    before = len(_TAGS)
    for i in range(50):
        yamlio.parse(f"n: {digits}\nt: note {i} {'x' * 100}\n", "t.yaml")
    assert len(_TAGS) == before  # only the short keys, already cached


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the mapping's own key wins over a merged one, also two merges deep
        (
            "base: &b {x: full}\nmid: &m\n  <<: *b\n  x: none\ntop:\n  <<: *m\n",
            {"base": {"x": "full"}, "mid": {"x": "none"}, "top": {"x": "none"}},
        ),
        # an override inside an anchor that is itself merged, then aliased
        ("m:\n  <<: &c\n    <<: {x: 0}\n    x: 1\n  w: *c\n", {"m": {"x": 1, "w": {"x": 1}}}),
        # in a list of sources the first one that has a key wins
        (
            "a: &a {k: 1, j: 1}\nb: &b {k: 2, i: 2}\nm:\n  <<: [*a, *b]\n",
            {"a": {"k": 1, "j": 1}, "b": {"k": 2, "i": 2}, "m": {"k": 1, "j": 1, "i": 2}},
        ),
    ],
)
def test_yaml_merge_keys_follow_the_yaml_merge_type(text: str, expected: object) -> None:
    assert yamlio.parse(text, "t.yaml").data == expected


def test_yaml_duplicates_inside_a_merge_source_are_reported() -> None:
    with pytest.raises(InputError) as caught:
        yamlio.parse("answers:\n  <<: {strategy.1.01: full, strategy.1.01: none}\n", "t.yaml")
    assert [(p.key, p.params["key"], p.line) for p in caught.value.problems] == [
        ("yaml.duplicate_key", "strategy.1.01", 2)
    ]


def test_yaml_merging_one_mapping_many_times_counts_against_the_node_limit() -> None:
    keys = ", ".join(f"k{i}: v" for i in range(2000))
    bomb = f"a: &a {{{keys}}}\nm: {{<<: [{', '.join(['*a'] * 2000)}]}}\n"  # 27 KB, 4 million merged entries
    with pytest.raises(InputError) as caught:
        yamlio.parse(bomb, "t.yaml")
    assert caught.value.problems[0].key == "yaml.too_many_nodes"


def test_yaml_a_merge_of_something_else_is_a_located_error() -> None:
    with pytest.raises(InputError) as caught:
        yamlio.parse("a: 1\nm:\n  <<: [1, 2]\n", "t.yaml")
    [problem] = caught.value.problems
    assert (problem.key, problem.line, problem.params["problem"]) == (
        "yaml.syntax",
        3,
        "merge (<<) needs a mapping or a list of mappings",
    )


def test_yaml_problems_point_at_the_overriding_key_not_the_merged_one() -> None:
    text = "base: &b\n  name: X\n  type: discrete\norganisation:\n  <<: *b\n  type: bogus\n"
    assert yamlio.parse(text, "t.yaml").locate(("organisation", "type")) == (6, 3)


def test_a_negative_zero_in_one_rules_file_does_not_leak_into_another(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    answers = make_answers(mini, all_at(mini, lambda _: "none"))
    scale = mini_rules.rules.scale
    assert scale is not None
    signed = mini_rules.rules.model_copy(
        update={"scale": scale.model_copy(update={"values": {**scale.values, "none": -0.0}})}
    )
    odd = LoadedRules(
        rules=signed, path=mini_rules.path, raw=mini_rules.raw, sha256=mini_rules.sha256
    )
    assert '"value":-0.0' not in score(mini, odd, answers).model_dump_json()
    assert '"value":-0.0' not in score(mini, mini_rules, answers).model_dump_json()
