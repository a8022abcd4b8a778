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


# --- maturity show --format json|yaml ----------------------------------------------------------


def test_show_json_is_the_whole_questionnaire(batchy: Path) -> None:
    path = batchy / "subdomains" / "a.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("- id: a.2.01\n", "- id: a.2.01\n  see_also: [b.2.01]\n", 1), encoding="utf-8"
    )
    code, out, err = run("--questionnaires", str(batchy), "show", "mini", "-f", "json")
    assert code == 0, err
    view = json.loads(out)
    assert list(view)[:3] == ["id", "version", "kind"]
    assert (view["id"], view["version"], view["profile"]) == ("mini", "0.1", None)
    assert len(view["requirements"]) == 17 and len(view["subdomains"]) == 3
    assert len(view["levels"]) == 5 and [s["plan_domain"] for s in view["subdomains"]] == [
        "design",
        "production",
        "production",
    ]
    by_id = {r["id"]: r for r in view["requirements"]}
    assert by_id["a.2.01"]["see_also"] == ["b.2.01"]
    assert by_id["c.3.02"]["applies_to"] == ["batch"]
    assert by_id["c.3.02"]["evidence_by_profile"]["batch"][0]["en"] == BATCH_WORDING
    assert by_id["a.1.01"]["statement"] == {"zh": "陈述", "en": "Statement"}
    code, out, err = run("--questionnaires", str(batchy), "show", "mini", "-f", "yaml")
    assert code == 0, err
    import yaml

    assert yaml.safe_load(out) == view


def test_show_with_a_profile_keeps_what_applies_with_its_wording(batchy: Path) -> None:
    def requirements(profile: str) -> dict[str, dict[str, object]]:
        code, out, err = run(
            "--questionnaires", str(batchy), "show", "mini", "-f", "json", "--profile", profile
        )
        assert code == 0, err
        return {r["id"]: r for r in json.loads(out)["requirements"]}

    assert "c.3.02" not in requirements("continuous") and len(requirements("continuous")) == 16
    batch = requirements("batch")["c.3.02"]
    assert batch["evidence"] == [
        {"zh": "每批签发的批记录", "en": BATCH_WORDING},
        {"zh": "批放行记录", "en": "Lot release records"},
    ]
    assert "evidence_by_profile" not in batch


def test_show_a_quick_scan_and_an_older_version() -> None:
    code, out, err = run("show", "quick", "-f", "json", "--version", "1.0.0")
    assert code == 0, err
    view = json.loads(out)
    assert (view["version"], view["kind"], view["based_on"]) == ("1.0.0", "quick", "cmmm")
    assert len(view["questions"]) == 20
    assert [d["level"] for d in view["questions"][0]["descriptors"]] == [0, 1, 2, 3, 4, 5]
    assert "covers" in view["questions"][0]["descriptors"][1]
    code, _, err = run("show", "cmmm", "--version", "0.9")
    assert (code, err) == (
        2,
        "error: questionnaire 'cmmm' has no version 0.9. Installed versions: 1.1.0, 1.0.0.\n",
    )
