"""Industry profiles: the profile (default: the type's) selects the requirements asked and the
evidence wording; a profile that contradicts the type is an error; results carry the profile."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maturity.cli.app import app
from maturity.questionnaire import Catalog, load_questionnaire
from maturity.schema.base import Profile
from tests.conftest import MINI, answer_doc, write_yaml

BATCH_WORDING = "Batch records signed off per lot"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def batchy(tmp_path: Path) -> Path:
    """The mini questionnaire with c.3.02 for batch plants only, its evidence worded for them."""
    root = tmp_path / "q" / "mini"
    shutil.copytree(MINI, root)
    path = root / "subdomains" / "c.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  applies_to:\n  - process\n",
        "  applies_to: [batch]\n  evidence_by_profile:\n    batch:\n"
        f"    - {{zh: 每批签发的批记录, en: {BATCH_WORDING}}}\n"
        "    - {zh: 批放行记录, en: Lot release records}\n",
    )
    path.write_text(text, encoding="utf-8")
    return root


def test_1_0_0_type_shorthands_mean_what_they_meant() -> None:
    old = Catalog().load("cmmm", "1.0.0")
    process, discrete = old.requirement("data.2.03"), old.requirement("data.2.02")
    assert process is not None and discrete is not None
    assert process.applies_to == (Profile.continuous, Profile.batch, Profile.mixed)
    assert discrete.applies_to == (Profile.discrete, Profile.mixed)
    assert "data.2.03" in old.item_ids(Profile.batch)
    assert "data.2.03" not in old.item_ids(Profile.discrete)
    assert "data.2.02" in old.item_ids(Profile.mixed)
    assert "data.2.02" not in old.item_ids(Profile.continuous)


def test_a_batch_requirement_is_asked_of_a_batch_plant_only(batchy: Path, tmp_path: Path) -> None:
    q = load_questionnaire(batchy)
    assert "c.3.02" in q.item_ids(Profile.batch)
    assert "c.3.02" not in q.item_ids(Profile.continuous)
    doc = answer_doc(q, {"c.3.02": "full"}, "process")
    doc["organisation"]["profile"] = "continuous"
    path = write_yaml(tmp_path / "a.yaml", doc)
    code, _, err = run("--questionnaires", str(batchy), "validate", str(path))
    assert code == 0, err
    assert (
        "requirement 'c.3.02' applies only to batch process enterprises, but this organisation is "
        "continuous process. Remove the answer." in err
    )
    doc["organisation"]["profile"] = "batch"
    code, out, err = run(
        "--questionnaires", str(batchy), "score", str(write_yaml(path, doc)), "-f", "json"
    )
    assert code == 0, err
    result = json.loads(out)
    assert result["organisation"]["profile"] == "batch"  # results carry the profile
    assert "c.3.02" in {r["id"] for r in result["requirements"]}


@pytest.mark.parametrize(
    ("kind", "profile"),
    [("discrete", "batch"), ("discrete", "continuous"), ("process", "discrete")],
)
def test_a_profile_that_contradicts_the_type_is_an_error(
    kind: str, profile: str, tmp_path: Path
) -> None:
    q = load_questionnaire(MINI)
    doc = answer_doc(q, {}, kind)
    doc["organisation"]["profile"] = profile
    path = write_yaml(tmp_path / "a.yaml", doc)
    code, _, err = run("--questionnaires", str(MINI), "validate", str(path))
    assert code == 2
    assert err.splitlines()[0] == (
        f"error: {path}:8:3: field 'organisation.profile': the profile does not fit the type: "
        "discrete needs type: discrete, continuous and batch need type: process (mixed fits "
        "either)"
    )


@pytest.mark.parametrize("kind", ["discrete", "process"])
def test_mixed_fits_either_type_and_the_default_follows_the_type(kind: str) -> None:
    q = load_questionnaire(MINI)
    from maturity.schema.answers import AnswerFile

    doc = answer_doc(q, {}, kind)
    assert AnswerFile.model_validate(doc).organisation.profile == (
        Profile.discrete if kind == "discrete" else Profile.continuous
    )
    doc["organisation"]["profile"] = "mixed"
    assert AnswerFile.model_validate(doc).organisation.effective_profile is Profile.mixed


def test_template_profile_batch_lists_batch_items_with_batch_wording(batchy: Path) -> None:
    code, out, err = run("--questionnaires", str(batchy), "template", "mini", "--profile", "batch")
    assert code == 0, err
    assert "  type: process  # discrete | process\n" in out
    assert "  profile: batch  # discrete | continuous | batch | mixed\n" in out
    assert f"{BATCH_WORDING}; Lot release records" in out
    assert "  c.3.02:\n" in out
    code, out, _ = run("--questionnaires", str(batchy), "template", "mini", "--type", "process")
    assert "  profile: continuous" in out and "  c.3.02:\n" not in out
    code, out, _ = run("--questionnaires", str(batchy), "template", "mini", "--profile", "mixed")
    assert "  type: discrete  #" in out and "  profile: mixed  #" in out  # discrete weights


def test_template_refuses_a_profile_that_contradicts_the_type() -> None:
    code, _, err = run("template", "cmmm", "--profile", "batch", "--type", "discrete")
    assert (code, err) == (
        2,
        "error: --profile batch does not fit --type discrete: discrete needs discrete, "
        "continuous and batch need process (mixed fits either).\n",
    )


def test_the_workbook_offers_and_reads_back_the_profile(batchy: Path) -> None:
    from maturity.excel import blank_workbook, read_workbook
    from maturity.schema.base import EnterpriseType

    q = load_questionnaire(batchy)
    raw = blank_workbook(q, "en", EnterpriseType.process, dt.date(2026, 12, 1), Profile.batch)
    doc = read_workbook(raw, "a.xlsx")
    assert doc.data["organisation"] == {"type": "process", "profile": "batch"}
    assert doc.locate(("organisation", "profile")) == "Profile!B4"
