"""Questionnaire versions: 1.0.0 answer files keep loading (and scoring) the frozen 1.0.0 copy while
the live questionnaires are newer; the catalog finds every version and the newest numerically."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maturity.cli.app import app
from maturity.cli.commands.assess import _named_version
from maturity.questionnaire import Catalog, version_key
from tests.conftest import DATA, MINI, REPO, answer_doc, write_yaml

VERSIONS = DATA / "versions"
SAMPLES = ("cmmm-discrete-sample", "cmmm-process-sample")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def mini_versions(root: Path, *versions: str, migrations: dict[str, str] | None = None) -> Path:
    """Copies of the mini questionnaire at ``versions``; ``migrations`` maps a version to the old
    version it carries a migration folder from."""
    for version in versions:
        target = root / f"mini-{version}"
        shutil.copytree(MINI, target)
        header = target / "questionnaire.yaml"
        text = header.read_text(encoding="utf-8").replace("version: '0.1'", f"version: '{version}'")
        header.write_text(text, encoding="utf-8")
        if old := (migrations or {}).get(version):
            (target / "migrations" / f"from-{old}").mkdir(parents=True)
    return root


@pytest.mark.parametrize("name", SAMPLES)
def test_a_1_0_0_sample_scores_exactly_as_before_the_live_questionnaire_moved_on(
    name: str,
) -> None:
    # the inputs are frozen copies of examples/ (which may be edited) with the result of `score`
    # recorded before the live questionnaire became 1.1.0
    code, out, err = run("score", str(VERSIONS / f"{name}.yaml"), "-f", "json")
    assert code == 0, err
    now = json.loads(out)
    before = json.loads((VERSIONS / f"{name}.before.json").read_text("utf-8"))
    # the one addition: the profile, which files before 1.1 leave to their type
    assert before["organisation"].pop("profile") is None
    expected = {"discrete": "discrete", "process": "continuous"}[now["organisation"]["type"]]
    assert now["organisation"].pop("profile") == expected
    assert now["organisation"].pop("id") is None  # added with organisation identity
    assert now["assessment"].pop("consent") is None  # added with the bureau edition
    for key in ("regulated_as", "not_regulated_as"):  # added with legal applicability
        assert now["organisation"].pop(key) is None
    # fields added with tailoring, at their neutral values (nothing tailored, everything applies)
    assert now["counts"].pop("tailored") == 0
    for row in [*now["subdomains"], *now["plan_domains"]]:
        assert row.pop("applicable") is True
        assert row.pop("tailored", None) is None
    assert now == before


def test_a_1_0_0_file_validates_against_the_frozen_copy() -> None:
    assert Catalog().load("cmmm").version == "1.1.0"
    code, _, err = run("validate", str(VERSIONS / "cmmm-discrete-sample.yaml"))
    assert code == 0, err
    assert Catalog().load("cmmm", "1.0.0").path == REPO / "questionnaires" / "cmmm-1.0.0"
    assert Catalog().load("quick", "1.0.0").path == REPO / "questionnaires" / "quick-1.0.0"


def test_the_newest_version_is_found_numerically_and_each_version_on_request(
    tmp_path: Path,
) -> None:
    catalog = Catalog([mini_versions(tmp_path, "1.9.0", "1.10.0", "1.2")])
    assert catalog.load("mini").version == "1.10.0"  # as text "1.9.0" would sort last
    assert catalog.load("mini", "1.9.0").path == tmp_path / "mini-1.9.0"
    assert catalog.load("mini", "1.2").version == "1.2"
    assert catalog.load("mini") is not catalog.load("mini", "1.9.0")  # cached per version
    assert sorted(["1.10.0", "1.9.0", "1.2", "1.2.1"], key=version_key) == [
        "1.2",
        "1.2.1",
        "1.9.0",
        "1.10.0",
    ]


def test_an_answer_file_loads_the_version_it_names(tmp_path: Path) -> None:
    catalog = Catalog([mini_versions(tmp_path, "1.0", "1.1")])
    path = write_yaml(tmp_path / "a.yaml", answer_doc(catalog.load("mini", "1.0"), {}))
    from maturity.answers import load_answers

    assert load_answers(path, catalog.load).questionnaire.version == "1.0"


def test_an_unknown_version_names_the_installed_ones(tmp_path: Path) -> None:
    root = mini_versions(tmp_path / "q", "1.0", "1.1")
    doc = answer_doc(Catalog([root]).load("mini"), {})
    doc["questionnaire"]["version"] = "0.9"
    path = write_yaml(tmp_path / "a.yaml", doc)
    code, _, err = run("--questionnaires", str(root), "validate", str(path))
    assert code == 2
    assert err.splitlines()[0] == (
        f"error: {path}:4:3: the answer file is for version 0.9 of questionnaire mini, which is "
        "not installed (installed: 1.1, 1.0). Create a new template with `maturity template "
        "mini` or install the matching questionnaire."
    )


def test_an_unknown_version_with_a_migration_says_how_to_convert(tmp_path: Path) -> None:
    root = mini_versions(tmp_path / "q", "1.0", "1.1", migrations={"1.1": "0.9"})
    doc = answer_doc(Catalog([root]).load("mini"), {})
    doc["questionnaire"]["version"] = "0.9"
    path = write_yaml(tmp_path / "a.yaml", doc)
    code, _, err = run("--questionnaires", str(root), "validate", str(path))
    assert code == 2
    assert err.splitlines()[0] == (
        f"error: {path}:4:3: the answer file is for version 0.9 of questionnaire mini, which is "
        f"not installed (installed: 1.1, 1.0). Convert it to version 1.1 with `maturity migrate "
        f"{path} -o NEW.yaml`."
    )


def test_questionnaires_lists_every_version_and_marks_the_newest(tmp_path: Path) -> None:
    root = mini_versions(tmp_path, "1.9.0", "1.10.0")
    result = CliRunner().invoke(
        app, ["--questionnaires", str(root), "questionnaires"], env={"COLUMNS": "200"}
    )
    rows = [line.split("│")[:2] for line in result.stdout.splitlines() if "│" in line]
    mini_rows = [[cell.strip() for cell in row] for row in rows if row[0].strip() == "mini"]
    assert mini_rows == [["mini", "1.10.0 (newest)"], ["mini", "1.9.0"]]
    assert ["cmmm", "1.1.0 (newest)"] in [[c.strip() for c in row] for row in rows]
    assert ["cmmm", "1.0.0"] in [[c.strip() for c in row] for row in rows]


def test_resuming_a_draft_goes_on_in_the_version_it_names() -> None:
    load = Catalog().load
    assert _named_version(load, "cmmm", {"id": "cmmm", "version": "1.0.0"}).version == "1.0.0"
    # a version not installed falls back to the newest: load_draft then says which, with the line
    assert _named_version(load, "cmmm", {"id": "cmmm", "version": "0.5"}).version == "1.1.0"


def test_questionnaires_as_json_for_other_tools(tmp_path: Path) -> None:
    root = mini_versions(tmp_path, "1.9.0", "1.10.0")
    code, out, err = run("--questionnaires", str(root), "questionnaires", "-f", "json")
    assert code == 0, err
    rows = [r for r in json.loads(out)["questionnaires"] if r["id"] == "mini"]
    assert rows == [
        {"id": "mini", "version": "1.10.0", "newest": True, "location": str(root / "mini-1.10.0")},
        {"id": "mini", "version": "1.9.0", "newest": False, "location": str(root / "mini-1.9.0")},
    ]
