"""The questionnaire start-up cache: used when valid, ignored when stale or damaged."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from maturity import cache
from maturity.questionnaire import load_questionnaire
from tests.conftest import MINI


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MATURITY_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def test_second_load_comes_from_the_cache_and_is_equal(copy: Path, tmp_path: Path) -> None:
    first = load_questionnaire(copy, advice=False)
    written = list((tmp_path / "cache").glob("questionnaire-*.json"))
    assert len(written) == 1
    second = load_questionnaire(copy, advice=False)
    assert (second.header, second.requirements, second.subdomain_of) == (first.header, first.requirements, first.subdomain_of)
    # prove the second load did not read the YAML: break a file without changing its size or time
    sub = copy / "subdomains" / "a.yaml"
    stat = sub.stat()
    sub.write_bytes(b"x" * stat.st_size)
    os.utime(sub, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load_questionnaire(copy, advice=False).requirements == first.requirements


def test_a_changed_file_is_read_again(copy: Path) -> None:
    load_questionnaire(copy, advice=False)
    sub = copy / "subdomains" / "a.yaml"
    sub.write_text(sub.read_text(encoding="utf-8").replace("Question a.1.01?", "Changed?"), encoding="utf-8")
    reloaded = load_questionnaire(copy, advice=False)
    assert reloaded.requirement("a.1.01").question.en == "Changed?"  # type: ignore[union-attr]


def test_damaged_cache_is_ignored(copy: Path, tmp_path: Path) -> None:
    first = load_questionnaire(copy, advice=False)
    for entry in (tmp_path / "cache").glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert load_questionnaire(copy, advice=False).requirements == first.requirements


def test_cache_can_be_switched_off(copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MATURITY_CACHE_DIR", "off")
    load_questionnaire(copy, advice=False)
    assert cache.cache_dir() is None
    assert not (tmp_path / "cache").exists()
