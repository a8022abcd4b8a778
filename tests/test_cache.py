"""The questionnaire start-up cache: used when valid, ignored when stale or damaged."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from maturity import cache, yamlio
from maturity.questionnaire import Questionnaire, load_questionnaire
from tests.conftest import MINI


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MATURITY_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def test_second_load_comes_from_the_cache_and_is_equal(copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_questionnaire(copy, advice=False)
    written = list((tmp_path / "cache").glob("questionnaire-*.json"))
    assert len(written) == 1
    second = load_questionnaire(copy, advice=False)
    assert (second.header, second.requirements, second.subdomain_of) == (first.header, first.requirements, first.subdomain_of)
    # prove the second load did not parse the YAML
    monkeypatch.setattr(yamlio, "load", _no_yaml)
    assert load_questionnaire(copy, advice=False).requirements == first.requirements


def _no_yaml(*args: object, **kwargs: object) -> None:
    raise AssertionError("the questionnaire was parsed again")


def test_an_edit_that_keeps_size_and_time_is_seen(copy: Path) -> None:
    """The key is the content: an editor (or `touch -r`) can keep a file's size and modification time."""
    load_questionnaire(copy, advice=False)
    sub = copy / "subdomains" / "a.yaml"
    stat = sub.stat()
    text = sub.read_text(encoding="utf-8")
    assert "Question a.1.01?" in text
    sub.write_text(text.replace("Question a.1.01?", "Question a.1.0X?"), encoding="utf-8")
    os.utime(sub, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert sub.stat().st_size == stat.st_size
    reloaded = load_questionnaire(copy, advice=False)
    assert reloaded.requirement("a.1.01").question.en == "Question a.1.0X?"  # type: ignore[union-attr]


def test_a_cache_entry_that_is_not_a_file_is_ignored(copy: Path, tmp_path: Path) -> None:
    first = load_questionnaire(copy, advice=False)
    (entry,) = (tmp_path / "cache").glob("questionnaire-*.json")
    entry.unlink()
    os.mkfifo(entry)  # reading it (or writing it in place) would wait for the other end forever
    result: list[Questionnaire] = []
    worker = threading.Thread(target=lambda: result.append(load_questionnaire(copy, advice=False)), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert result and result[0].requirements == first.requirements


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
