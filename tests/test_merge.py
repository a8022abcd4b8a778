"""Multi-respondent assessments (issue 15, item 4): `template --for` writes one respondent's part,
`maturity merge` combines the parts with a conflict policy, and the report lists respondents and
disagreements. The merge fixture is three parts of the mini questionnaire that overlap on three
items: a.1.01 (full / none), a.2.01 (partial / na) and b.1.01 (most / partial, a tie for mean)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from maturity.cli.app import app
from maturity.questionnaire import Questionnaire
from tests.conftest import DATA, MINI, answer_doc, write_yaml


def run(*args: str | Path, root: Path = MINI, lang: str = "en") -> tuple[int, str, str]:
    argv = ["--questionnaires", str(root), *map(str, args), "--lang", lang]
    result = CliRunner().invoke(app, argv)
    return result.exit_code, result.stdout, result.stderr


def said(err: str) -> str:
    """Standard error without the parts' own warnings (items of their part left blank)."""
    return "".join(
        line for line in err.splitlines(keepends=True) if not line.startswith(("warning:", "警告"))
    )


def part(
    mini: Questionnaire, name: str, role: str, subs: list[str], answers: dict[str, Any]
) -> Any:
    return answer_doc(mini, answers, respondent={"name": name, "role": role}, part=subs)


@pytest.fixture
def parts(tmp_path: Path, mini: Questionnaire) -> list[Path]:
    wang = part(
        mini,
        "Wang Li",
        "production",
        ["a", "b"],
        {
            "a.1.01": "full",
            "a.1.02": {"rating": "most", "note": "line 1 only", "evidence": ["a.pdf"]},
            "a.2.01": "partial",
            "b.1.01": "most",
        },
    )
    li = part(
        mini,
        "Li Na",
        "quality",
        ["b", "c"],
        {
            "b.1.01": {"rating": "partial", "note": "no SPC", "evidence": ["a.pdf", "b.pdf"]},
            "c.2.01": "none",
        },
    )
    zhao = part(
        mini,
        "Zhao",
        "it",
        ["a"],
        {"a.1.01": "none", "a.2.01": {"rating": "na", "reason": "no lab"}},
    )
    return [
        write_yaml(tmp_path / f"{n}.yaml", d)
        for n, d in (("wang", wang), ("li", li), ("zhao", zhao))
    ]


LOWEST = """\
format: maturity-answers/1
questionnaire:
  id: mini
  version: '0.1'
organisation:
  name: Test Works
  type: discrete
assessment:
  date: '2026-11-20'
  target_level: 3
respondents:
- name: Wang Li
  role: production
  part:
  - a
  - b
- name: Li Na
  role: quality
  part:
  - b
  - c
- name: Zhao
  role: it
  part:
  - a
merge:
  on_conflict: lowest
  parts:
  - wang.yaml
  - li.yaml
  - zhao.yaml
answers:
  a.1.01: {rating: none, respondent: [Wang Li, Zhao]}
  a.1.02: {rating: most, note: line 1 only, evidence: [a.pdf], respondent: Wang Li}
  a.2.01: {rating: partial, note: 'Zhao (not applicable): no lab', respondent: [Wang Li, Zhao]}
  b.1.01: {rating: partial, note: 'Li Na: no SPC', evidence: [a.pdf, b.pdf], respondent: [Wang Li, Li Na]}
  c.2.01: {rating: none, respondent: Li Na}
disagreements:
- id: a.1.01
  kept: none
  said:
  - respondent: Wang Li
    rating: full
  - respondent: Zhao
    rating: none
- id: a.2.01
  kept: partial
  said:
  - respondent: Wang Li
    rating: partial
  - respondent: Zhao
    rating: na
- id: b.1.01
  kept: partial
  said:
  - respondent: Wang Li
    rating: most
  - respondent: Li Na
    rating: partial
"""


def test_lowest_keeps_the_lowest_rating_and_every_note_and_evidence_entry(
    tmp_path: Path, parts: list[Path]
) -> None:
    out = tmp_path / "firm.yaml"
    code, _, err = run("merge", *parts, "-o", out, "--on-conflict", "lowest")
    assert code == 0, err
    assert out.read_text(encoding="utf-8") == LOWEST
    code, _, err = run("validate", out)  # the merged file is a valid answer file
    assert code == 0, err


def ratings(path: Path) -> dict[str, Any]:
    answers = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]
    return {k: v["rating"] for k, v in answers.items()}


def test_mean_keeps_the_rating_nearest_the_mean_a_tie_going_to_the_lower(
    tmp_path: Path, parts: list[Path]
) -> None:
    out = tmp_path / "firm.yaml"
    code, _, err = run("merge", *parts, "-o", out, "--on-conflict", "mean")
    assert code == 0, err
    # a.1.01: (1.0 + 0.0) / 2 = 0.5 is partial; b.1.01: (0.8 + 0.5) / 2 = 0.65 is as near to most
    # as to partial: the lower; a.2.01: N/A does not count against a rating
    assert ratings(out) == {
        "a.1.01": "partial",
        "a.1.02": "most",
        "a.2.01": "partial",
        "b.1.01": "partial",
        "c.2.01": "none",
    }


def test_error_refuses_and_lists_the_items_answered_by_several(
    tmp_path: Path, parts: list[Path]
) -> None:
    out = tmp_path / "firm.yaml"
    code, _, err = run("merge", *parts, "-o", out)
    assert code == 2
    assert said(err) == (
        "error: 3 item(s) answered by several respondents, 3 of them rated differently: "
        "a.1.01 (Wang Li: full; Zhao: none); a.2.01 (Wang Li: partial; Zhao: na); "
        "b.1.01 (Wang Li: most; Li Na: partial). Choose how to combine those with --on-conflict "
        "lowest or mean, or remove the answers that should not count; items rated alike are "
        "merged as they are.\n"
    )
    assert not out.exists()


def test_disjoint_parts_merge_under_error_without_a_disagreement(
    tmp_path: Path, parts: list[Path]
) -> None:
    out = tmp_path / "firm.yaml"
    code, _, err = run("merge", parts[1], "-o", out)
    assert code == 0
    assert said(err) == f"wrote {out}\nMerged 2 answers from: Li Na\n"
    assert "disagreements" not in out.read_text(encoding="utf-8")


@pytest.fixture
def cmmm_parts(tmp_path: Path, cmmm: Questionnaire) -> list[Path]:
    """Production and quality both answer production operations (as their roles say)."""
    ops = [r.id for r in cmmm.requirements if cmmm.subdomain_of[r.id] == "production.operations"]
    prod = {ops[0]: "full", ops[1]: "most", ops[2]: "partial"}
    qual = {ops[0]: "none", ops[1]: "most", ops[2]: {"rating": "na", "reason": "外包"}}
    return [
        write_yaml(
            tmp_path / f"{name}.yaml",
            answer_doc(cmmm, answers, respondent={"name": name, "role": role}),
        )
        for name, role, answers in (("Wang", "production", prod), ("Zhang", "quality", qual))
    ]


def test_disagreement_report_on_stderr_in_english(tmp_path: Path, cmmm_parts: list[Path]) -> None:
    out = tmp_path / "firm.yaml"
    code, stdout, err = run("merge", *cmmm_parts, "-o", out, "--on-conflict", "lowest", root=DATA)
    assert code == 0 and stdout == ""
    assert said(err) == (
        f"wrote {out}\n"
        "Merged 3 answers from: Wang; Zhang\n"
        "Respondents disagree on 2 item(s) (kept by the 'lowest' rule):\n"
        "  production.operations.1.01: Wang: Fully met; Zhang: Not met → kept Not met\n"
        "  production.operations.1.03: Wang: Partly met; Zhang: Not applicable → kept Partly met\n"
    )


def test_disagreement_report_and_labelled_notes_in_chinese(
    tmp_path: Path, cmmm_parts: list[Path]
) -> None:
    out = tmp_path / "firm.yaml"
    code, _, err = run(
        "merge", *cmmm_parts, "-o", out, "--on-conflict", "mean", root=DATA, lang="zh"
    )
    assert code == 0
    assert said(err).splitlines()[1:] == [
        "已合并 3 条回答，回答人：Wang；Zhang",
        "回答人意见不一的有 2 条（按“取平均”规则采用）：",
        "  production.operations.1.01：Wang：全部满足；Zhang：不满足 → 采用 部分满足",
        "  production.operations.1.03：Wang：部分满足；Zhang：不适用 → 采用 部分满足",
    ]
    answers = yaml.safe_load(out.read_text(encoding="utf-8"))["answers"]
    assert answers["production.operations.1.03"]["note"] == "Zhang（认为不适用）：外包"


def test_notes_of_several_respondents_are_each_labelled(
    tmp_path: Path, mini: Questionnaire
) -> None:
    a = write_yaml(
        tmp_path / "a.yaml",
        part(mini, "A", "x", [], {"a.1.01": {"rating": "full", "note": "one", "evidence": "e1"}}),
    )
    b = write_yaml(
        tmp_path / "b.yaml",
        part(mini, "B", "y", [], {"a.1.01": {"rating": "full", "note": "two", "evidence": "e2"}}),
    )
    out = tmp_path / "m.yaml"
    code, _, err = run("merge", a, b, "-o", out, "--on-conflict", "lowest")
    assert code == 0, err
    assert "disagree" not in err  # the same rating: no disagreement
    answer = yaml.safe_load(out.read_text(encoding="utf-8"))["answers"]["a.1.01"]
    assert answer == {
        "rating": "full",
        "note": "A: one\nB: two",
        "evidence": ["e1", "e2"],
        "respondent": ["A", "B"],
    }


def test_an_na_kept_when_nobody_rated_the_item_keeps_every_reason(
    tmp_path: Path, mini: Questionnaire
) -> None:
    na = {"rating": "na", "reason": "no lab"}
    a = write_yaml(tmp_path / "a.yaml", part(mini, "A", "x", [], {"a.1.01": na}))
    b = write_yaml(
        tmp_path / "b.yaml", part(mini, "B", "y", [], {"a.1.01": {**na, "reason": "outsourced"}})
    )
    out = tmp_path / "m.yaml"
    assert run("merge", a, b, "-o", out, "--on-conflict", "mean")[0] == 0
    answer = yaml.safe_load(out.read_text(encoding="utf-8"))["answers"]["a.1.01"]
    assert answer["rating"] == "na"
    assert answer["reason"] == "A: no lab\nB: outsourced"


def test_an_organisation_that_differs_is_refused(tmp_path: Path, parts: list[Path]) -> None:
    other = yaml.safe_load(parts[1].read_text(encoding="utf-8"))
    other["organisation"]["name"] = "Other Works"
    write_yaml(parts[1], other)
    code, _, err = run("merge", *parts, "-o", tmp_path / "m.yaml", "--on-conflict", "lowest")
    assert code == 2
    assert said(err) == (
        f"error: {parts[1]}:6:3: the organisation 'Other Works' is not 'Test Works' of "
        f"{parts[0]} (compared by organisation.id, else by name); only one organisation's parts "
        "can be merged. If it is the same one, give both files the same organisation.id or name.\n"
    )


def test_the_same_organisation_by_id_or_by_normalised_name_merges(
    tmp_path: Path, parts: list[Path]
) -> None:
    renamed = yaml.safe_load(parts[1].read_text(encoding="utf-8"))
    renamed["organisation"]["name"] = "  TEST   works "
    write_yaml(parts[1], renamed)
    assert run("merge", *parts[:2], "-o", tmp_path / "m.yaml", "--on-conflict", "lowest")[0] == 0
    for path, org_id in ((parts[0], "ACME-1"), (parts[1], "acme-1")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        doc["organisation"] |= {"id": org_id, "name": f"Name {org_id}"}
        write_yaml(path, doc)
    assert run("merge", *parts[:2], "-o", tmp_path / "n.yaml", "--on-conflict", "lowest")[0] == 0


def test_another_questionnaire_version_is_refused(tmp_path: Path) -> None:
    root = DATA / "migrate"
    files = []
    for version, item in (("1.0", "a.1.01"), ("1.1", "b.1.01")):
        doc = {
            "format": "maturity-answers/1",
            "questionnaire": {"id": "mini", "version": version},
            "organisation": {"name": "Test Works", "type": "discrete"},
            "assessment": {"date": "2026-11-20"},
            "answers": {item: "full"},
        }
        files.append(write_yaml(tmp_path / f"v{version}.yaml", doc))
    code, _, err = run("merge", *files, "-o", tmp_path / "m.yaml", root=root)
    assert code == 2
    assert err.splitlines()[-1] == (
        f"error: {files[1]}:4:3: this file answers mini 1.1 but {files[0]} answers mini 1.0; "
        "only parts of one questionnaire version can be merged (maturity migrate carries a file "
        "to a newer version)."
    )


def test_an_output_that_is_an_input_is_refused(tmp_path: Path, parts: list[Path]) -> None:
    before = parts[0].read_bytes()
    code, _, err = run("merge", *parts, "-o", parts[0], "--on-conflict", "lowest", "--force")
    assert code == 2
    assert err == (
        f"error: the output {parts[0]} is the same file as the input {parts[0]}; choose another "
        "output name so the input is not overwritten.\n"
    )
    assert parts[0].read_bytes() == before


def test_an_existing_output_needs_force(tmp_path: Path, parts: list[Path]) -> None:
    out = tmp_path / "m.yaml"
    out.write_text("mine\n", encoding="utf-8")
    code, _, err = run("merge", *parts, "-o", out, "--on-conflict", "lowest")
    assert code == 2 and err == f"error: {out} already exists; add --force to overwrite it.\n"
    assert out.read_text(encoding="utf-8") == "mine\n"


HOSTILE = '=HYPERLINK("http://x","y") *bold* [a](b) <i>\x1b[2J\u202e'


def test_hostile_names_and_notes_are_safe_in_terminal_yaml_and_report(
    tmp_path: Path, mini: Questionnaire
) -> None:
    a = write_yaml(
        tmp_path / "a.yaml",
        part(mini, HOSTILE, "x", ["a"], {"a.1.01": {"rating": "full", "note": HOSTILE}}),
    )
    b = write_yaml(tmp_path / "b.yaml", part(mini, "B", "y", ["a"], {"a.1.01": "none"}))
    out = tmp_path / "m.yaml"
    code, _, err = run("merge", a, b, "-o", out, "--on-conflict", "lowest")
    assert code == 0, err
    assert "\x1b" not in err and "\u202e" not in err
    assert '=HYPERLINK("http://x","y") *bold* [a](b) <i>\\x1b[2J\\u202e: full; B: none' in err
    merged = yaml.safe_load(out.read_text(encoding="utf-8"))  # the YAML holds the text exactly
    assert merged["respondents"][0]["name"] == HOSTILE
    assert merged["answers"]["a.1.01"]["note"] == f"{HOSTILE}: {HOSTILE}"
    md, html = tmp_path / "r.md", tmp_path / "r.html"
    assert run("report", out, "-o", md)[0] == 0
    assert run("report", out, "-o", html)[0] == 0
    report = md.read_text(encoding="utf-8")
    assert "\x1b" not in report
    assert r"\*bold\* \[a\](b)" in report
    assert "<i>" not in html.read_text(encoding="utf-8")


def test_report_annex_lists_respondents_and_disagreements(
    tmp_path: Path, parts: list[Path]
) -> None:
    out, md = tmp_path / "m.yaml", tmp_path / "r.md"
    assert run("merge", *parts, "-o", out, "--on-conflict", "lowest")[0] == 0
    assert run("report", out, "-o", md)[0] == 0
    text = md.read_text(encoding="utf-8")
    section = text[text.index("### Respondents") : text.index("### Evidence")]
    lines = [line for line in section.splitlines() if line]
    assert lines[:4] == [
        "### Respondents",
        "- Wang Li (Role: production) — Sub-domains answered: Sub-domain a, Sub-domain b",
        "- Li Na (Role: quality) — Sub-domains answered: Sub-domain b, Sub-domain c",
        "- Zhao (Role: it) — Sub-domains answered: Sub-domain a",
    ]
    assert lines[4:6] == [
        "### Items respondents rated differently",
        "These items were merged by the 'lowest' rule: the lowest rating any respondent gave "
        "was kept.",
    ]
    assert re.fullmatch(
        r"- `b\.1\.01` .* — Wang Li: most; Li Na: partial → Kept: partial", lines[8]
    )


# --- template --for ---------------------------------------------------------------------------


def test_template_for_roles_lists_only_their_subdomains(
    tmp_path: Path, cmmm: Questionnaire
) -> None:
    out = tmp_path / "p.yaml"
    code, _, err = run("template", "cmmm", "--for", "production,quality", "-o", out, root=DATA)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    # two roles in one file: the person who fills it in writes their own
    assert data["respondent"] == {"name": None, "role": None}
    assert "# This file covers several roles (production,quality): write your own role" in text
    one = yaml.safe_load(run("template", "cmmm", "--for", "quality", root=DATA)[1])
    assert one["respondent"] == {"name": None, "role": "quality"}
    assert data["part"] == ["production.planning", "production.operations"]
    subs = {cmmm.subdomain_of[i] for i in data["answers"]}
    assert subs == {"production.planning", "production.operations"}


def test_template_for_subdomain_ids(tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    assert run("template", "mini", "--for", "b,c", "-o", out)[0] == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["part"] == ["b", "c"] and data["respondent"]["role"] is None
    # every item of b and c that applies to a discrete manufacturer (c.3.02 does not), no other
    assert list(data["answers"]) == [
        "b.1.01", "b.2.01", "b.2.02", "b.3.01", "b.4.01", "b.5.01",
        "c.2.01", "c.3.01", "c.4.01", "c.5.01",
    ]  # fmt: skip


def test_template_for_something_unknown_is_refused_naming_what_exists() -> None:
    code, _, err = run("template", "mini", "--for", "b,sales")
    assert code == 2
    assert err == (
        "error: --for: 'sales' is neither a role nor a sub-domain. Roles: -; sub-domains: a, b, c.\n"
    )


def test_a_part_counts_only_its_own_subdomains_as_unanswered(
    tmp_path: Path, mini: Questionnaire
) -> None:
    path = write_yaml(tmp_path / "p.yaml", part(mini, "A", "x", ["c"], {"c.2.01": "full"}))
    code, _, err = run("validate", path)
    assert code == 0
    # c.3.02 does not apply to a discrete manufacturer; a and b are other respondents' parts
    assert "3 requirements are unanswered (e.g. c.3.01, c.4.01, c.5.01)" in err


def test_a_part_naming_an_unknown_subdomain_is_an_error(
    tmp_path: Path, mini: Questionnaire
) -> None:
    path = write_yaml(tmp_path / "p.yaml", part(mini, "A", "x", ["c", "zz"], {}))
    code, _, err = run("validate", path)
    assert code == 2
    assert f"error: {path}:" in err
    assert "part: 'zz' is not a sub-domain of mini 0.1. Sub-domains: a, b, c." in err


def test_the_roles_cover_every_cmmm_subdomain(cmmm: Questionnaire) -> None:
    from maturity.respondents import load_roles

    roles = load_roles(cmmm)
    covered = {s for role in roles.values() for s in role.subdomains}
    assert covered == {s.id for s in cmmm.subdomains}


def test_excel_round_trip_of_a_part(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from maturity.excel.cells import set_value

    book = tmp_path / "it.xlsx"
    code, _, err = run("template", "cmmm", "--for", "it", "-o", book, root=DATA)
    assert code == 0, err
    wb = load_workbook(book)
    profile, answers = wb["Profile"], wb["Answers"]
    keys = {profile.cell(row=r, column=3).value: r for r in range(2, profile.max_row + 1)}
    assert profile.cell(row=keys["respondent.role"], column=2).value == "it"
    set_value(profile.cell(row=keys["respondent.name"], column=2), "=SUM(1) Zhou")
    set_value(profile.cell(row=keys["organisation.name"], column=2), "Acme")
    ids = [answers.cell(row=r, column=1).value for r in range(2, answers.max_row + 1)]
    assert {i.split(".")[0] for i in ids} == {"data", "integration", "network", "security"}
    answers.cell(row=2, column=6).value = "大部分满足"
    answers.cell(row=3, column=6).value = "none"
    buffer = io.BytesIO()
    wb.save(buffer)
    book.write_bytes(buffer.getvalue())
    out = tmp_path / "m.yaml"
    code, _, err = run("merge", book, "-o", out, root=DATA)
    assert code == 0, err
    merged = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert merged["respondents"] == [
        {
            "name": "=SUM(1) Zhou",
            "role": "it",
            "part": ["data", "integration", "security", "network"],
        }
    ]
    assert merged["answers"] == {
        ids[0]: {"rating": "most", "respondent": "=SUM(1) Zhou"},
        ids[1]: {"rating": "none", "respondent": "=SUM(1) Zhou"},
    }


def test_quick_scan_levels_merge_by_their_numbers(tmp_path: Path) -> None:
    def quick(name: str, answers: dict[str, Any]) -> Path:
        doc = {
            "format": "maturity-answers/1",
            "questionnaire": {"id": "quick_mini", "version": "0.1"},
            "organisation": {"name": "Test Works", "type": "discrete"},
            "assessment": {"date": "2026-11-20"},
            "respondent": {"name": name},
            "answers": answers,
        }
        return write_yaml(tmp_path / f"{name}.yaml", doc)

    files = [quick("A", {"a": 3, "b": 4, "c": 2}), quick("B", {"a": 0, "b": 5})]
    for policy, expected in (("lowest", {"a": 0, "b": 4}), ("mean", {"a": 1, "b": 4})):
        out = tmp_path / f"{policy}.yaml"
        code, _, err = run("merge", *files, "-o", out, "--on-conflict", policy, root=DATA)
        assert code == 0, err
        # mean: 1.5 lies between levels 1 and 2, 4.5 between 4 and 5: the lower of each
        assert ratings(out) == {**expected, "c": 2}


def test_merge_warns_when_respondents_give_the_same_role(tmp_path: Path, parts: list[Path]) -> None:
    for path in parts[1:]:  # everyone wrote the role of the one template they were sent
        path.write_text(
            path.read_text(encoding="utf-8")
            .replace("role: quality", "role: production")
            .replace("role: it", "role: production"),
            encoding="utf-8",
        )
    code, _, err = run("merge", *parts, "-o", tmp_path / "m.yaml", "--on-conflict", "lowest")
    assert code == 0, err
    assert (
        "warning: Wang Li; Li Na; Zhao all give the role 'production': if each covers a "
        "different area, write each person's own role under respondent.role in their file, so "
        "that the report's annex says who answered what.\n"
    ) in err


def test_error_lets_items_rated_alike_pass_and_names_only_the_ones_rated_differently(
    tmp_path: Path, mini: Questionnaire
) -> None:
    """Review r4-pack finding 13: 23 overlapping items were all listed, 12 of them in conflict."""
    wang = part(mini, "Wang Li", "production", ["a"], {"a.1.01": "full", "a.1.02": "most"})
    li = part(mini, "Li Na", "quality", ["a"], {"a.1.01": "full", "a.1.02": "partial"})
    files = [write_yaml(tmp_path / f"{n}.yaml", d) for n, d in (("w", wang), ("l", li))]
    code, _, err = run("merge", *files, "-o", tmp_path / "x.yaml", lang="zh")
    assert code == 2
    assert said(err) == (
        "错误: 2 条有多人回答，其中 1 条评级不同：a.1.02（Wang Li：most；Li Na：partial）。"
        "请用 --on-conflict lowest 或 mean 指定这些条目的取舍，或删去不应计入的回答；"
        "评级相同的条目照常合并。\n"
    )
    alike = part(mini, "Li Na", "quality", ["a"], {"a.1.01": "full"})
    files[1] = write_yaml(tmp_path / "l.yaml", alike)
    out = tmp_path / "y.yaml"
    code, _, err = run("merge", *files, "-o", out)
    assert code == 0, err
    assert ratings(out) == {"a.1.01": "full", "a.1.02": "most"}
